import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import {
  PERSONAL_CONVERSATION,
  getCardText,
  readCard,
  startBotHarness,
  type BotHarness,
} from './bot-harness.js';
import {
  CLICKED_MESSAGE_ID,
  countAzureRequests,
  countConnectors,
  findAction,
  getAnswerCard,
  listExecuteActions,
  postInvoke,
  readSandboxState,
  type SandboxState,
} from './card-actions-support.js';
import { SANDBOX_SUBSCRIPTION_IDS } from '../support/sandbox-subscriptions.js';

const [OT, LAB, CORP, RETAIL] = SANDBOX_SUBSCRIPTION_IDS;
const CARD = 'application/vnd.microsoft.card.adaptive';
const ERROR = 'application/vnd.microsoft.error';
const USER_ONE = {
  id: '29:USER_ID_PLACEHOLDER',
  name: 'User One',
  aadObjectId: '00000000-0000-0000-0000-0000000000u1',
};
const USER_TWO = { id: '29:USER_TWO', name: 'User Two', aadObjectId: 'u2' };
const IOT_RULES = (rules: SandboxState['alertRules']) =>
  rules.filter((r) => r.properties.productFilter === 'Azure Security Center for IoT');

describe('connect and disconnect buttons on the subscriptions card', () => {
  let harness: BotHarness;

  beforeAll(async () => {
    harness = await startBotHarness();
  });
  afterAll(async () => {
    await harness.stop();
  });
  afterEach(() => {
    harness.bot.sandbox?.faults.clear();
    harness.connector.reset();
  });

  it('offers Connect only where it can work, Disconnect if connected, Check always', async () => {
    const card = await harness.ask('show subs');
    const buttons = listExecuteActions(card).map((a) => [a.title, a.data.subscriptionId ?? '']);

    expect(buttons).toEqual([
      ['Turn on', ''],
      ['Check', CORP],
      ['Disconnect', OT],
      ['Check', OT],
      ['Check', LAB],
      ['Connect', RETAIL],
      ['Check', RETAIL],
      ['Refresh', ''],
    ]);
    expect(getCardText(card)).toContain('Create incidents: off');
  });

  it('asks for confirmation on the first click and changes nothing', async () => {
    const card = await harness.ask('show subs');
    const connect = findAction(card, 'Connect', RETAIL);

    const answer = await postInvoke(harness, connect.verb, connect.data);
    const confirm = getAnswerCard(answer);

    expect(answer.httpStatus).toBe(200);
    expect(answer.body.statusCode).toBe(200);
    expect(confirm.version).toBe('1.5');
    expect(getCardText(confirm)).toContain('Connect Contoso-Retail-Edge?');
    expect(getCardText(confirm)).toContain('about 15 minutes');
    expect(listExecuteActions(confirm).map((a) => a.title)).toEqual(['Connect', 'Cancel']);
    expect(await countConnectors(harness, RETAIL)).toBe(0);
    await harness.bot.settle();
    expect(harness.connector.updated()).toHaveLength(0);
  });

  it('connects on second click and replaces the card for all, naming who and when', async () => {
    const card = await harness.ask('show subs');
    const confirm = getAnswerCard(
      await postInvoke(harness, 'connectSub', findAction(card, 'Connect', RETAIL).data),
    );

    const answer = await postInvoke(harness, 'connectSub', findAction(confirm, 'Connect').data);
    const updated = getAnswerCard(answer);
    await harness.bot.settle();
    const [put] = harness.connector.updated();

    expect(await countConnectors(harness, RETAIL)).toBe(1);
    expect(getCardText(updated)).toMatch(
      /Contoso-Retail-Edge is connected: connected by User One at \d{4}-\d\d-\d\d \d\d:\d\d UTC/,
    );
    expect(findAction(updated, 'Disconnect', RETAIL).verb).toBe('disconnectSub');
    expect(put?.conversationId).toBe(PERSONAL_CONVERSATION);
    expect(put?.activityId).toBe(CLICKED_MESSAGE_ID);
    expect(readCard(put!)).toEqual(updated);
  });

  it('shows the current state instead of acting on a card older than the last change', async () => {
    const old = await harness.ask('show subs');
    const oldDisconnect = findAction(old, 'Disconnect', OT);
    const writes = countAzureRequests(harness, {
      method: 'DELETE',
      pathPattern: '/dataConnectors/',
    });
    const confirm = getAnswerCard(await postInvoke(harness, 'disconnectSub', oldDisconnect.data));
    await postInvoke(harness, 'disconnectSub', findAction(confirm, 'Disconnect').data);
    const reconnect = getAnswerCard(
      await postInvoke(harness, 'connectSub', {
        ...findAction(await harness.ask('show subs'), 'Connect', OT).data,
        confirmed: true,
      }),
    );
    expect(getCardText(reconnect)).toContain('Contoso-OT is connected');

    // User Two still has the first card, which offers Disconnect; it is older than both changes.
    const stale = await postInvoke(harness, 'disconnectSub', oldDisconnect.data, {
      from: USER_TWO,
    });
    const text = getCardText(getAnswerCard(stale));

    expect(writes()).toBe(1);
    expect(await countConnectors(harness, OT)).toBe(1);
    expect(text).toMatch(/Contoso-OT is connected: connected by User One at .* UTC\./);
    expect(text).not.toContain('Disconnect Contoso-OT?');
  });

  it('says "already connected" for a click that asks for the state Azure already has', async () => {
    const answer = await postInvoke(harness, 'connectSub', {
      subscriptionId: RETAIL,
      origin: 'subs',
      confirmed: true,
    });

    expect(getCardText(getAnswerCard(answer))).toMatch(
      /Contoso-Retail-Edge is connected: connected by User One at/,
    );
  });

  it('changes Azure once when Teams delivers the same invoke twice (F17, F08)', async () => {
    const writes = countAzureRequests(harness, {
      method: 'DELETE',
      pathPattern: '/dataConnectors/',
      delayMs: 300,
    });
    const data = { subscriptionId: RETAIL, origin: 'subs', confirmed: true };
    const id = 'f:same-delivery';

    const [first, second] = await Promise.all([
      postInvoke(harness, 'disconnectSub', data, { id }),
      postInvoke(harness, 'disconnectSub', data, { id }),
    ]);
    const third = await postInvoke(harness, 'disconnectSub', data, { id });

    expect(writes()).toBe(1);
    expect(await countConnectors(harness, RETAIL)).toBe(0);
    expect(second.body).toEqual(first.body);
    expect(third.body).toEqual(first.body);
    expect(getCardText(getAnswerCard(first))).toContain('Contoso-Retail-Edge is disconnected');
  });

  it('gives AuthorizationFailed an error body with no raw answer, stack, token (F10)', async () => {
    harness.bot.sandbox?.faults.add({
      method: 'PUT',
      pathPattern: '/dataConnectors/',
      status: 403,
      body: {
        error: {
          code: 'AuthorizationFailed',
          message:
            "The client 'ops@contoso.com' with object id '0000' does not have authorization.",
        },
      },
    });

    const answer = await postInvoke(harness, 'connectSub', {
      subscriptionId: RETAIL,
      origin: 'subs',
      confirmed: true,
    });
    await harness.bot.settle();

    expect(answer.httpStatus).toBe(200);
    expect(answer.body).toEqual({
      statusCode: 403,
      type: ERROR,
      value: { code: 'AZURE_AUTHORIZATION_FAILED', message: expect.any(String) },
    });
    const message = (answer.body.value as { message: string }).message;
    expect(message).toContain('Could not connect the Defender for IoT connector');
    expect(message).toContain('Contributor on the subscription');
    expect(JSON.stringify(answer.body)).not.toMatch(
      /ops@contoso|authorization\.|Bearer|at .*\.ts:/,
    );
    expect(harness.connector.updated()).toHaveLength(0);
    expect(await countConnectors(harness, RETAIL)).toBe(0);
  });

  it('cancels back to the subscriptions card without changing Azure', async () => {
    const confirm = getAnswerCard(
      await postInvoke(harness, 'connectSub', { subscriptionId: RETAIL, origin: 'subs' }),
    );
    const cancel = findAction(confirm, 'Cancel');

    const answer = getAnswerCard(await postInvoke(harness, cancel.verb, cancel.data));

    expect(getCardText(answer)).toContain('Subscriptions (4)');
    expect(await countConnectors(harness, RETAIL)).toBe(0);
  });
});

