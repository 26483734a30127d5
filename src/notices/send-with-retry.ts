import { BotError, ErrorCodes } from '../errors.js';
import { ConnectorSendError } from './connector-http-client.js';

/** How a failed send is handled; see {@link classifySendFailure}. */
export type SendFailureKind =
  /** 429: wait `Retry-After`, then try again. */
  | 'throttled'
  /** 412, 502, 504, or the request never left: retry with jittered backoff. */
  | 'retryable'
  /** Other 5xx or a connection lost mid-request: Teams may have posted it; one guarded retry. */
  | 'ambiguous'
  /** 403 roster/blocked/writes blocked/disabled, 404: the bot cannot post here any more. */
  | 'gone'
  /** 413: the message is too large; a shorter one may pass. */
  | 'too-large'
  /** 401: the bot's registration or credentials are wrong; an operator must act. */
  | 'unauthorized'
  /** Any other 4xx: the same message will never pass. */
  | 'rejected';

/** Teams' 403 codes after which the bot cannot post to the conversation (F11, F12). */
export const GONE_CODES = [
  'BotNotInConversationRoster',
  'ConversationBlockedByUser',
  'MessageWritesBlocked',
  'BotDisabledByAdmin',
] as const;

/** Socket errors raised before the request was written: nothing can have been posted. */
const NOT_SENT_NETWORK_CODES = [
  'ECONNREFUSED',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_CONNECT_TIMEOUT',
];

/** Maps a send error to the rule that applies (Teams' status matrix, F12). */
export function classifySendFailure(error: unknown): SendFailureKind {
  if (!(error instanceof ConnectorSendError)) return 'ambiguous';
  const status = error.status ?? 0;
  if (status === 0) {
    return NOT_SENT_NETWORK_CODES.includes(error.networkCode ?? '') ? 'retryable' : 'ambiguous';
  }
  if (status === 429) return 'throttled';
  if (status === 412 || status === 502 || status === 504) return 'retryable';
  if (status >= 500) return 'ambiguous';
  if (status === 413) return 'too-large';
  if (status === 401) return 'unauthorized';
  if (status === 404) return 'gone';
  if (status === 403) {
    // An unknown 403 is treated as gone too: retrying a refusal only earns more refusals.
    return 'gone';
  }

  return 'rejected';
}

export interface RetryPolicy {
  /** Attempts for 412/502/504 and unsent requests, the first included. */
  maxAttempts: number;
  /** 429 answers honoured before giving up for now (the notice stays queued). */
  maxThrottledRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** Used when a 429 carries no `Retry-After`. */
  defaultRetryAfterMs: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  maxThrottledRetries: 10,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  defaultRetryAfterMs: 2_000,
};

export interface RetryDeps {
  sleep: (ms: number) => Promise<void>;
  /** A number in [0, 1) for jitter. */
  random: () => number;
  /** Told before each wait, for logging. */
  onRetry?: (info: { kind: SendFailureKind; attempt: number; delayMs: number }) => void;
}

/** The send failed in a way that retrying now will not fix. */
export class SendGaveUpError extends BotError {
  constructor(
    readonly kind: SendFailureKind,
    cause: unknown,
  ) {
    super(ErrorCodes.DeliveryFailed, `The notice could not be posted (${kind}).`, {
      cause,
      status: cause instanceof ConnectorSendError ? cause.status : undefined,
    });
  }
}

/**
 * Runs `send` until it succeeds or the failure is not worth retrying now:
 * 429 waits `Retry-After`; 412/502/504 back off exponentially with full jitter; any other 5xx
 * gets exactly one guarded retry, because Teams may already have posted the message; the rest
 * stop at once.
 *
 * @throws SendGaveUpError carrying the failure kind and the last error.
 */
export async function sendWithRetry<T>(
  send: () => Promise<T>,
  policy: RetryPolicy,
  deps: RetryDeps,
): Promise<T> {
  let attempt = 0;
  let throttled = 0;
  let guardedRetryUsed = false;
  for (;;) {
    attempt++;
    try {
      return await send();
    } catch (error) {
      const kind = classifySendFailure(error);
      const delayMs = decideDelay(kind, error, {
        attempt,
        throttled,
        guardedRetryUsed,
        policy,
        deps,
      });
      if (delayMs === undefined) throw new SendGaveUpError(kind, error);
      if (kind === 'throttled') throttled++;
      if (kind === 'ambiguous') guardedRetryUsed = true;
      deps.onRetry?.({ kind, attempt, delayMs });
      await deps.sleep(delayMs);
    }
  }
}

interface RetryState {
  attempt: number;
  throttled: number;
  guardedRetryUsed: boolean;
  policy: RetryPolicy;
  deps: RetryDeps;
}

function decideDelay(kind: SendFailureKind, error: unknown, state: RetryState): number | undefined {
  const { policy } = state;
  const backoff = () => {
    const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (state.attempt - 1));
    return Math.round(ceiling / 2 + (ceiling / 2) * state.deps.random());
  };
  if (kind === 'throttled') {
    if (state.throttled >= policy.maxThrottledRetries) return undefined;
    const retryAfter = error instanceof ConnectorSendError ? error.retryAfterMs : undefined;
    return retryAfter ?? policy.defaultRetryAfterMs;
  }
  if (kind === 'retryable') return state.attempt < policy.maxAttempts ? backoff() : undefined;
  if (kind === 'ambiguous') return state.guardedRetryUsed ? undefined : backoff();

  return undefined;
}
