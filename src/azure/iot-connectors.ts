import type { DataConnectorUnion, IoTDataConnector } from '@azure/arm-securityinsight';
import type { IotConnector, WorkspaceRef } from './iot-security-gateway.js';

/** The narrow part of `SecurityInsights.dataConnectors` the bot uses. */
export interface DataConnectorsApi {
  list(resourceGroup: string, workspaceName: string): AsyncIterable<DataConnectorUnion>;
  createOrUpdate(
    resourceGroup: string,
    workspaceName: string,
    dataConnectorId: string,
    dataConnector: IoTDataConnector,
  ): Promise<DataConnectorUnion>;
  delete(resourceGroup: string, workspaceName: string, dataConnectorId: string): Promise<void>;
}

/** Every connector of kind `IOT` in the workspace. */
export async function listIotConnectors(
  api: DataConnectorsApi,
  workspace: WorkspaceRef,
): Promise<IotConnector[]> {
  const connectors: IotConnector[] = [];
  for await (const connector of api.list(workspace.resourceGroup, workspace.workspaceName)) {
    if (!isIotConnector(connector) || !connector.name || !connector.subscriptionId) continue;
    connectors.push({
      id: connector.name,
      subscriptionId: connector.subscriptionId.toLowerCase(),
      alertsState: connector.dataTypes?.alerts?.state === 'Enabled' ? 'Enabled' : 'Disabled',
    });
  }

  return connectors;
}

/**
 * Writes the subscription's connector with alerts enabled. An existing (disabled) connector is
 * re-enabled under its own id; a new one is named after the subscription id, so a repeated or
 * concurrent connect writes the same resource instead of a second connector.
 */
export async function writeIotConnector(
  api: DataConnectorsApi,
  workspace: WorkspaceRef,
  target: { subscriptionId: string; existingId?: string },
): Promise<IotConnector> {
  const id = target.existingId ?? target.subscriptionId.toLowerCase();
  const written = await api.createOrUpdate(workspace.resourceGroup, workspace.workspaceName, id, {
    kind: 'IOT',
    subscriptionId: target.subscriptionId,
    dataTypes: { alerts: { state: 'Enabled' } },
  });
  const state = isIotConnector(written) ? written.dataTypes?.alerts?.state : undefined;

  return {
    id,
    subscriptionId: target.subscriptionId.toLowerCase(),
    alertsState: state === 'Disabled' ? 'Disabled' : 'Enabled',
  };
}

/** Deletes the given connectors (disconnecting is a DELETE for kind `IOT`). */
export async function deleteIotConnectors(
  api: DataConnectorsApi,
  workspace: WorkspaceRef,
  connectors: readonly IotConnector[],
): Promise<void> {
  for (const connector of connectors) {
    await api.delete(workspace.resourceGroup, workspace.workspaceName, connector.id);
  }
}

/** The SDK's union includes a base type with `kind: string`, so `kind` alone does not narrow. */
function isIotConnector(connector: DataConnectorUnion): connector is IoTDataConnector {
  return connector.kind === 'IOT';
}