describe('the incident toggle and the check card', () => {
  let harness: BotHarness;

  beforeAll(async () => {
    harness = await startBotHarness();
  });
  afterAll(async () => {
    await harness.stop();
  });
  afterEach(() => harness.connector.reset());

  it('switches incident creation on after confirmation and shows it on the card', async () => {
    const card = await harness.ask('show subs');
    const toggle = findAction(card, 'Turn on');
    const confirm = getAnswerCard(await postInvoke(harness, toggle.verb, toggle.data));
    const rulesBefore = (await readSandboxState(harness)).alertRules;

    const updated = getAnswerCard(
      await postInvoke(harness, 'incidents', findAction(confirm, 'Turn on').data),
    );
    const rules = (await readSandboxState(harness)).alertRules;

    expect(getCardText(confirm)).toContain('Turn incident creation on?');
    expect(IOT_RULES(rulesBefore).filter((r) => r.properties.enabled)).toHaveLength(0);
    expect(IOT_RULES(rules).filter((r) => r.properties.enabled)).toHaveLength(1);
    expect(getCardText(updated)).toContain('Create incidents: on');
    expect(getCardText(updated)).toMatch(/switched on by User One at/);
    expect(findAction(updated, 'Turn off').data.state).toBe('off');
  });

  it('offers Connect on the check card only when every prerequisite holds', async () => {
    const ready = await harness.ask('check sub Contoso-Retail-Edge');
    const noDefender = await harness.ask('check sub Contoso-Plant-Lab');
    const connected = await harness.ask('check sub Contoso-OT');

    expect(listExecuteActions(ready).map((a) => a.title)).toEqual(['Connect', 'Refresh']);
    expect(listExecuteActions(noDefender).map((a) => a.title)).toEqual(['Refresh']);
    expect(listExecuteActions(connected).map((a) => a.title)).toEqual(['Refresh']);
  });

  it('connects from the check card and draws the check card again', async () => {
    const card = await harness.ask('check sub Contoso-Retail-Edge');
    const confirm = getAnswerCard(
      await postInvoke(harness, 'connectSub', findAction(card, 'Connect').data),
    );

    const updated = getAnswerCard(
      await postInvoke(harness, 'connectSub', findAction(confirm, 'Connect').data),
    );

    expect(getCardText(updated)).toContain('Prerequisites for connecting Contoso-Retail-Edge');
    expect(getCardText(updated)).toContain('Connected: alerts flow into the workspace.');
    expect(listExecuteActions(updated).map((a) => a.title)).toEqual(['Refresh']);
    expect(await countConnectors(harness, RETAIL)).toBe(1);
  });

  it('posts the check card as a new message for the Check button', async () => {
    const answer = await postInvoke(harness, 'checkSub', { subscriptionId: LAB });

    expect(answer.body).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: 'Posted the answer below.',
    });
    const [sent] = harness.connector.sent();
    expect(getCardText(readCard(sent!))).toContain(
      'Prerequisites for connecting Contoso-Plant-Lab',
    );
  });
});

