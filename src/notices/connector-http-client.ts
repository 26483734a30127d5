import type { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { BotError, ErrorCodes } from '../errors.js';

type ConnectorClientOptions = NonNullable<
  ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[4]
>;
type CompatHttpClient = NonNullable<ConnectorClientOptions['httpClient']>;
type CompatRequest = Parameters<CompatHttpClient['sendRequest']>[0];
type CompatResponse = Awaited<ReturnType<CompatHttpClient['sendRequest']>>;
type CompatHeaders = CompatResponse['headers'];

/** A Bot Connector call that did not succeed, with what the retry rules need to decide. */
export class ConnectorSendError extends BotError {
  /** Teams' error code from the body, e.g. `BotNotInConversationRoster`. */
  readonly connectorCode?: string;
  /** `Retry-After` in milliseconds, when the answer carried one. */
  readonly retryAfterMs?: number;
  /** Node's socket error code when no HTTP answer arrived (status 0). */
  readonly networkCode?: string;

  constructor(
    status: number,
    details: {
      connectorCode?: string;
      retryAfterMs?: number;
      networkCode?: string;
      cause?: unknown;
    },
  ) {
    super(ErrorCodes.DeliveryFailed, `The Bot Connector answered ${status || 'nothing'}.`, {
      status,
      cause: details.cause,
      retryable: status === 0 || status === 412 || status === 429 || status >= 500,
    });
    this.connectorCode = details.connectorCode;
    this.retryAfterMs = details.retryAfterMs;
    this.networkCode = details.networkCode;
  }
}

/**
 * The HTTP transport for proactive sends. botbuilder's connector client retries 429 and every
 * 5xx up to three times on its own, which can post a message four times when Teams stored it but
 * answered 500 (F12). With this transport every non-2xx answer becomes a
 * {@link ConnectorSendError} the SDK does not retry, so `send-with-retry.ts` alone decides.
 */
export function createConnectorHttpClient(): CompatHttpClient {
  return {
    async sendRequest(request: CompatRequest): Promise<CompatResponse> {
      let response: Response;
      try {
        response = await fetch(request.url, {
          method: request.method,
          headers: request.headers.rawHeaders(),
          body: typeof request.body === 'string' ? request.body : (request.body ?? undefined),
          signal: toAbortSignal(request),
        });
      } catch (cause) {
        const networkCode = (cause as { cause?: { code?: string } }).cause?.code;
        throw new ConnectorSendError(0, { networkCode: networkCode ?? 'UNKNOWN', cause });
      }
      const bodyAsText = await response.text();
      if (!response.ok) {
        throw new ConnectorSendError(response.status, {
          connectorCode: readErrorCode(bodyAsText),
          retryAfterMs: readRetryAfter(response.headers.get('retry-after')),
        });
      }

      return {
        request,
        status: response.status,
        headers: toCompatHeaders(response.headers),
        bodyAsText,
      };
    },
  };
}

function toAbortSignal(request: CompatRequest): AbortSignal | undefined {
  const signals: AbortSignal[] = [];
  if (request.abortSignal) signals.push(request.abortSignal as AbortSignal);
  if (request.timeout) signals.push(AbortSignal.timeout(request.timeout));

  return signals.length > 0 ? AbortSignal.any(signals) : undefined;
}

function readErrorCode(body: string): string | undefined {
  try {
    const parsed = JSON.parse(body) as { error?: { code?: unknown } };
    return typeof parsed.error?.code === 'string' ? parsed.error.code : undefined;
  } catch {
    // Not JSON (an HTML error page from a proxy): the status alone decides.
    return undefined;
  }
}

/** `Retry-After` is seconds or an HTTP date. */
export function readRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);

  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** The minimal header view the compat layer reads from a response. */
function toCompatHeaders(headers: Headers): CompatHeaders {
  const map = new Map<string, { name: string; value: string }>();
  headers.forEach((value, name) => map.set(name.toLowerCase(), { name, value }));
  const view = {
    get: (name: string) => map.get(name.toLowerCase())?.value,
    contains: (name: string) => map.has(name.toLowerCase()),
    set: (name: string, value: string | number) =>
      void map.set(name.toLowerCase(), { name, value: String(value) }),
    remove: (name: string) => map.delete(name.toLowerCase()),
    rawHeaders: () => Object.fromEntries([...map.values()].map((h) => [h.name, h.value])),
    headersArray: () => [...map.values()],
    headerNames: () => [...map.values()].map((h) => h.name),
    headerValues: () => [...map.values()].map((h) => h.value),
    toJson: () => Object.fromEntries([...map.values()].map((h) => [h.name, h.value])),
    clone: () => toCompatHeaders(headers),
  };

  return view as unknown as CompatHeaders;
}
