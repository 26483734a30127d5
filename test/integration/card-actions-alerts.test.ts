import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getCardText, readCard, startBotHarness, type BotHarness } from './bot-harness.js';
import {
  findAction,
  getAnswerCard,
  listExecuteActions,
  postInvoke,
} from './card-actions-support.js';

/** The alert ids of the Details buttons, in card order. */
const listAlertIds = (card: unknown) =>
  listExecuteActions(card)
    .filter((action) => action.title === 'Details')
    .map((action) => action.data.systemAlertId);

describe('alert card buttons', () => {
  let harness: BotHarness;

  beforeAll(async () => {
    harness = await startBotHarness({}, { actionDeadlineMs: 2000 });
  });
  afterAll(async () => {
    await harness.stop();
  });
  afterEach(() => {
    harness.bot.sandbox?.faults.clear();
    harness.connector.reset();
  });

  it('pages forward and back keeping the filters, replacing the card for the clicker', async () => {
    const first = await harness.ask('show iot alerts last 7d severity Medium top 3');
    const firstIds = listAlertIds(first);
    const next = findAction(first, 'Next');

    const second = getAnswerCard(await postInvoke(harness, next.verb, next.data));
    const back = getAnswerCard(
      await postInvoke(harness, 'showIotAlerts', findAction(second, 'Previous').data),
    );
    const combined = await harness.ask('show iot alerts last 7d severity Medium top 6');

    expect(next.data).toEqual({
      verb: 'showIotAlerts',
      filters: 'last 168h severity Medium top 3',
      page: 2,
      inPlace: true,
    });
    expect(getCardText(second)).toContain('showing 4–6');
    expect([...firstIds, ...listAlertIds(second)]).toEqual(listAlertIds(combined));
    expect(listAlertIds(back)).toEqual(firstIds);
    expect(listExecuteActions(first).map((a) => a.title)).not.toContain('Previous');
    expect(getCardText(second)).toMatch(/Medium · /);
    expect(getCardText(second)).not.toMatch(/High · |Low · /);
    await harness.bot.settle();
    expect(harness.connector.updated()).toHaveLength(0);
  });

  it('refreshes in place and shows a newly raised alert first', async () => {
    const card = await harness.ask('show iot alerts last 2h hub contoso-ot-hub-weu top 5');
    const [raised] =
      harness.bot.sandbox?.generateAlerts(1, {
        hubName: 'contoso-ot-hub-weu',
        ingestionDelaySeconds: 0,
      }) ?? [];
    const refresh = findAction(card, 'Refresh');

    const updated = getAnswerCard(await postInvoke(harness, refresh.verb, refresh.data));

    expect(listAlertIds(updated)[0]).toBe(raised?.systemAlertId);
  });

  it('posts the alert in full for Details and answers the click with a message', async () => {
    const card = await harness.ask('show iot alerts last 7d top 1');
    const [id] = listAlertIds(card);
    harness.connector.reset();

    const answer = await postInvoke(harness, 'showAlert', { systemAlertId: id });
    const [sent] = harness.connector.sent();

    expect(answer.body).toEqual({
      statusCode: 200,
      type: 'application/vnd.microsoft.activity.message',
      value: 'Posted the answer below.',
    });
    expect(getCardText(readCard(sent!))).toContain(`Alert id\n${String(id)}`);
  });

  it('still accepts the older alertId from cards already posted', async () => {
    const [id] = listAlertIds(await harness.ask('show iot alerts last 7d top 1'));
    harness.connector.reset();

    await postInvoke(harness, 'showAlert', { alertId: id });

    expect(getCardText(readCard(harness.connector.sent()[0]!))).toContain(String(id));
  });

  it('answers a slow page with a working card, then updates it when the query ends', async () => {
    const card = await harness.ask('show iot alerts last 7d top 3');
    harness.bot.sandbox?.faults.add({ method: 'POST', pathPattern: '/query', delayMs: 2500 });

    const answer = await postInvoke(harness, 'showIotAlerts', findAction(card, 'Next').data);
    await harness.bot.settle();
    const [put] = harness.connector.updated();

    expect(getCardText(getAnswerCard(answer))).toContain('Working on it…');
    expect(getCardText(readCard(put!))).toContain('showing 4–6');
  });
});
