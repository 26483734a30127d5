import { SEVERITIES, type AlertSummary, type Severity, type Watch } from './notice-types.js';

/** Position of a severity, lowest (Informational) first. */
export function rankSeverity(severity: Severity): number {
  return SEVERITIES.indexOf(severity);
}

/** Reads a severity name in any letter case; undefined for anything else. */
export function parseSeverity(text: string): Severity | undefined {
  const lower = text.trim().toLowerCase();

  return SEVERITIES.find((severity) => severity.toLowerCase() === lower);
}

/**
 * True when the alert passes every filter the watch sets: severity at or above the watch's,
 * the hub's subscription, the hub name (both case-insensitive), and ingestion after the watch
 * was created (a new watch does not replay older alerts).
 */
export function matchesWatch(alert: AlertSummary, watch: Watch): boolean {
  if (watch.minSeverity && rankSeverity(alert.severity) < rankSeverity(watch.minSeverity)) {
    return false;
  }
  if (watch.subscriptionId && watch.subscriptionId.toLowerCase() !== alert.subscriptionId) {
    return false;
  }
  if (watch.hubName && watch.hubName.toLowerCase() !== alert.hubName.toLowerCase()) return false;

  return alert.ingestedAt >= watch.createdAt;
}

/** Worst first, then oldest first: the order of a digest's list. */
export function compareAlertsWorstFirst(a: AlertSummary, b: AlertSummary): number {
  const bySeverity = rankSeverity(b.severity) - rankSeverity(a.severity);

  return bySeverity !== 0 ? bySeverity : a.generatedAt.localeCompare(b.generatedAt);
}
