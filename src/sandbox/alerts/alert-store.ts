import type { SecurityAlertRow } from './security-alert-schema.js';

/** A SecurityAlert row as the workspace holds it, with the hidden ingestion time. */
export interface StoredAlertRow {
  row: SecurityAlertRow;
  ingestedAt: Date;
  subscriptionId: string;
}

export interface AlertStoreOptions {
  /** Delay between connecting a subscription and its alerts reaching the workspace. */
  connectDelayMs: number;
}

/**
 * The SecurityAlert table of the sandbox workspace, and the rule deciding which rows reach it:
 * only alerts generated while their subscription's Sentinel connector is connected (and the
 * connect delay has passed) are ingested; nothing is backfilled, as with the real connector.
 */
export interface AlertStore {
  /** Records that the subscription's connector turned on or off at `at`. */
  setConnected(subscriptionId: string, connected: boolean, at: Date): void;
  isFlowing(subscriptionId: string, at: Date): boolean;
  /** Moment from which the subscription's alerts flow, or null when not connected. */
  flowingSince(subscriptionId: string): Date | null;
  /** Stores the row if its subscription flowed at `row.TimeGenerated`; says whether it did. */
  ingest(row: SecurityAlertRow, subscriptionId: string, ingestedAt: Date): boolean;
  /** Rows already ingested at `now`, in ingestion order. */
  listVisible(now: Date): StoredAlertRow[];
  /** Every stored row, ingested yet or not. */
  listAll(): readonly StoredAlertRow[];
}

interface FlowWindow {
  from: number;
  until: number;
}

export function createAlertStore(options: AlertStoreOptions): AlertStore {
  const windows = new Map<string, FlowWindow[]>();
  const rows: StoredAlertRow[] = [];
  const openWindow = (subscriptionId: string) =>
    windows.get(subscriptionId)?.find((window) => window.until === Infinity);

  return {
    setConnected(subscriptionId, connected, at) {
      const open = openWindow(subscriptionId);
      if (connected && !open) {
        const list = windows.get(subscriptionId) ?? [];
        list.push({ from: at.getTime() + options.connectDelayMs, until: Infinity });
        windows.set(subscriptionId, list);
      }
      if (!connected && open) open.until = at.getTime();
    },
    isFlowing(subscriptionId, at) {
      const time = at.getTime();
      return (windows.get(subscriptionId) ?? []).some((w) => time >= w.from && time < w.until);
    },
    flowingSince(subscriptionId) {
      const open = openWindow(subscriptionId);

      return open ? new Date(open.from) : null;
    },
    ingest(row, subscriptionId, ingestedAt) {
      const generatedAt = row.TimeGenerated as Date;
      if (!this.isFlowing(subscriptionId, generatedAt)) return false;
      // Ingestion never precedes generation.
      const at = ingestedAt < generatedAt ? generatedAt : ingestedAt;
      rows.push({ row, ingestedAt: at, subscriptionId });

      return true;
    },
    listVisible(now) {
      return rows.filter((stored) => stored.ingestedAt <= now);
    },
    listAll() {
      return rows;
    },
  };
}
