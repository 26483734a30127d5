import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ConnectorCall } from '../../support/bot-connector-stub.js';
import { getCardText, startBotHarness, type BotHarness } from '../bot-harness.js';
import { SANDBOX_SUBSCRIPTION_IDS } from '../../support/sandbox-subscriptions.js';

const [OT, , , RETAIL] = SANDBOX_SUBSCRIPTION_IDS;
const CHANNEL = '19:CHANNEL_ID_PLACEHOLDER@thread.tacv2';
/** Conversations, each with its own watch, typed as real Teams messages. */
const ALL = 'a:watch-all';
const OT_ONLY = 'a:watch-contoso-ot';
const HIGH_ONLY = 'a:watch-high';
const OTHER_HUB = 'a:watch-neu-hub';

describe('alert notices on the Azure sandbox', () => {
  let harness: BotHarness;
  const say = async (conversationId: string, text: string) => {
    const response = await harness.post('personal-message', {
      text,
      conversation: { id: conversationId, conversationType: 'personal', tenantId: 'T1' },
    });
    expect(response.status).toBe(200);
  };
  /** Notices are new posts: unlike replies they carry no replyToId. */
  const noticesTo = (conversationId: string): ConnectorCall[] =>
    harness.connector.sent(conversationId).filter((call) => !call.body.replyToId);
  const alertIdsIn = (calls: ConnectorCall[]) =>
    calls.map((call) => {
      const card = (call.body.attachments as Array<{ content: unknown }> | undefined)?.[0]?.content;
      return /"alertId":"([^"]+)"/.exec(JSON.stringify(card))?.[1] ?? String(call.body.text);
    });
  const poll = () => harness.bot.notices.pollAndDeliver();
  const raise = (
    count: number,
    options: Parameters<NonNullable<BotHarness['bot']['sandbox']>['generateAlerts']>[1],
  ) => harness.bot.sandbox?.generateAlerts(count, { ingestionDelaySeconds: 0, ...options }) ?? [];

  beforeAll(async () => {
    // One background poll at start; the tests poll themselves after that.
    harness = await startBotHarness({ ALERT_POLL_SECONDS: '86400' });
    await harness.post('installation-update-add');
    await harness.post('channel-message-mention', {
      text: '<at>IoT Alert Bot</at> watch alerts sub Contoso-OT hub contoso-ot-hub-weu',
    });
    await say(ALL, 'watch alerts');
    await say(OT_ONLY, 'watch alerts sub Contoso-OT');
    await say(HIGH_ONLY, 'watch alerts severity High and above');
    await say(OTHER_HUB, 'watch alerts hub contoso-ot-hub-neu');
    await harness.bot.settle();
    await poll();
  });
  afterAll(async () => {
    await harness.stop();
  });
  beforeEach(async () => {
    await harness.bot.settle();
    await poll();
    harness.connector.reset();
  });

  it('confirms each watch in the conversation it was typed in', async () => {
    expect((await harness.bot.notices.store.getConversation(HIGH_ONLY))?.watches).toMatchObject([
      { id: 1, minSeverity: 'High' },
    ]);
    expect((await harness.bot.notices.store.getConversation(CHANNEL))?.watches).toMatchObject([
      { subscriptionId: OT, hubName: 'contoso-ot-hub-weu' },
    ]);
  });

  it('posts a new matching alert once to every watching conversation and to no other', async () => {
    const [alert] = raise(1, {
      subscriptionId: OT,
      hubName: 'contoso-ot-hub-weu',
      severity: 'Medium',
    });

    await poll();
    await poll();

    for (const conversation of [ALL, OT_ONLY, CHANNEL]) {
      expect(alertIdsIn(noticesTo(conversation))).toEqual([alert?.systemAlertId]);
    }
    expect(noticesTo(HIGH_ONLY)).toEqual([]);
    expect(noticesTo(OTHER_HUB)).toEqual([]);
    expect(getCardText(noticesTo(ALL)[0]?.body.attachments)).toContain(alert?.alertName);
    expect(getCardText(noticesTo(ALL)[0]?.body.attachments)).toContain(`Contoso-OT (${OT})`);
  });

  it('posts an alert no watch matches nowhere', async () => {
    raise(1, { subscriptionId: OT, hubName: 'contoso-ot-hub-sdc', severity: 'Low' });

    await poll();

    expect(noticesTo(ALL)).toHaveLength(1);
    expect(noticesTo(OT_ONLY)).toHaveLength(1);
    for (const conversation of [HIGH_ONLY, OTHER_HUB, CHANNEL]) {
      expect(noticesTo(conversation)).toEqual([]);
    }
  });

  it('posts a row ingested after a poll exactly once (F21)', async () => {
    const [late] = raise(1, {
      subscriptionId: OT,
      hubName: 'contoso-ot-hub-neu',
      ingestionDelaySeconds: 2,
    });
    await poll();
    expect(noticesTo(OTHER_HUB)).toEqual([]);

    await sleep(2_200);
    await poll();
    await poll();

    expect(late?.ingestionTime.getTime()).toBeGreaterThan(
      late?.timeGenerated.getTime() ?? Infinity,
    );
    expect(alertIdsIn(noticesTo(OTHER_HUB))).toEqual([late?.systemAlertId]);
  });

  it('delays notices through a 429 storm with Retry-After, losing and doubling none', async () => {
    harness.connector.respondWith({
      status: 429,
      headers: { 'retry-after': '1' },
      body: { error: { code: 'Throttled', message: 'Too many requests' } },
      conversationId: OT_ONLY,
      times: 3,
    });
    const alerts = raise(3, {
      subscriptionId: OT,
      hubName: 'contoso-ot-hub-sdc',
      severity: 'High',
    });

    await poll();

    const calls = harness.connector.sent(OT_ONLY);
    const throttled = calls.filter((_, i) => i < 3);
    const next = calls[3];
    expect(calls).toHaveLength(6);
    expect(next && throttled[2] ? next.at - throttled[2].at : 0).toBeGreaterThanOrEqual(1_000);
    expect(alertIdsIn(calls.slice(3)).sort()).toEqual(alerts.map((a) => a.systemAlertId).sort());
    expect(alertIdsIn(noticesTo(HIGH_ONLY)).sort()).toEqual(
      alerts.map((a) => a.systemAlertId).sort(),
    );
  });

  it('pauses only the conversation Teams says the bot left (F11)', async () => {
    harness.connector.respondWith({
      status: 403,
      body: {
        error: {
          code: 'BotNotInConversationRoster',
          message: 'The bot is not part of the conversation roster.',
        },
      },
      conversationId: ALL,
    });
    raise(1, { subscriptionId: OT, hubName: 'contoso-ot-hub-weu', severity: 'High' });
    await poll();
    raise(1, { subscriptionId: OT, hubName: 'contoso-ot-hub-weu', severity: 'High' });

    await poll();

    expect(harness.connector.sent(ALL)).toHaveLength(1);
    expect(noticesTo(OT_ONLY)).toHaveLength(2);
    expect(noticesTo(CHANNEL)).toHaveLength(2);
    expect((await harness.bot.notices.store.getConversation(ALL))?.paused?.code).toBe(
      'BotNotInConversationRoster',
    );

    // A message from the conversation shows the bot is back: notices resume there.
    await say(ALL, 'show watches');
    harness.connector.reset();
    const [fresh] = raise(1, {
      subscriptionId: OT,
      hubName: 'contoso-ot-hub-weu',
      severity: 'High',
    });
    await poll();
    // Only the new alert: what arrived while paused is not replayed.
    expect(alertIdsIn(noticesTo(ALL))).toEqual([fresh?.systemAlertId]);
  });

  it('collapses 12 alerts of one poll into one digest per conversation', async () => {
    raise(12, { subscriptionId: OT, hubName: 'contoso-ot-hub-weu' });

    await poll();

    for (const conversation of [ALL, OT_ONLY, CHANNEL]) {
      const calls = noticesTo(conversation);
      expect(calls).toHaveLength(1);
      expect(String(calls[0]?.body.summary)).toMatch(/^12 new Defender for IoT alerts: /);
      expect(getCardText(calls[0]?.body.attachments)).toContain('7 more');
    }
  });

  it('says where a subscription was connected when its first alert arrived', async () => {
    await say(HIGH_ONLY, 'connect sub Contoso-Retail-Edge');
    await harness.bot.settle();
    await sleep(50);
    const [first] = raise(1, { subscriptionId: RETAIL, severity: 'Low' });

    await poll();

    expect(first?.reachesWorkspace).toBe(true);
    expect(noticesTo(HIGH_ONLY).map((call) => call.body.text)).toEqual([
      expect.stringMatching(
        /^The first Defender for IoT alert from Contoso-Retail-Edge reached Sentinel/,
      ),
    ]);
  });
});
