/**
 * The embedded Azure sandbox: a local HTTP service answering the requests the official Azure SDK
 * clients send, with seeded, stateful data. The only module other parts of the bot may import.
 */
export {
  startSandbox,
  type RunningSandbox,
  type SandboxOptions,
  type SandboxWorkspace,
} from './start-sandbox.js';
export type { FaultSpec, FaultSwitch, ActiveFault } from './http/fault-switch.js';
export type { GeneratedAlert, GenerateAlertsOptions } from './alerts/create-alert-source.js';
export { SANDBOX_DATA } from './sandbox-data.js';
export { ALERT_CATALOG, type AlertDefinition } from './alerts/alert-catalog.js';