describe('protocol answers', () => {
  let harness: BotHarness;

  beforeAll(async () => {
    harness = await startBotHarness({ BOT_OPERATORS: '00000000-0000-0000-0000-0000000000u1' });
  });
  afterAll(async () => {
    await harness.stop();
  });
  afterEach(() => {
    harness.bot.sandbox?.faults.clear();
    harness.connector.reset();
  });

  it('answers an action type other than Action.Execute with a 400 error body (F06)', async () => {
    const answer = await postInvoke(
      harness,
      'showSubs',
      {},
      {
        value: { action: { type: 'Action.Submit', verb: 'showSubs', data: {} }, trigger: 'manual' },
      },
    );

    expect(answer.httpStatus).toBe(200);
    expect(answer.body).toEqual({
      statusCode: 400,
      type: ERROR,
      value: { code: 'NotSupported', message: 'Only Action.Execute buttons are handled.' },
    });
  });

  it('answers an unknown verb with 200 and a notice, never 501 or empty (F08)', async () => {
    const answer = await postInvoke(harness, 'doesNotExist');

    expect(answer.httpStatus).toBe(200);
    expect(answer.body.statusCode).toBe(200);
    expect(answer.body.type).toBe(CARD);
    expect(getCardText(getAnswerCard(answer))).toContain('Unknown action');
  });

  it('answers the published invoke without a verb with a message body', async () => {
    const response = await harness.post('adaptive-card-action-invoke');

    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: 'This button has nothing to do.',
    });
  });

  it('answers in a channel thread with a valid body (F07)', async () => {
    const answer = await postInvoke(
      harness,
      'showSubs',
      { inPlace: true },
      {
        conversation: {
          id: '19:CHANNEL_ID_PLACEHOLDER@thread.tacv2;messageid=1759881511856',
          conversationType: 'channel',
          tenantId: 'TENANT_ID_PLACEHOLDER',
        },
      },
    );

    expect(answer.body.statusCode).toBe(200);
    expect(getCardText(getAnswerCard(answer))).toContain('Subscriptions (4)');
  });

  it('shows a non-operator the refusal card for a change button, like typed text', async () => {
    const answer = await postInvoke(
      harness,
      'connectSub',
      { subscriptionId: RETAIL, origin: 'subs', confirmed: true },
      { from: USER_TWO },
    );

    expect(getCardText(getAnswerCard(answer))).toContain('Only bot operators can do this');
    expect(await countConnectors(harness, RETAIL)).toBe(0);
  });

  it('refuses the first click too, before any confirmation', async () => {
    const answer = await postInvoke(
      harness,
      'incidents',
      { state: 'on', origin: 'subs' },
      {
        from: USER_TWO,
      },
    );

    expect(getCardText(getAnswerCard(answer))).toContain('Only bot operators can do this');
    expect(getCardText(getAnswerCard(answer))).not.toContain('Turn incident creation on?');
  });

  it('answers a crafted button with an invalid value with a 400 error body', async () => {
    const answer = await postInvoke(harness, 'showIotAlerts', { filters: 'severity Bogus' });

    expect(answer.body).toMatchObject({
      statusCode: 400,
      type: ERROR,
      value: { code: 'USAGE_INVALID' },
    });
  });

  it('updates the clicked message with confirm and result via Action.Submit (F05)', async () => {
    await harness.post('action-submit-postback', {
      from: USER_ONE,
      value: { verb: 'connectSub', subscriptionId: RETAIL, origin: 'subs' },
    });
    const [confirmPut] = harness.connector.updated();
    const confirm = readCard(confirmPut!);
    harness.connector.reset();

    await harness.post('action-submit-postback', {
      from: USER_ONE,
      value: findAction(confirm, 'Connect').data,
    });
    const [resultPut] = harness.connector.updated();

    expect(confirmPut?.activityId).toBe('1575667808184');
    expect(getCardText(confirm)).toContain('Connect Contoso-Retail-Edge?');
    expect(resultPut?.activityId).toBe('1575667808184');
    expect(getCardText(readCard(resultPut!))).toMatch(
      /Contoso-Retail-Edge is connected: connected by User One/,
    );
    expect(await countConnectors(harness, RETAIL)).toBe(1);
  });
});

