import Bottleneck from 'bottleneck';
import type { Activity } from 'botbuilder';
import type { CardRenderer } from '../cards/render-card.js';
import type { Logger } from '../logging/create-logger.js';
import type { NoticeSender } from './create-notice-sender.js';
import { markNoticeActivity } from './notice-marker.js';
import type { NoticeStore } from './notice-store.js';
import type { ConversationRecord, PendingNotice } from './notice-types.js';
import type { PostedNoticeFinder } from './posted-notice-finder.js';
import { renderDigest, renderNotice, renderTextFallback } from './render-notice.js';
import {
  DEFAULT_RETRY_POLICY,
  SendGaveUpError,
  sendWithRetry,
  type RetryPolicy,
} from './send-with-retry.js';

/**
 * Send pacing. Teams allows per conversation 7 per second, 8 per 2 s, 60 per 30 s and 1,800 per
 * hour, and 50 per second per app and tenant (PLATFORM.md). The defaults stay under each:
 * at least 260 ms apart (≤ 8 in any 2 s), a bucket of 20 refilled one per 750 ms (≤ 20 + 40 =
 * 60 in any 30 s), a bucket of 100 refilled one per 2.118 s (≤ 1,800 in any hour), and at least
 * 25 ms apart per tenant (≤ 41 per second).
 */
export interface DeliveryLimits {
  conversationMinTimeMs: number;
  conversationBurst: number;
  conversationRefillMs: number;
  hourlyBurst: number;
  hourlyRefillMs: number;
  tenantMinTimeMs: number;
}

export const TEAMS_DELIVERY_LIMITS: DeliveryLimits = {
  conversationMinTimeMs: 260,
  conversationBurst: 20,
  conversationRefillMs: 750,
  hourlyBurst: 100,
  hourlyRefillMs: 2_118,
  tenantMinTimeMs: 25,
};

export interface NoticeDeliveryDeps {
  store: NoticeStore;
  sender: NoticeSender;
  renderer: CardRenderer;
  logger: Logger;
  now: () => Date;
  sleep: (ms: number) => Promise<void>;
  random: () => number;
  /** Reads a conversation back after an interrupted send; without it such a send is repeated. */
  finder?: PostedNoticeFinder;
}

export interface NoticeDeliveryOptions {
  limits?: DeliveryLimits;
  retry?: RetryPolicy;
}

/** Drains each conversation's outbox in order, paced and with Teams' retry rules. */
export interface NoticeDelivery {
  /** Starts (or continues) draining one conversation's outbox; never throws. */
  kick(conversationKey: string): void;
  /** Drains every outbox left over from before a restart. */
  recover(): Promise<void>;
  /** Resolves when no outbox is being drained. */
  idle(): Promise<void>;
  close(): Promise<void>;
}

interface Pacer {
  conversation: Bottleneck;
  hourly: Bottleneck;
}

/**
 * Creates the delivery. A notice is marked as being sent before the send and removed from the
 * outbox, with its alerts recorded as delivered, in one write right after Teams accepts it. A
 * notice found still marked (a crash between those two points, or an ambiguous answer) is
 * looked up with the `finder` first: already posted means recorded without sending, so delivery
 * is exactly once wherever the finder can tell. Where it cannot (no finder, a personal chat, a
 * failed read), the notice is sent again and logged as a possible duplicate: at least once,
 * never dropped silently.
 */
