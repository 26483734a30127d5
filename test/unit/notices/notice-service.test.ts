import { MemoryStorage } from 'botbuilder';
import { beforeEach, describe, expect, it } from 'vitest';
import { createCardRenderer } from '../../../src/cards/render-card.js';
import { ConnectorSendError } from '../../../src/notices/connector-http-client.js';
import {
  createNoticeService,
  type NoticeService,
} from '../../../src/notices/create-notice-service.js';
import { addWatch } from '../../../src/notices/manage-watches.js';
import type { DeliveryLimits } from '../../../src/notices/notice-delivery.js';
import { loadActivity } from '../../support/activities.js';
import {
  createMemoryLogger,
  describeMessage,
  FakeLogs,
  FakeSender,
  hubId,
  makeRow,
  SUB_A,
  SUB_B,
} from './notice-fakes.js';

/** No pacing in unit tests: pacing is measured by `npm run bench`. */
const UNPACED: DeliveryLimits = {
  conversationMinTimeMs: 0,
  conversationBurst: 1_000,
  conversationRefillMs: 1_000,
  hourlyBurst: 1_000,
  hourlyRefillMs: 1_000,
  tenantMinTimeMs: 0,
};

const OPS = 'a:ops';
const PLANT = 'a:plant';
const QUIET = 'a:quiet';

