import type { TokenCredential } from '@azure/core-auth';
import {
  createDefaultHttpClient,
  type HttpClient,
  type PipelineRequest,
} from '@azure/core-rest-pipeline';
import { IotHubClient } from '@azure/arm-iothub';
import { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import { SecurityCenter } from '@azure/arm-security';
import { SecurityInsights } from '@azure/arm-securityinsight';
import { LogsQueryClient } from '@azure/monitor-query-logs';

/** The public Azure hosts the SDK clients call; a redirect swaps these origins only. */
export const AzureHosts = {
  management: 'https://management.azure.com',
  logAnalytics: 'https://api.loganalytics.io',
} as const;

export interface AzureClientsOptions {
  credential: TokenCredential;
  /**
   * Base URL (e.g. `http://127.0.0.1:4980`) that receives every request instead of the public
   * Azure hosts. The clients keep their https URLs and bearer-token policy; only the transport is
   * redirected, so the same pipeline runs as against Azure.
   */
  redirectTo?: string;
  /** Retries of the SDK's own retry policy; tests pass 0 to see faults directly. */
  maxRetries?: number;
}

/** One set of official SDK clients; subscription-scoped ones are built per subscription. */
export interface AzureClients {
  subscriptions: SubscriptionClient;
  iotHub(subscriptionId: string): IotHubClient;
  security(subscriptionId: string): SecurityCenter;
  sentinel(subscriptionId: string): SecurityInsights;
  logs: LogsQueryClient;
}

/**
 * Builds the official Azure SDK clients the bot uses, optionally redirected to another base URL
 * (the embedded sandbox). Client instances are cached per subscription.
 */
export function createAzureClients(options: AzureClientsOptions): AzureClients {
  const httpClient = options.redirectTo
    ? createRedirectingHttpClient(options.redirectTo)
    : undefined;
  const common = {
    ...(httpClient ? { httpClient } : {}),
    ...(options.maxRetries === undefined
      ? {}
      : { retryOptions: { maxRetries: options.maxRetries } }),
  };
  const perSubscription = <T>(build: (subscriptionId: string) => T) => {
    const cache = new Map<string, T>();
    return (subscriptionId: string): T => {
      let client = cache.get(subscriptionId);
      if (!client) {
        client = build(subscriptionId);
        cache.set(subscriptionId, client);
      }
      return client;
    };
  };

  return {
    subscriptions: new SubscriptionClient(options.credential, common),
    iotHub: perSubscription((id) => new IotHubClient(options.credential, id, common)),
    security: perSubscription((id) => new SecurityCenter(options.credential, id, common)),
    sentinel: perSubscription((id) => new SecurityInsights(options.credential, id, common)),
    logs: new LogsQueryClient(options.credential, common),
  };
}

/**
 * An HTTP client that sends requests for the public Azure hosts to `baseUrl` instead. Everything
 * else about the request (path, query, headers, bearer token) is left as the SDK built it.
 */
export function createRedirectingHttpClient(baseUrl: string): HttpClient {
  const inner = createDefaultHttpClient();
  const target = baseUrl.replace(/\/+$/, '');
  const isLocal = /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?$/.test(target);

  return {
    sendRequest(request: PipelineRequest) {
      for (const origin of Object.values(AzureHosts)) {
        if (request.url.startsWith(origin)) {
          request.url = target + request.url.slice(origin.length);
          // Plain http is allowed only to a loopback address; anything else must be https.
          request.allowInsecureConnection = isLocal;
          break;
        }
      }
      return inner.sendRequest(request);
    },
  };
}