describe('slow Azure calls inside a button (F09)', () => {
  let harness: BotHarness;

  beforeAll(async () => {
    harness = await startBotHarness({}, { actionDeadlineMs: 100 });
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('answers with a working card at once and updates the clicked message when done', async () => {
    const writes = countAzureRequests(harness, {
      method: 'PUT',
      pathPattern: '/dataConnectors/',
      delayMs: 1000,
    });

    const answer = await postInvoke(harness, 'connectSub', {
      subscriptionId: RETAIL,
      origin: 'subs',
      confirmed: true,
    });
    const retry = await postInvoke(harness, 'connectSub', {
      subscriptionId: RETAIL,
      origin: 'subs',
      confirmed: true,
    });
    await harness.bot.settle();
    const puts = harness.connector.updated();

    expect(getCardText(getAnswerCard(answer))).toContain('Working on it…');
    expect(writes()).toBe(1);
    expect(puts.length).toBeGreaterThanOrEqual(1);
    expect(puts.every((put) => put.activityId === CLICKED_MESSAGE_ID)).toBe(true);
    expect(getCardText(readCard(puts.at(-1)!))).toMatch(/Contoso-Retail-Edge is connected/);
    expect(getCardText(getAnswerCard(retry))).toContain('Working on it…');
    expect(await countConnectors(harness, RETAIL)).toBe(1);
  });
});
