import type { Logger } from '../logging/create-logger.js';
import type { NoticeStore } from './notice-store.js';
import type { AlertSummary } from './notice-types.js';
import { readNewAlerts, type AlertLogsClient } from './read-new-alerts.js';

export interface AlertPollerOptions {
  workspaceId: string;
  intervalSeconds: number;
  /** Re-read this much before the watermark: rows can become visible out of order. Default 300. */
  overlapSeconds?: number;
  /** Rows per query; halved after a partial result. Default 500. */
  pageSize?: number;
  /** Longest wait between attempts while queries fail. Default 600. */
  maxBackoffSeconds?: number;
  /** Log Analytics' own time limit for the query. Default 60. */
  serverTimeoutSeconds?: number;
}

export interface AlertPollerDeps {
  logs: AlertLogsClient;
  store: NoticeStore;
  logger: Logger;
  now: () => Date;
  /** Queues the alerts for delivery durably; returns once they are stored. */
  enqueue: (alerts: AlertSummary[]) => Promise<void>;
}

/** What one poll did; `retryInMs` is when the next one should run. */
export type PollOutcome =
  | { kind: 'ok'; alerts: number; more: boolean; retryInMs: number }
  | { kind: 'partial'; alerts: number; retryInMs: number }
  | { kind: 'failed'; reason: 'auth-unavailable' | 'query-failed'; retryInMs: number };

/** The poller's health, for `/healthz` and `status`. */
export interface PollerStatus {
  state: 'starting' | 'ok' | 'auth-unavailable' | 'query-failed' | 'partial';
  watermark: string | null;
  lastSuccessAt?: string;
  consecutiveFailures: number;
}

export interface AlertPoller {
  /** Runs one poll now; never throws. */
  pollOnce(): Promise<PollOutcome>;
  /** Polls now and then on schedule until `stop`. */
  start(): void;
  stop(): Promise<void>;
  status(): PollerStatus;
}

const MIN_PAGE_SIZE = 50;
const MAX_PAGE_SIZE = 10_000;
const CREDENTIAL_ERRORS = [
  'CredentialUnavailableError',
  'AuthenticationError',
  'AggregateAuthenticationError',
];

/**
 * Polls Log Analytics for Defender for IoT alert rows by ingestion time (F21). The watermark only
 * moves after a complete page has been queued for delivery, to the last ingestion time read; a
 * partial result (F23), a timeout, a throttled query or a credential that is not ready (F24)
 * leaves it where it is, logs once per outage and retries with growing waits.
 */
export function createAlertPoller(options: AlertPollerOptions, deps: AlertPollerDeps): AlertPoller {
  const overlapMs = (options.overlapSeconds ?? 300) * 1000;
  const defaultPageSize = options.pageSize ?? 500;
  const intervalMs = options.intervalSeconds * 1000;
  const maxBackoffMs = Math.max(intervalMs, (options.maxBackoffSeconds ?? 600) * 1000);
  let pageSize = defaultPageSize;
  let status: PollerStatus = { state: 'starting', watermark: null, consecutiveFailures: 0 };
  let timer: NodeJS.Timeout | undefined;
  let current: Promise<unknown> | undefined;
  let stopped = true;

  const backoffMs = () =>
    Math.min(maxBackoffMs, 5_000 * 2 ** Math.max(0, status.consecutiveFailures - 1));

  const fail = (state: PollerStatus['state'], fields: Record<string, unknown>, message: string) => {
    const changed = status.state !== state;
    status = { ...status, state, consecutiveFailures: status.consecutiveFailures + 1 };
    // One warning per outage; the repeats are for troubleshooting only.
    (changed ? deps.logger.warn : deps.logger.debug).call(deps.logger, fields, message);
  };

  const pollOnce = async (): Promise<PollOutcome> => {
    const state = await deps.store.getPollState();
    const now = deps.now();
    const start = state.watermark ? new Date(state.watermark) : new Date(now.getTime() - overlapMs);
    const ingestedFrom =
      state.watermark && !state.catchingUp ? new Date(start.getTime() - overlapMs) : start;
    let page;
    try {
      page = await readNewAlerts(deps.logs, {
        workspaceId: options.workspaceId,
        ingestedFrom,
        pageSize,
        now,
        serverTimeoutSeconds: options.serverTimeoutSeconds ?? 60,
      });
    } catch (error) {
      const name = (error as { name?: string }).name ?? '';
      const reason = CREDENTIAL_ERRORS.includes(name) ? 'auth-unavailable' : 'query-failed';
      const { statusCode, code } = error as { statusCode?: number; code?: string };
      fail(
        reason,
        { err: { name, code, statusCode }, watermark: state.watermark },
        'alert poll failed; will retry',
      );
      return { kind: 'failed', reason, retryInMs: backoffMs() };
    }

    await deps.enqueue(page.alerts);
    if (!page.complete) {
      pageSize = Math.max(MIN_PAGE_SIZE, Math.floor(pageSize / 2));
      fail(
        'partial',
        { code: page.partialErrorCode, rows: page.alerts.length, pageSize },
        'alert poll returned a partial result; watermark kept',
      );
      return { kind: 'partial', alerts: page.alerts.length, retryInMs: backoffMs() };
    }

    const watermark = page.lastIngestedAt ?? state.watermark ?? start.toISOString();
    await deps.store.savePollState({ watermark, catchingUp: page.full });
    if (status.consecutiveFailures > 0) deps.logger.info({ watermark }, 'alert polling recovered');
    if (page.full && state.catchingUp && watermark === state.watermark) {
      // A whole page shares one ingestion time: only a larger page can get past it.
      pageSize = Math.min(MAX_PAGE_SIZE, pageSize * 2);
      deps.logger.warn({ watermark, pageSize }, 'alert poll page full at one ingestion time');
    } else if (!page.full) {
      pageSize = defaultPageSize;
    }
    status = { state: 'ok', watermark, lastSuccessAt: now.toISOString(), consecutiveFailures: 0 };

    return {
      kind: 'ok',
      alerts: page.alerts.length,
      more: page.full,
      retryInMs: page.full ? 0 : intervalMs,
    };
  };

  const safePoll = async (): Promise<PollOutcome> => {
    try {
      return await pollOnce();
    } catch (error) {
      // Storage failed, or delivery queueing did: the watermark did not move, so try again later.
      deps.logger.error({ err: error }, 'alert poll could not record its results');
      status = { ...status, consecutiveFailures: status.consecutiveFailures + 1 };
      return { kind: 'failed', reason: 'query-failed', retryInMs: backoffMs() };
    }
  };

  const schedule = (delayMs: number) => {
    if (stopped) return;
    timer = setTimeout(() => {
      const run = safePoll().then((outcome) => schedule(outcome.retryInMs));
      current = run;
    }, delayMs);
  };

  return {
    pollOnce: safePoll,
    start() {
      if (!stopped) return;
      stopped = false;
      schedule(0);
    },
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await current;
    },
    status: () => ({ ...status }),
  };
}
