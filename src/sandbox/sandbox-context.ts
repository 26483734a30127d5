import type { Logger } from 'pino';
import type { AlertSource } from './alerts/create-alert-source.js';
import type { AlertStore } from './alerts/alert-store.js';
import type { FaultSwitch } from './http/fault-switch.js';
import type { SentinelStore } from './sentinel-store.js';

/** Everything the sandbox's routes share: its clock, state and controls. */
export interface SandboxContext {
  now: () => Date;
  alerts: AlertStore;
  alertSource: AlertSource;
  sentinel: SentinelStore;
  faults: FaultSwitch;
  /** Items per page in ARM lists; small so that clients' paging is exercised. */
  pageSize: number;
  logger?: Logger;
}

/** Brings the alert flow in line with the connectors: connected subscriptions flow, others stop. */
export function syncAlertFlow(context: SandboxContext, subscriptionIds: Iterable<string>): void {
  const connected = context.sentinel.listConnectedSubscriptions();
  for (const subscriptionId of subscriptionIds) {
    const id = subscriptionId.toLowerCase();
    context.alerts.setConnected(id, connected.has(id), context.now());
  }
}
