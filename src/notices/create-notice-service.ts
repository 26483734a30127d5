import { setTimeout as delay } from 'node:timers/promises';
import type { Activity, Storage } from 'botbuilder';
import type { CardRenderer } from '../cards/render-card.js';
import type { Logger } from '../logging/create-logger.js';
import {
  createAlertPoller,
  type AlertPoller,
  type PollOutcome,
  type PollerStatus,
} from './alert-poller.js';
import type { NoticeSender } from './create-notice-sender.js';
import { enqueueAlerts } from './enqueue-alerts.js';
import {
  createNoticeDelivery,
  type DeliveryLimits,
  type NoticeDelivery,
} from './notice-delivery.js';
import { nameSubscriptions, type NameSubscriptionsDeps } from './name-subscriptions.js';
import { createNoticeStore, type NoticeStore } from './notice-store.js';
import type { AlertSummary } from './notice-types.js';
import type { PostedNoticeFinder } from './posted-notice-finder.js';
import type { AlertLogsClient } from './read-new-alerts.js';
import {
  getConversationKey,
  recordConversation,
  type ConversationChange,
} from './record-conversation.js';
import type { RetryPolicy } from './send-with-retry.js';

/** How long after `connect sub X` the bot says that no alert arrived (the service promises ~15). */
export const CONNECT_CHECK_MINUTES = 30;

export interface NoticeServiceOptions {
  workspaceId: string;
  pollSeconds: number;
  overlapSeconds?: number;
  limits?: DeliveryLimits;
  retry?: RetryPolicy;
}

export interface NoticeServiceDeps {
  storage: Storage;
  logs: AlertLogsClient;
  sender: NoticeSender;
  renderer: CardRenderer;
  logger: Logger;
  now?: () => Date;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
  /** Reads conversations back after an interrupted send; none means such a send is repeated. */
  finder?: PostedNoticeFinder;
  /** Subscription names for the cards; none means notices show subscription ids. */
  listSubscriptions?: NameSubscriptionsDeps['listSubscriptions'];
}

export interface TrackConnectionOptions {
  subscriptionId: string;
  subscriptionName?: string;
}

/** Proactive alert notices: what the bot handler, the commands and start-up call. */
export interface NoticeService {
  store: NoticeStore;
  /** Call for every inbound activity, before handling it (F16). */
  recordActivity(activity: Partial<Activity>): Promise<ConversationChange>;
  /**
   * Call after `connect sub X` succeeded in a conversation: the bot later says there when the
   * first alert from X arrived, or that none did within {@link CONNECT_CHECK_MINUTES}.
   */
  trackConnection(conversationId: string, options: TrackConnectionOptions): Promise<void>;
  /** Polls once and waits until what it queued is delivered (tests, benchmarks). */
  pollAndDeliver(): Promise<PollOutcome>;
  start(): Promise<void>;
  stop(): Promise<void>;
  status(): PollerStatus;
}

/** Builds the notice service over any botbuilder `Storage` and Log Analytics client. */
export function createNoticeService(
  options: NoticeServiceOptions,
  deps: NoticeServiceDeps,
): NoticeService {
  const now = deps.now ?? (() => new Date());
  const logger = deps.logger.child({ component: 'notices' });
  const store = createNoticeStore(deps.storage);
  const delivery: NoticeDelivery = createNoticeDelivery(
    {
      store,
      sender: deps.sender,
      renderer: deps.renderer,
      logger,
      now,
      sleep: deps.sleep ?? ((ms) => delay(ms)),
      random: deps.random ?? Math.random,
      finder: deps.finder,
    },
    { limits: options.limits, retry: options.retry },
  );
  const poller: AlertPoller = createAlertPoller(
    {
      workspaceId: options.workspaceId,
      intervalSeconds: options.pollSeconds,
      overlapSeconds: options.overlapSeconds,
    },
    {
      logs: deps.logs,
      store,
      logger,
      now,
      enqueue: async (alerts) => {
        const listSubscriptions = deps.listSubscriptions;
        const nameAlerts = listSubscriptions
          ? (rows: AlertSummary[]) => nameSubscriptions(rows, { listSubscriptions, logger })
          : undefined;
        await enqueueAlerts(alerts, { store, now, nameAlerts });
        // Every outbox with something left, not only the new ones: a notice that failed for now
        // (throttled past its budget, a 5xx after the guarded retry) gets its next chance here.
        await delivery.recover();
      },
    },
  );

  return {
    store,
    recordActivity: (activity) => recordConversation(activity, { store, now }),
    async trackConnection(conversationId, connection) {
      const connectedAt = now();
      const deadline = new Date(connectedAt.getTime() + CONNECT_CHECK_MINUTES * 60_000);
      await store.updateConversation(getConversationKey(conversationId), (current) => {
        if (!current) return undefined;
        const others = current.connectChecks.filter(
          (check) => check.subscriptionId !== connection.subscriptionId.toLowerCase(),
        );
        const check = {
          subscriptionId: connection.subscriptionId.toLowerCase(),
          ...(connection.subscriptionName ? { subscriptionName: connection.subscriptionName } : {}),
          connectedAt: connectedAt.toISOString(),
          deadline: deadline.toISOString(),
        };
        return { ...current, connectChecks: [...others, check] };
      });
    },
    async pollAndDeliver() {
      const outcome = await poller.pollOnce();
      await delivery.idle();
      return outcome;
    },
    async start() {
      await delivery.recover();
      poller.start();
      logger.info({ pollSeconds: options.pollSeconds }, 'alert notices started');
    },
    async stop() {
      await poller.stop();
      await delivery.close();
    },
    status: () => poller.status(),
  };
}
