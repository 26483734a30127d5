import type {
  HubInfo,
  IotConnector,
  IotSecurityGateway,
  SubscriptionInfo,
} from '../../../src/azure/iot-security-gateway.js';
import type { CommandContext } from '../../../src/commands/command.js';
import { createLogger } from '../../../src/logging/create-logger.js';
import type { AuditEntry } from '../../../src/security/access-policy.js';

export const SUBS: SubscriptionInfo[] = [
  {
    subscriptionId: '3f2a9c71-5d84-4e0b-a6c3-1b7e2d90f5a4',
    displayName: 'Contoso-OT',
    state: 'Enabled',
  },
  {
    subscriptionId: '8c1d4b6e-2f37-4a95-b8d0-6e5a3c9f1b27',
    displayName: 'Contoso-Plant-Lab',
    state: 'Enabled',
  },
  {
    subscriptionId: '2b9f6d3c-7e15-4a8b-b4d2-9c0e1f7a5d36',
    displayName: 'Contoso-Retail-Edge',
    state: 'Enabled',
  },
];

/** An in-memory gateway that records writes. */
export function createFakeGateway(options: { hubs?: HubInfo[]; connectors?: IotConnector[] } = {}) {
  const writes: string[] = [];
  const connectors = [...(options.connectors ?? [])];
  const gateway: IotSecurityGateway = {
    workspace: { subscriptionId: 's', resourceGroup: 'rg', workspaceName: 'law', workspaceId: 'w' },
    listSubscriptions: async () => SUBS,
    listHubs: async (id) => (options.hubs ?? []).filter((hub) => hub.subscriptionId === id),
    listIotConnectors: async () => [...connectors],
    connect: async (subscriptionId) => {
      writes.push(`connect ${subscriptionId}`);
      const connector = { id: subscriptionId, subscriptionId, alertsState: 'Enabled' as const };
      connectors.push(connector);
      return connector;
    },
    disconnect: async (list) => {
      writes.push(`disconnect ${list.map((c) => c.id).join(',')}`);
    },
    getIncidentRule: async () => undefined,
    setIncidentRule: async (enabled) => {
      writes.push(`incidents ${enabled}`);
      return { id: 'r', displayName: 'IoT', enabled };
    },
    queryAlerts: async () => ({ countsBySeverity: {}, total: 0, rows: [] }),
    getAlert: async () => undefined,
  };

  return { gateway, writes };
}

/** A command context around a gateway, with an audit trail that keeps entries in a list. */
export function createContext(gateway: IotSecurityGateway) {
  const audit: AuditEntry[] = [];
  const context: CommandContext = {
    caller: { aadObjectId: 'u1', name: 'User One' },
    conversationId: 'a:PERSONAL_CONVERSATION_ID_PLACEHOLDER',
    logger: createLogger({ level: 'silent' }),
    canOperate: true,
    commands: [],
    deps: {
      azure: gateway,
      audit: { record: async (entry) => void audit.push(entry), recent: async () => audit },
      now: () => new Date('2025-03-01T12:00:00Z'),
      environment: {
        azureKind: 'sandbox',
        azureLocation: 'http://127.0.0.1:1',
        botMode: 'local',
        version: '1.0.0',
        describeIdentity: async () => 'test identity',
      },
    },
  };

  return { context, audit };
}

export function hub(subscriptionId: string, name: string, defenderEnabled: boolean): HubInfo {
  return {
    id:
      `/subscriptions/${subscriptionId}/resourceGroups/rg` +
      `/providers/Microsoft.Devices/IotHubs/${name}`,
    name,
    location: 'westeurope',
    subscriptionId,
    defenderEnabled,
  };
}
