import { MemoryStorage } from 'botbuilder';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCardRenderer } from '../../../src/cards/render-card.js';
import {
  createNoticeDelivery,
  type DeliveryLimits,
  type NoticeDelivery,
} from '../../../src/notices/notice-delivery.js';
import { hasNoticeMarker } from '../../../src/notices/notice-marker.js';
import { createNoticeStore, type NoticeStore } from '../../../src/notices/notice-store.js';
import type { AlertSummary, PendingNotice } from '../../../src/notices/notice-types.js';
import type {
  PostedNoticeCheck,
  PostedNoticeFinder,
} from '../../../src/notices/posted-notice-finder.js';
import { recordConversation } from '../../../src/notices/record-conversation.js';
import { loadActivity } from '../../support/activities.js';
import { createMemoryLogger, FakeSender, SUB_A } from './notice-fakes.js';

const UNPACED: DeliveryLimits = {
  conversationMinTimeMs: 0,
  conversationBurst: 1_000,
  conversationRefillMs: 1_000,
  hourlyBurst: 1_000,
  hourlyRefillMs: 1_000,
  tenantMinTimeMs: 0,
};
const CHAT = '19:plant-floor@thread.v2';
const NOW = new Date('2026-12-03T12:05:00Z');

const ALERT: AlertSummary = {
  systemAlertId: 'A1',
  alertName: 'Unauthorized PLC programming',
  severity: 'High',
  status: 'New',
  subscriptionId: SUB_A,
  hubName: 'hub-a',
  resourceId: `/subscriptions/${SUB_A}/resourceGroups/rg/providers/Microsoft.Devices/IotHubs/hub-a`,
  deviceId: 'plc-7',
  generatedAt: '2026-12-03T12:00:00.000Z',
  ingestedAt: '2026-12-03T12:01:00.000Z',
  portalUrl: 'https://portal.azure.com/#blade/alert/A1',
};

/** A finder that answers from a script and records what it was asked. */
class FakeFinder implements PostedNoticeFinder {
  asked: Array<{ conversationKey: string; noticeId: string }> = [];
  constructor(private readonly answer: PostedNoticeCheck) {}

  async check(conversation: { key: string }, notice: PendingNotice) {
    this.asked.push({ conversationKey: conversation.key, noticeId: notice.id });
    return this.answer;
  }
}

describe('delivery of a notice whose send was interrupted', () => {
  let store: NoticeStore;
  let sender: FakeSender;
  let log: ReturnType<typeof createMemoryLogger>;
  let delivery: NoticeDelivery | undefined;

  const start = (finder?: PostedNoticeFinder) => {
    delivery = createNoticeDelivery(
      {
        store,
        sender,
        renderer: createCardRenderer(),
        logger: log.logger,
        now: () => NOW,
        sleep: async () => undefined,
        random: () => 0.5,
        finder,
      },
      { limits: UNPACED },
    );
    return delivery;
  };
  const queue = async (notice: Partial<PendingNotice>) => {
    const pending: PendingNotice = {
      id: 'n-1',
      kind: 'notice',
      alerts: [ALERT],
      enqueuedAt: '2026-12-03T12:01:30.000Z',
      ...notice,
    };
    await store.updateOutbox(CHAT, (outbox) => ({ ...outbox, pending: [pending] }));
  };
  const messages = (msg: string) => log.lines().filter((line) => line.msg === msg);

  beforeEach(async () => {
    store = createNoticeStore(new MemoryStorage());
    sender = new FakeSender();
    log = createMemoryLogger();
    const activity = loadActivity('personal-message', {
      conversation: { id: CHAT, conversationType: 'groupChat', isGroup: true, tenantId: 'T1' },
    });
    await recordConversation(activity, { store, now: () => NOW });
  });
  afterEach(async () => {
    await delivery?.close();
  });

  it('records a notice the conversation already shows, without posting it again', async () => {
    await queue({ sendingSince: '2026-12-03T12:02:00.000Z' });
    const finder = new FakeFinder('posted');
    const running = start(finder);

    await running.recover();
    await running.idle();

    expect(finder.asked).toEqual([{ conversationKey: CHAT, noticeId: 'n-1' }]);
    expect(sender.attempts).toEqual([]);
    expect(await store.getOutbox(CHAT)).toEqual({
      pending: [],
      delivered: { A1: NOW.toISOString() },
    });
    expect(messages('notice was already posted before the restart')).toMatchObject([
      { level: 'info', noticeId: 'n-1', conversationKey: CHAT },
    ]);
  });

  it('posts a notice the conversation does not show, once and marked', async () => {
    await queue({ sendingSince: '2026-12-03T12:02:00.000Z' });
    const running = start(new FakeFinder('not-posted'));

    await running.recover();
    await running.idle();

    expect(sender.to(CHAT)).toHaveLength(1);
    const card = sender.to(CHAT)[0]?.activity.attachments?.[0]?.content;
    expect(hasNoticeMarker(card, 'n-1')).toBe(true);
    expect((await store.getOutbox(CHAT)).delivered).toEqual({ A1: NOW.toISOString() });
    expect(messages('re-sending a notice that may already be posted')).toEqual([]);
  });

  it('posts again, logged as a possible duplicate, when the finder cannot tell', async () => {
    await queue({ sendingSince: '2026-12-03T12:02:00.000Z' });
    const running = start(new FakeFinder('unknown'));

    await running.recover();
    await running.idle();

    expect(sender.to(CHAT)).toHaveLength(1);
    expect(messages('re-sending a notice that may already be posted')).toMatchObject([
      { level: 'warn', noticeId: 'n-1', alertIds: ['A1'] },
    ]);
  });

  it('without a finder is at least once: posts again and logs the possible duplicate', async () => {
    await queue({ sendingSince: '2026-12-03T12:02:00.000Z' });
    const running = start();

    await running.recover();
    await running.idle();

    expect(sender.to(CHAT)).toHaveLength(1);
    expect((await store.getOutbox(CHAT)).pending).toEqual([]);
    expect(messages('re-sending a notice that may already be posted')).toMatchObject([
      { level: 'warn', noticeId: 'n-1', alertIds: ['A1'], since: '2026-12-03T12:02:00.000Z' },
    ]);
  });

  it('asks nothing for a notice whose send never started', async () => {
    await queue({});
    const finder = new FakeFinder('posted');
    const running = start(finder);

    await running.recover();
    await running.idle();

    expect(finder.asked).toEqual([]);
    expect(sender.to(CHAT)).toHaveLength(1);
  });
});
