import type { IotSecurityGateway } from '../azure/iot-security-gateway.js';
import { formatUtc } from '../cards/format-card-values.js';
import type { MessageContent } from '../commands/message-reply.js';
import { describeConnector } from '../commands/describe-connector.js';
import { resolveSubscription } from '../commands/resolve-subscription.js';
import type { ChangeRecord, ChangeTarget } from './change-log.js';

/** A state change a button asks for, with Azure's current state read just now. */
export interface ChangePlan {
  target: ChangeTarget;
  /** e.g. `Contoso-OT` or `Incident creation`. */
  label: string;
  subscriptionId?: string;
  current: string;
  wanted: string;
  /** What the confirmation card says before anything is written. */
  confirm: MessageContent & { confirmTitle: string };
}

/** The verbs whose buttons change Azure and therefore ask for a second click first. */
export const CHANGE_VERBS = new Set(['connectsub', 'disconnectsub', 'incidents']);

/**
 * Reads what a change button would change and its current state in Azure. Returns undefined
 * when the verb and arguments change nothing (`incidents` without `on`/`off`).
 */
export async function planChange(
  azure: IotSecurityGateway,
  verb: string,
  args: unknown,
): Promise<ChangePlan | undefined> {
  const workspace = { title: 'Workspace', value: azure.workspace.workspaceName };
  switch (verb.toLowerCase()) {
    case 'connectsub':
    case 'disconnectsub': {
      const connect = verb.toLowerCase() === 'connectsub';
      const sub = await resolveSubscription(azure, String(args));
      const state = describeConnector(await azure.listIotConnectors(), sub.subscriptionId);
      // Connect re-enables a connector whose alerts are off; disconnect removes any connector.
      const present = connect ? state.connected : state.connectors.length > 0;
      return {
        target: { kind: 'connector', subscriptionId: sub.subscriptionId },
        label: sub.displayName,
        subscriptionId: sub.subscriptionId,
        current: present ? 'connected' : 'disconnected',
        wanted: connect ? 'connected' : 'disconnected',
        confirm: {
          title: `${connect ? 'Connect' : 'Disconnect'} ${sub.displayName}?`,
          tone: connect ? 'default' : 'warning',
          text: connect
            ? 'This writes the Defender for IoT data connector for this subscription into the ' +
              'Sentinel workspace. Alerts reach Sentinel about 15 minutes after connecting.'
            : 'This removes the Defender for IoT data connector: ' +
              'the subscription’s alerts stop flowing into Sentinel.',
          facts: [{ title: 'Subscription', value: sub.subscriptionId }, workspace],
          confirmTitle: connect ? 'Connect' : 'Disconnect',
        },
      };
    }
    case 'incidents': {
      if (args !== 'on' && args !== 'off') return undefined;
      const rule = await azure.getIncidentRule();
      const on = args === 'on';
      return {
        target: { kind: 'incidentRule' },
        label: 'Incident creation',
        current: rule?.enabled ? 'on' : 'off',
        wanted: args,
        confirm: {
          title: on ? 'Turn incident creation on?' : 'Turn incident creation off?',
          tone: on ? 'default' : 'warning',
          text: on
            ? 'Sentinel will create an incident for every Defender for IoT alert in the ' +
              'workspace. That can be many incidents.'
            : 'New Defender for IoT alerts will no longer create Sentinel incidents.',
          facts: [workspace],
          confirmTitle: on ? 'Turn on' : 'Turn off',
        },
      };
    }
    default:
      return undefined;
  }
}

/**
 * "Contoso-OT is already connected — by User One at 2026-01-07 06:05 UTC." The who and when come
 * from the change log when its last record matches Azure's state; otherwise the change was made
 * outside the bot (the portal, another tool) and the card says so instead of guessing.
 */
export function describeCurrentState(plan: ChangePlan, record: ChangeRecord | undefined): string {
  const subject =
    plan.target.kind === 'incidentRule'
      ? `Incident creation is ${plan.current}`
      : `${plan.label} is ${plan.current}`;
  if (record && record.state === plan.current) {
    return `${subject}: ${describeChange(record)}.`;
  }

  return `${subject}; no change through this bot is on record.`;
}

/** "connected by User One at 2026-01-07 06:05 UTC". */
export function describeChange(record: ChangeRecord): string {
  const state =
    record.state === 'on' || record.state === 'off' ? `switched ${record.state}` : record.state;

  return `${state} by ${record.by || 'someone'} at ${formatUtc(record.at)}`;
}
