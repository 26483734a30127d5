import type { TokenCredential } from '@azure/core-auth';
import type { AzureTarget } from '../config/load-config.js';
import { BotError, ErrorCodes } from '../errors.js';
import type { Logger } from '../logging/create-logger.js';
import type { AzureConnection, AzureConnectionOptions } from './azure-connection.js';
import { createAzureClients } from './create-azure-clients.js';
import { createIotSecurityGateway } from './create-iot-security-gateway.js';
import type { WorkspaceRef } from './iot-security-gateway.js';
import type { RunningSandbox } from '../sandbox/index.js';

export type { RunningSandbox } from '../sandbox/index.js';

type SandboxTarget = Extract<AzureTarget, { kind: 'sandbox' }>;

/** A connection to the sandbox; `sandbox` is set when it runs in this process. */
export interface SandboxConnection extends AzureConnection {
  sandbox?: RunningSandbox;
}

/**
 * Connects the bot to the Azure sandbox: starts it in this process, or uses one started with
 * `npm run sandbox` when `SANDBOX_URL` is set. This is the only module of the bot that loads the
 * sandbox, and it does so with a dynamic import, so Azure mode never loads it.
 */
export async function connectSandbox(
  target: SandboxTarget,
  logger: Logger,
  options: AzureConnectionOptions = {},
): Promise<SandboxConnection> {
  if (target.externalUrl) return connectExternalSandbox(target.externalUrl, options);

  const { startSandbox } = await import('../sandbox/index.js');
  const sandbox = await startSandbox({
    port: target.port,
    alertIntervalSeconds: target.alertIntervalSeconds,
    connectDelaySeconds: target.connectDelaySeconds,
    logger: logger.child({ component: 'sandbox' }),
  });
  const clients = createAzureClients({
    credential: sandbox.credential,
    redirectTo: sandbox.baseUrl,
    maxRetries: options.maxRetries,
  });

  return {
    gateway: createIotSecurityGateway(clients, sandbox.workspace),
    logs: clients.logs,
    kind: 'sandbox',
    location: sandbox.baseUrl,
    sandbox,
    describeIdentity: async () => 'the sandbox’s own credential (no real Azure identity)',
    close: () => sandbox.close(),
  };
}

/**
 * A sandbox in another process: the workspace comes from its `GET /_sandbox/state`, tokens from
 * `GET /_sandbox/token?scope=…`, because its signing secret never leaves that process.
 */
async function connectExternalSandbox(
  url: string,
  options: AzureConnectionOptions,
): Promise<SandboxConnection> {
  const baseUrl = url.replace(/\/+$/, '');
  const state = await fetchJson(`${baseUrl}/_sandbox/state`);
  const workspace = (state as { workspace?: WorkspaceRef }).workspace;
  if (!workspace?.workspaceId) {
    throw new BotError(ErrorCodes.StartupFailed, `SANDBOX_URL ${baseUrl} is not an Azure sandbox`);
  }
  const credential: TokenCredential = {
    async getToken(scopes) {
      const scope = Array.isArray(scopes) ? scopes[0] : scopes;
      const body = await fetchJson(
        `${baseUrl}/_sandbox/token?scope=${encodeURIComponent(String(scope))}`,
      );
      return body as { token: string; expiresOnTimestamp: number };
    },
  };
  const clients = createAzureClients({
    credential,
    redirectTo: baseUrl,
    maxRetries: options.maxRetries,
  });

  return {
    gateway: createIotSecurityGateway(clients, workspace),
    logs: clients.logs,
    kind: 'sandbox',
    location: baseUrl,
    describeIdentity: async () => 'the sandbox’s own credential (no real Azure identity)',
    close: async () => undefined,
  };
}

async function fetchJson(url: string): Promise<unknown> {
  try {
    const response = await fetch(url);
    if (!response.ok) throw new BotError(ErrorCodes.StartupFailed, `HTTP ${response.status}`);
    return (await response.json()) as unknown;
  } catch (error) {
    throw new BotError(ErrorCodes.StartupFailed, `The Azure sandbox at ${url} did not answer`, {
      cause: error,
    });
  }
}
