import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  PERSONAL_CONVERSATION,
  getCardText,
  readCard,
  startBotHarness,
  type BotHarness,
} from '../bot-harness.js';
import {
  findAction,
  getAnswerCard,
  postInvoke,
  readSandboxState,
} from '../card-actions-support.js';

const USER_ONE = '00000000-0000-0000-0000-0000000000u1';
const USER_TWO = {
  id: '29:USER_TWO',
  name: 'User Two',
  aadObjectId: 'bbbbbbbb-0000-0000-0000-000000000002',
};
const WORKSPACE = 'law-contoso-sentinel';
const RULE_CORRELATION = '0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d';

describe('watch and incident changes in the audit trail', () => {
  let harness: BotHarness;

  /** Types a command as User Two, who is not an operator, and returns the reply card. */
  const askAsUserTwo = async (text: string) => {
    const before = harness.connector.calls.length;
    await harness.post('personal-message', { text, from: USER_TWO });
    const call = harness.connector.calls[before];
    if (!call) throw new Error(`no reply to "${text}"`);
    return readCard(call);
  };
  const incidentRuleEnabled = async () =>
    (await readSandboxState(harness)).alertRules.some(
      (rule) =>
        rule.properties.productFilter === 'Azure Security Center for IoT' &&
        rule.properties.enabled,
    );

  beforeAll(async () => {
    harness = await startBotHarness({ BOT_OPERATORS: USER_ONE });
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('refuses a non-operator watching, unwatching and switching incidents', async () => {
    expect(getCardText(await askAsUserTwo('watch alerts'))).toContain(
      '"watch alerts" needs the bot operator role',
    );
    expect(getCardText(await askAsUserTwo('unwatch'))).toContain('"unwatch" needs');
    expect(getCardText(await askAsUserTwo('incidents on'))).toContain('"incidents" needs');
    expect(getCardText(await askAsUserTwo('incidents'))).toContain('Incident creation is off');
    expect(await incidentRuleEnabled()).toBe(false);
  });

  it('records watches, switches by text and by button, and a failed switch', async () => {
    await harness.ask('watch alerts severity High and above');
    await harness.ask('unwatch');
    await harness.ask('unwatch');
    await harness.ask('incidents on');
    await harness.ask('incidents on');
    const confirm = getAnswerCard(await postInvoke(harness, 'incidents', { state: 'off' }));
    await postInvoke(harness, 'incidents', findAction(confirm, 'Turn off').data);
    harness.bot.sandbox?.faults.add({
      method: 'PUT',
      pathPattern: '/alertRules/',
      status: 500,
      headers: { 'x-ms-correlation-request-id': RULE_CORRELATION },
    });
    await harness.ask('incidents on');
    harness.bot.sandbox?.faults.clear();

    expect(await incidentRuleEnabled()).toBe(false);
  });

  it('lists each attempt exactly once with its result', async () => {
    const card = await harness.ask('audit');
    const body = card.body as Array<{ type: string; items?: Array<{ text?: string }> }>;
    const rows = body
      .filter((element) => element.type === 'Container')
      .map((container) => (container.items ?? []).map((item) => item.text));

    expect(rows.map((row) => row[0])).toEqual([
      `failed: incidents on · ${WORKSPACE}`,
      `succeeded: incidents off · ${WORKSPACE}`,
      `unchanged: incidents on · ${WORKSPACE}`,
      `succeeded: incidents on · ${WORKSPACE}`,
      `unchanged: unwatch · ${PERSONAL_CONVERSATION}`,
      `succeeded: unwatch · ${PERSONAL_CONVERSATION}`,
      `succeeded: watch alerts · ${PERSONAL_CONVERSATION}`,
      `refused: incidents on · ${WORKSPACE}`,
      `refused: unwatch · ${PERSONAL_CONVERSATION}`,
      `refused: watch alerts · ${PERSONAL_CONVERSATION}`,
    ]);
    expect(rows[0]?.[2]).toBe(`Correlation id: ${RULE_CORRELATION}`);
    expect(rows.map((row) => row[1]?.split(' · ')[1])).toEqual([
      ...Array<string>(7).fill(`User One (${USER_ONE})`),
      ...Array<string>(3).fill(`User Two (${USER_TWO.aadObjectId})`),
    ]);
  });
});
