import { DefaultAzureCredential } from '@azure/identity';
import type { TokenCredential } from '@azure/core-auth';
import type { AzureTarget } from '../config/load-config.js';
import type { AzureConnection, AzureConnectionOptions } from './azure-connection.js';
import { AzureHosts, createAzureClients } from './create-azure-clients.js';
import { createIotSecurityGateway } from './create-iot-security-gateway.js';

type AzureTenantTarget = Extract<AzureTarget, { kind: 'azure' }>;

/**
 * Connects the bot to real Azure with `DefaultAzureCredential` (managed identity, workload
 * identity, environment variables or a developer sign-in) and no redirect.
 */
export function connectAzure(
  target: AzureTenantTarget,
  options: AzureConnectionOptions = {},
): AzureConnection {
  const credential = new DefaultAzureCredential();
  const clients = createAzureClients({ credential, maxRetries: options.maxRetries });
  const { subscriptionId, resourceGroup, workspaceName, workspaceId } = target;

  return {
    gateway: createIotSecurityGateway(clients, {
      subscriptionId,
      resourceGroup,
      workspaceName,
      workspaceId,
    }),
    logs: clients.logs,
    kind: 'azure',
    location: `${AzureHosts.management} and ${AzureHosts.logAnalytics}`,
    describeIdentity: () => describeTokenIdentity(credential),
    close: async () => undefined,
  };
}

/**
 * Names the identity behind a credential from the claims of an ARM token: the user or app name
 * and the object id. The token is decoded for display only and never logged or shown.
 */
export async function describeTokenIdentity(credential: TokenCredential): Promise<string> {
  try {
    const token = await credential.getToken(`${AzureHosts.management}/.default`);
    const payload = token?.token.split('.')[1];
    const claims = payload
      ? (JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>)
      : {};
    const name = [claims.upn, claims.unique_name, claims.app_displayname, claims.appid].find(
      (value): value is string => typeof value === 'string',
    );
    const objectId = typeof claims.oid === 'string' ? claims.oid : undefined;
    if (!name && !objectId) return 'signed in (identity details not available)';

    return [name, objectId ? `object id ${objectId}` : undefined].filter(Boolean).join(', ');
  } catch {
    // Status must still answer when sign-in fails; the Azure commands report the details.
    return 'not signed in: the credential could not get a token';
  }
}
