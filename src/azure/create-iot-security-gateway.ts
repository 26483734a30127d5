import type { AzureClients } from './create-azure-clients.js';
import { toAzureCallError, type AzureOperation } from './azure-call-error.js';
import { AzureOperations } from './azure-operations.js';
import { deleteIotConnectors, listIotConnectors, writeIotConnector } from './iot-connectors.js';
import { findIotIncidentRule, toIncidentRule, writeIotIncidentRule } from './iot-incident-rule.js';
import type { IotSecurityGateway, WorkspaceRef } from './iot-security-gateway.js';
import { listDefendedHubIds, listIotHubs } from './list-iot-hubs.js';
import { getIotAlert, queryIotAlerts } from './query-iot-alerts.js';

/**
 * Implements {@link IotSecurityGateway} over the official SDK clients. Each call's failure is
 * turned into an `AzureCallError` that names what failed and which role would allow it.
 */
export function createIotSecurityGateway(
  clients: AzureClients,
  workspace: WorkspaceRef,
): IotSecurityGateway {
  const sentinel = () => clients.sentinel(workspace.subscriptionId);

  return {
    workspace,

    listSubscriptions: () =>
      call(AzureOperations.listSubscriptions, async () => {
        const subscriptions = [];
        for await (const sub of clients.subscriptions.subscriptions.list()) {
          if (!sub.subscriptionId) continue;
          subscriptions.push({
            subscriptionId: sub.subscriptionId.toLowerCase(),
            displayName: sub.displayName ?? sub.subscriptionId,
            state: sub.state ?? 'Enabled',
          });
        }
        return subscriptions.sort((a, b) => a.displayName.localeCompare(b.displayName));
      }),

    listHubs: async (subscriptionId) => {
      const hubs = await call(AzureOperations.listHubs, () =>
        listIotHubs(clients.iotHub(subscriptionId), subscriptionId),
      );
      if (hubs.length === 0) return hubs;
      const defended = await call(AzureOperations.listDefenderSolutions, () =>
        listDefendedHubIds(clients.security(subscriptionId)),
      );
      return hubs.map((hub) => ({ ...hub, defenderEnabled: defended.has(hub.id.toLowerCase()) }));
    },

    listIotConnectors: () =>
      call(AzureOperations.listConnectors, () =>
        listIotConnectors(sentinel().dataConnectors, workspace),
      ),

    connect: async (subscriptionId) => {
      const existing = await call(AzureOperations.listConnectors, () =>
        listIotConnectors(sentinel().dataConnectors, workspace),
      );
      const match = existing.find((c) => c.subscriptionId === subscriptionId.toLowerCase());
      return call(AzureOperations.connect, () =>
        writeIotConnector(sentinel().dataConnectors, workspace, {
          subscriptionId,
          existingId: match?.id,
        }),
      );
    },

    disconnect: (connectors) =>
      call(AzureOperations.disconnect, () =>
        deleteIotConnectors(sentinel().dataConnectors, workspace, connectors),
      ),

    getIncidentRule: () =>
      call(AzureOperations.readIncidentRule, async () => {
        const rule = await findIotIncidentRule(sentinel().alertRules, workspace);
        return rule ? toIncidentRule(rule, rule.name) : undefined;
      }),

    setIncidentRule: async (enabled) => {
      const existing = await call(AzureOperations.readIncidentRule, () =>
        findIotIncidentRule(sentinel().alertRules, workspace),
      );
      return call(AzureOperations.writeIncidentRule, () =>
        writeIotIncidentRule(sentinel().alertRules, workspace, { enabled, existing }),
      );
    },

    queryAlerts: (query) =>
      call(AzureOperations.queryAlerts, () => queryIotAlerts(clients.logs, workspace, query)),

    getAlert: (systemAlertId) =>
      call(AzureOperations.queryAlerts, () => getIotAlert(clients.logs, workspace, systemAlertId)),
  };
}

async function call<T>(operation: AzureOperation, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    throw toAzureCallError(error, operation);
  }
}