export function createNoticeDelivery(
  deps: NoticeDeliveryDeps,
  options: NoticeDeliveryOptions = {},
): NoticeDelivery {
  const limits = options.limits ?? TEAMS_DELIVERY_LIMITS;
  const retry = options.retry ?? DEFAULT_RETRY_POLICY;
  const pacers = new Map<string, Pacer>();
  const tenants = new Map<string, Bottleneck>();
  const running = new Map<string, Promise<void>>();
  const again = new Set<string>();
  let closed = false;

  const pacerFor = (key: string): Pacer => {
    let pacer = pacers.get(key);
    if (!pacer) {
      pacer = {
        conversation: new Bottleneck({
          maxConcurrent: 1,
          minTime: limits.conversationMinTimeMs,
          reservoir: limits.conversationBurst,
          reservoirIncreaseInterval: limits.conversationRefillMs,
          reservoirIncreaseAmount: 1,
          reservoirIncreaseMaximum: limits.conversationBurst,
        }),
        hourly: new Bottleneck({
          reservoir: limits.hourlyBurst,
          reservoirIncreaseInterval: limits.hourlyRefillMs,
          reservoirIncreaseAmount: 1,
          reservoirIncreaseMaximum: limits.hourlyBurst,
        }),
      };
      pacers.set(key, pacer);
    }
    return pacer;
  };
  const tenantFor = (tenantId: string): Bottleneck => {
    let limiter = tenants.get(tenantId);
    if (!limiter) {
      limiter = new Bottleneck({ minTime: limits.tenantMinTimeMs });
      tenants.set(tenantId, limiter);
    }
    return limiter;
  };
  const paced = <T>(conversation: ConversationRecord, send: () => Promise<T>): Promise<T> => {
    const pacer = pacerFor(conversation.key);
    const tenant = tenantFor(conversation.tenantId ?? 'unknown');
    return pacer.conversation.schedule(() => pacer.hourly.schedule(() => tenant.schedule(send)));
  };

  const drain = async (key: string): Promise<void> => {
    const log = deps.logger.child({ conversationKey: key });
    for (;;) {
      if (closed) return;
      const conversation = await deps.store.getConversation(key);
      if (!conversation?.installed || conversation.paused) return;
      const outbox = await deps.store.getOutbox(key);
      const notice = outbox.pending[0];
      if (!notice) return;
      if ((await startSend(conversation, notice, log)) === 'posted') {
        await markDelivered(key, notice);
        continue;
      }
      const activity = markNoticeActivity(renderPending(notice, deps.renderer), notice.id);
      try {
        const activityId = await sendWithRetry(
          () => paced(conversation, () => deps.sender.send(conversation.reference, activity)),
          retry,
          {
            sleep: deps.sleep,
            random: deps.random,
            onRetry: (info) => log.debug({ noticeId: notice.id, ...info }, 'notice send retried'),
          },
        );
        await markDelivered(key, notice);
        // Alert ids are not secret; they let an operator tell which alerts a digest covered.
        const alertIds = notice.alerts.map((alert) => alert.systemAlertId);
        log.info({ noticeId: notice.id, kind: notice.kind, alertIds, activityId }, 'notice posted');
      } catch (error) {
        if (!(await handleGiveUp(conversation, notice, error, log))) return;
      }
    }
  };

  /** Marks a fresh send; for an interrupted one, asks whether it already reached Teams. */
  const startSend = async (
    conversation: ConversationRecord,
    notice: PendingNotice,
    log: Logger,
  ): Promise<'posted' | 'send'> => {
    if (!notice.sendingSince) {
      await deps.store.updateOutbox(conversation.key, (outbox) => ({
        ...outbox,
        pending: outbox.pending.map((item) =>
          item.id === notice.id ? { ...item, sendingSince: deps.now().toISOString() } : item,
        ),
      }));
      return 'send';
    }
    // An earlier attempt started and never recorded its outcome: Teams may already show it.
    const found = deps.finder ? await deps.finder.check(conversation, notice) : 'unknown';
    const about = { noticeId: notice.id, since: notice.sendingSince };
    if (found === 'posted') {
      const alertIds = notice.alerts.map((alert) => alert.systemAlertId);
      log.info({ ...about, alertIds }, 'notice was already posted before the restart');
      return 'posted';
    }
    if (found === 'not-posted') {
      log.info(about, 'notice was not posted before the restart; sending it');
      return 'send';
    }
    const alertIds = notice.alerts.map((alert) => alert.systemAlertId);
    log.warn({ ...about, alertIds }, 're-sending a notice that may already be posted');

    return 'send';
  };

  /** The one write that makes a delivery final: out of the outbox, alerts recorded. */
  const markDelivered = async (key: string, notice: PendingNotice) => {
    const at = deps.now().toISOString();
    await deps.store.updateOutbox(key, (outbox) => {
      const delivered = { ...outbox.delivered };
      for (const alert of notice.alerts) delivered[alert.systemAlertId] = at;
      return { pending: outbox.pending.filter((item) => item.id !== notice.id), delivered };
    });
  };

  const replacePending = async (key: string, id: string, next: PendingNotice | undefined) => {
    await deps.store.updateOutbox(key, (outbox) => ({
      ...outbox,
      pending: outbox.pending.flatMap((item) => (item.id === id ? (next ? [next] : []) : [item])),
    }));
  };

  /** Applies the outcome of a failed send; true when draining can go on with the next notice. */
  const handleGiveUp = async (
    conversation: ConversationRecord,
    notice: PendingNotice,
    error: unknown,
    log: Logger,
  ): Promise<boolean> => {
    const kind = error instanceof SendGaveUpError ? error.kind : 'unexpected';
    const cause = error instanceof SendGaveUpError ? error.cause : error;
    const status = (cause as { status?: number }).status;
    const connectorCode = (cause as { connectorCode?: string }).connectorCode;
    if (kind === 'gone') {
      await pauseConversation(conversation.key, connectorCode ?? `HTTP ${status}`);
      log.warn({ status, connectorCode }, 'the bot can no longer post here; watches paused');
      return false;
    }
    if (kind === 'too-large' && notice.kind !== 'text') {
      const text = renderTextFallback(notice.alerts).text;
      log.warn({ noticeId: notice.id }, 'card refused as too large; sending a short text instead');
      await replacePending(conversation.key, notice.id, {
        ...notice,
        kind: 'text',
        text,
        sendingSince: undefined,
      });
      return true;
    }
    if (kind === 'rejected' || kind === 'too-large') {
      log.error({ noticeId: notice.id, status, connectorCode }, 'notice refused by Teams; dropped');
      await replacePending(conversation.key, notice.id, undefined);
      return true;
    }
    if (kind === 'unauthorized') {
      log.error(
        { status },
        'Teams refused the bot credentials; check MicrosoftAppId and its secret',
      );
    } else {
      log.warn(
        { err: cause, kind, status },
        'notice not posted yet; it stays queued for the next poll',
      );
    }
    if (kind !== 'ambiguous')
      await replacePending(conversation.key, notice.id, { ...notice, sendingSince: undefined });
    return false;
  };

  const pauseConversation = async (key: string, code: string) => {
    const at = deps.now().toISOString();
    await deps.store.updateConversation(key, (current) =>
      current && !current.paused ? { ...current, paused: { code, at } } : undefined,
    );
    // What was queued can no longer be posted; new alerts are not queued while paused.
    await deps.store.updateOutbox(key, (outbox) => ({ ...outbox, pending: [] }));
  };

  const kick = (key: string) => {
    if (closed) return;
    if (running.has(key)) {
      again.add(key);
      return;
    }
    const run = (async () => {
      do {
        again.delete(key);
        try {
          await drain(key);
        } catch (error) {
          deps.logger.error({ err: error, conversationKey: key }, 'notice delivery failed');
        }
      } while (again.has(key) && !closed);
    })().finally(() => running.delete(key));
    running.set(key, run);
  };

  return {
    kick,
    async recover() {
      for (const key of await deps.store.listConversationKeys()) {
        if ((await deps.store.getOutbox(key)).pending.length > 0) kick(key);
      }
    },
    async idle() {
      while (running.size > 0) await Promise.all([...running.values()]);
    },
    async close() {
      closed = true;
      await Promise.all([...running.values()]);
      for (const pacer of pacers.values()) {
        await pacer.conversation.disconnect();
        await pacer.hourly.disconnect();
      }
      for (const limiter of tenants.values()) await limiter.disconnect();
    },
  };
}

function renderPending(notice: PendingNotice, renderer: CardRenderer): Partial<Activity> {
  const [first] = notice.alerts;
  if (notice.kind === 'text' || !first) return { type: 'message', text: notice.text ?? '' };

  return renderer.render(
    notice.kind === 'digest' ? renderDigest(notice.alerts) : renderNotice(first),
  );
}
