import type { Logger } from '../logging/create-logger.js';
import type { AlertSummary } from './notice-types.js';

/** A subscription as the Azure gateway lists it; only what naming needs. */
export interface SubscriptionName {
  subscriptionId: string;
  displayName: string;
}

export interface NameSubscriptionsDeps {
  listSubscriptions: () => Promise<SubscriptionName[]>;
  logger: Logger;
}

/**
 * Adds each alert's subscription display name from one subscription listing per batch; the
 * notice service asks only when a poll has something to post. A failed listing leaves the alerts
 * as they are: notices then show the subscription id, which is better than holding them back.
 */
export async function nameSubscriptions(
  alerts: AlertSummary[],
  deps: NameSubscriptionsDeps,
): Promise<AlertSummary[]> {
  if (alerts.length === 0) return alerts;
  let names: Map<string, string>;
  try {
    const subscriptions = await deps.listSubscriptions();
    names = new Map(subscriptions.map((s) => [s.subscriptionId.toLowerCase(), s.displayName]));
  } catch (error) {
    deps.logger.warn({ err: error }, 'subscription names unavailable; notices show ids');
    return alerts;
  }

  return alerts.map((alert) => {
    const subscriptionName = names.get(alert.subscriptionId.toLowerCase());
    return subscriptionName ? { ...alert, subscriptionName } : alert;
  });
}