describe('the notice service', () => {
  let clock: Date;
  let logs: FakeLogs;
  let sender: FakeSender;
  let service: NoticeService;
  let log: ReturnType<typeof createMemoryLogger>;
  let waits: number[];

  const at = (iso: string) => {
    clock = new Date(iso);
  };
  const join = async (conversationId: string) => {
    const activity = loadActivity('personal-message', {
      conversation: { id: conversationId, conversationType: 'personal', tenantId: 'T1' },
    });
    await service.recordActivity(activity);
  };
  const ids = (conversationId: string) =>
    sender.to(conversationId).map((message) => describeMessage(message.activity));

  beforeEach(async () => {
    at('2026-12-03T12:00:00Z');
    logs = new FakeLogs(() => clock);
    sender = new FakeSender();
    log = createMemoryLogger();
    waits = [];
    service = createNoticeService(
      { workspaceId: 'ws', pollSeconds: 60, overlapSeconds: 300, limits: UNPACED },
      {
        storage: new MemoryStorage(),
        logs,
        sender,
        renderer: createCardRenderer(),
        logger: log.logger,
        now: () => clock,
        sleep: async (ms) => void waits.push(ms),
        random: () => 0.5,
      },
    );
    for (const id of [OPS, PLANT, QUIET]) await join(id);
    await addWatch(service.store, OPS, { now: clock });
    await addWatch(service.store, OPS, { now: clock, minSeverity: 'High' });
    await addWatch(service.store, PLANT, { now: clock, hubName: 'hub-a', subscriptionId: SUB_A });
    await addWatch(service.store, QUIET, {
      now: clock,
      minSeverity: 'High',
      subscriptionId: SUB_B,
    });
    await service.pollAndDeliver();
  });

  it('posts a matching alert once to every watching conversation and nowhere else', async () => {
    logs.rows.push(makeRow('A1', { at: '2026-12-03T12:00:30Z' }));
    at('2026-12-03T12:01:00Z');

    await service.pollAndDeliver();
    await service.pollAndDeliver();

    expect(ids(OPS)).toEqual([expect.stringContaining('Alert A1')]);
    expect(ids(PLANT)).toEqual([expect.stringContaining('Alert A1')]);
    expect(ids(QUIET)).toEqual([]);
  });

  it('posts nothing for an alert no watch matches', async () => {
    await addWatch(service.store, PLANT, { now: clock, minSeverity: 'High' });
    logs.rows.push(
      makeRow('L1', {
        at: '2026-12-03T12:00:30Z',
        AlertSeverity: 'Low',
        ResourceId: hubId(SUB_B, 'hub-z'),
      }),
    );
    at('2026-12-03T12:01:00Z');

    await service.pollAndDeliver();

    expect(ids(OPS)).toHaveLength(1);
    expect(ids(PLANT)).toEqual([]);
    expect(ids(QUIET)).toEqual([]);
  });

  it('posts a row ingested after the poll covering its TimeGenerated, once (F21)', async () => {
    logs.rows.push(
      makeRow('A', {
        TimeGenerated: new Date('2026-12-03T11:58:00Z'),
        IngestedAt: new Date('2026-12-03T12:04:00Z'),
      }),
      makeRow('B', {
        TimeGenerated: new Date('2026-12-03T12:03:00Z'),
        IngestedAt: new Date('2026-12-03T12:09:00Z'),
      }),
    );

    for (const time of ['12:05', '12:10', '12:15', '12:20']) {
      at(`2026-12-03T${time}:00Z`);
      await service.pollAndDeliver();
    }

    expect(ids(OPS)).toEqual([
      expect.stringContaining('Alert A'),
      expect.stringContaining('Alert B'),
    ]);
    expect(logs.queries.every((query) => query.includes('ingestion_time()'))).toBe(true);
  });

  it('does not post again when a later row changes the alert status', async () => {
    logs.rows.push(makeRow('S1', { at: '2026-12-03T12:00:30Z' }));
    at('2026-12-03T12:01:00Z');
    await service.pollAndDeliver();
    logs.rows.push(makeRow('S1', { at: '2026-12-03T12:01:30Z', Status: 'Resolved' }));
    at('2026-12-03T12:02:00Z');

    await service.pollAndDeliver();

    expect(ids(OPS)).toHaveLength(1);
  });

  it('posts partial-result rows, keeps the watermark and narrows the next page (F23)', async () => {
    const before = await service.store.getPollState();
    logs.rows.push(
      makeRow('P1', { at: '2026-12-03T12:00:10Z' }),
      makeRow('P2', { at: '2026-12-03T12:00:20Z' }),
      makeRow('P3', { at: '2026-12-03T12:00:30Z' }),
    );
    logs.script.push({ partial: 2 });
    at('2026-12-03T12:01:00Z');

    const outcome = await service.pollAndDeliver();

    expect(outcome.kind).toBe('partial');
    expect(ids(OPS)).toHaveLength(2);
    expect(await service.store.getPollState()).toEqual(before);
    expect(log.lines().some((line) => line.level === 'warn' && line.code === 'PartialError')).toBe(
      true,
    );

    await service.pollAndDeliver();
    expect(logs.queries.at(-1)).toContain('take 250');
    expect(ids(OPS).map((text) => /Alert (P\d)/.exec(text)?.[1])).toEqual(['P1', 'P2', 'P3']);
  });

  it('keeps the watermark while the credential is not ready, then catches up (F24)', async () => {
    const before = await service.store.getPollState();
    const unavailable = Object.assign(new Error('no managed identity endpoint'), {
      name: 'CredentialUnavailableError',
    });
    logs.script.push(unavailable, unavailable);
    logs.rows.push(makeRow('C1', { at: '2026-12-03T12:00:30Z' }));
    at('2026-12-03T12:01:00Z');

    const first = await service.pollAndDeliver();
    const second = await service.pollAndDeliver();

    expect(first).toMatchObject({ kind: 'failed', reason: 'auth-unavailable' });
    expect(second.retryInMs).toBeGreaterThan(first.retryInMs);
    expect(service.status()).toMatchObject({ state: 'auth-unavailable', consecutiveFailures: 2 });
    expect(await service.store.getPollState()).toEqual(before);
    expect(
      log
        .lines()
        .filter((line) => line.msg === 'alert poll failed; will retry' && line.level === 'warn'),
    ).toHaveLength(1);

    await service.pollAndDeliver();
    expect(ids(OPS)).toEqual([expect.stringContaining('Alert C1')]);
    expect(service.status().state).toBe('ok');
  });

  it('turns more than five new alerts in one poll into one digest', async () => {
    for (let i = 1; i <= 12; i++) {
      const severity = i <= 2 ? 'High' : i <= 7 ? 'Medium' : 'Low';
      logs.rows.push(
        makeRow(`D${i}`, { at: `2026-12-03T12:00:${String(10 + i)}Z`, AlertSeverity: severity }),
      );
    }
    at('2026-12-03T12:01:00Z');

    await service.pollAndDeliver();

    const [digest] = sender.to(PLANT);
    expect(sender.to(PLANT)).toHaveLength(1);
    expect(describeMessage(digest!.activity)).toBe(
      '12 new Defender for IoT alerts: 2 High · 5 Medium · 5 Low.',
    );
    const card = JSON.stringify(digest!.activity.attachments?.[0]?.content);
    expect(card).toContain('7 more');
    expect(card).not.toContain('${');
  });

  it('sends five alerts as five notices', async () => {
    for (let i = 1; i <= 5; i++)
      logs.rows.push(makeRow(`F${i}`, { at: `2026-12-03T12:00:1${i}Z` }));
    at('2026-12-03T12:01:00Z');

    await service.pollAndDeliver();

    expect(ids(PLANT)).toHaveLength(5);
  });

  it('pauses only the conversation Teams answers 403 for, and logs it once (F11)', async () => {
    sender.failNext(
      PLANT,
      new ConnectorSendError(403, { connectorCode: 'BotNotInConversationRoster' }),
    );
    logs.rows.push(makeRow('R1', { at: '2026-12-03T12:00:30Z' }));
    at('2026-12-03T12:01:00Z');
    await service.pollAndDeliver();
    logs.rows.push(makeRow('R2', { at: '2026-12-03T12:01:30Z' }));
    at('2026-12-03T12:02:00Z');

    await service.pollAndDeliver();

    expect(ids(OPS)).toHaveLength(2);
    expect(sender.attempts.filter((a) => a.conversationId === PLANT)).toHaveLength(1);
    expect((await service.store.getConversation(PLANT))?.paused?.code).toBe(
      'BotNotInConversationRoster',
    );
    expect((await service.store.getConversation(PLANT))?.watches).toHaveLength(1);
    expect(
      log.lines().filter((line) => line.msg === 'the bot can no longer post here; watches paused'),
    ).toHaveLength(1);
  });

  it('replaces a card Teams refuses as too large with a short text, once (F15)', async () => {
    sender.failNext(PLANT, new ConnectorSendError(413, { connectorCode: 'MessageSizeTooBig' }));
    logs.rows.push(makeRow('T1', { at: '2026-12-03T12:00:30Z' }));
    at('2026-12-03T12:01:00Z');

    await service.pollAndDeliver();

    const [message] = sender.to(PLANT);
    expect(sender.to(PLANT)).toHaveLength(1);
    expect(message?.activity.attachments).toBeUndefined();
    expect(message?.activity.text).toMatch(/^High Defender for IoT alert: Alert T1 \(hub hub-a/);
  });

  it('waits out a 429 and keeps a notice that fails for now for the next poll', async () => {
    sender.failNext(PLANT, new ConnectorSendError(429, { retryAfterMs: 3_000 }));
    sender.failNext(OPS, new ConnectorSendError(500, {}), new ConnectorSendError(500, {}));
    logs.rows.push(makeRow('W1', { at: '2026-12-03T12:00:30Z' }));
    at('2026-12-03T12:01:00Z');

    await service.pollAndDeliver();
    expect(waits).toContain(3_000);
    expect(ids(PLANT)).toHaveLength(1);
    expect(ids(OPS)).toHaveLength(0);

    at('2026-12-03T12:02:00Z');
    await service.pollAndDeliver();
    expect(ids(OPS)).toEqual([expect.stringContaining('Alert W1')]);
    expect(ids(PLANT)).toHaveLength(1);
  });

  it('says where connect sub X was typed when the first alert from X arrives', async () => {
    await service.trackConnection(QUIET, { subscriptionId: SUB_A, subscriptionName: 'Contoso OT' });
    logs.rows.push(makeRow('X1', { at: '2026-12-03T12:12:00Z', AlertSeverity: 'Low' }));
    at('2026-12-03T12:13:00Z');

    await service.pollAndDeliver();
    await service.pollAndDeliver();

    const firstAlertText =
      /^The first Defender for IoT alert from Contoso OT reached Sentinel 12 min after connecting/;
    expect(ids(QUIET)).toEqual([expect.stringMatching(firstAlertText)]);
  });

  it('says once that no alert arrived within 30 minutes of connecting', async () => {
    await service.trackConnection(QUIET, { subscriptionId: SUB_B });
    at('2026-12-03T12:29:00Z');
    await service.pollAndDeliver();
    expect(ids(QUIET)).toEqual([]);

    at('2026-12-03T12:31:00Z');
    await service.pollAndDeliver();
    await service.pollAndDeliver();

    expect(ids(QUIET)).toEqual([
      expect.stringMatching(/^No Defender for IoT alert from 9999.* in the 30 minutes/),
    ]);
  });
  it('catches up page by page after a burst without overlap, then polls on schedule', async () => {
    for (let i = 1; i <= 620; i++) {
      const second = String(i % 60).padStart(2, '0');
      const minute = String(Math.floor(i / 60)).padStart(2, '0');
      logs.rows.push(
        makeRow(`B${i}`, { at: `2026-12-03T12:${minute}:${second}Z`, AlertSeverity: 'Low' }),
      );
    }
    at('2026-12-03T12:11:00Z');

    const first = await service.pollAndDeliver();
    const second = await service.pollAndDeliver();

    expect(first).toMatchObject({ kind: 'ok', alerts: 500, more: true, retryInMs: 0 });
    expect(second).toMatchObject({ kind: 'ok', more: false, retryInMs: 60_000 });
    expect(logs.queries[logs.queries.length - 1]).toContain('datetime(2026-12-03T12:08:20.000Z)');
    // One digest per poll for the conversation that watches everything.
    expect(sender.to(OPS).map((m) => m.activity.summary)).toEqual([
      expect.stringMatching(/^500 new Defender for IoT alerts/),
      expect.stringMatching(/^120 new Defender for IoT alerts/),
    ]);
  });
});
