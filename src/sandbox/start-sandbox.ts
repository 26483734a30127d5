import type { AddressInfo } from 'node:net';
import type { TokenCredential } from '@azure/core-auth';
import type { Logger } from 'pino';
import { createAlertStore } from './alerts/alert-store.js';
import {
  createAlertSource,
  type GenerateAlertsOptions,
  type GeneratedAlert,
} from './alerts/create-alert-source.js';
import { createSandboxServer } from './http/create-sandbox-server.js';
import { createFaultSwitch, type FaultSwitch } from './http/fault-switch.js';
import { createSandboxTokens } from './http/sandbox-credential.js';
import { createAdminRoutes } from './routes/admin-routes.js';
import { createLogsQueryRoute } from './routes/logs-query-route.js';
import { createResourceRoutes } from './routes/resource-routes.js';
import { createSentinelRoutes } from './routes/sentinel-routes.js';
import { SANDBOX_DATA } from './sandbox-data.js';
import type { SandboxContext } from './sandbox-context.js';
import { createSentinelStore } from './sentinel-store.js';

export interface SandboxOptions {
  /** Interface to bind; default `127.0.0.1`. */
  host?: string;
  /** Port; default 0 (a free port). */
  port?: number;
  /** Seed of all generated data; the same seed gives the same rows. Default 20240611. */
  seed?: number;
  /** Clock; default real time. The seeded 14 days of alerts end at the clock's time at start. */
  now?: () => Date;
  /** Seconds between generated alerts; 0 or absent turns the generator off. */
  alertIntervalSeconds?: number;
  /** Seconds between connecting a subscription and its alerts reaching SecurityAlert; default 5. */
  connectDelaySeconds?: number;
  /** Items per page of ARM lists; default 2, so that clients' paging is always exercised. */
  pageSize?: number;
  logger?: Logger;
}

/** The Sentinel workspace a client needs to address. */
export interface SandboxWorkspace {
  tenantId: string;
  subscriptionId: string;
  resourceGroup: string;
  workspaceName: string;
  workspaceId: string;
}

export interface RunningSandbox {
  /** e.g. `http://127.0.0.1:4980`; pass as `redirectTo` to `createAzureClients`. */
  baseUrl: string;
  workspace: SandboxWorkspace;
  /** Issues tokens the sandbox accepts (per audience, like Entra ID). */
  credential: TokenCredential;
  faults: FaultSwitch;
  /** Raises alerts now (ingested per connector state and the given or drawn delay). */
  generateAlerts(count: number, options?: GenerateAlertsOptions): GeneratedAlert[];
  /** A bearer token for curl or another process; scope defaults to ARM's. */
  issueToken(scope?: string): string;
  close(): Promise<void>;
}

const DEFAULT_SEED = 20240611;
const SEEDED_CONNECTION_AGE_MS = 30 * 86_400_000;

/** Starts the Azure sandbox: seeded state, the HTTP server and, when asked, the alert generator. */
export async function startSandbox(options: SandboxOptions = {}): Promise<RunningSandbox> {
  const now = options.now ?? (() => new Date());
  const start = now();
  const alerts = createAlertStore({ connectDelayMs: (options.connectDelaySeconds ?? 5) * 1000 });
  for (const connector of SANDBOX_DATA.connectors) {
    alerts.setConnected(
      connector.subscriptionId,
      true,
      new Date(start.getTime() - SEEDED_CONNECTION_AGE_MS),
    );
  }
  const alertSource = createAlertSource(options.seed ?? DEFAULT_SEED, { store: alerts, now });
  alertSource.seedHistory(start);
  const context: SandboxContext = {
    now,
    alerts,
    alertSource,
    sentinel: createSentinelStore(start),
    faults: createFaultSwitch(),
    pageSize: options.pageSize ?? 2,
    logger: options.logger,
  };
  const tokens = createSandboxTokens();
  const { server, abortAll } = createSandboxServer({
    routes: [
      ...createResourceRoutes(context),
      ...createSentinelRoutes(context),
      createLogsQueryRoute(context),
    ],
    adminRoutes: createAdminRoutes(context, tokens),
    faults: context.faults,
    tokens,
    logger: options.logger,
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve());
  });
  const address = server.address() as AddressInfo;
  const host = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const interval = options.alertIntervalSeconds
    ? setInterval(() => alertSource.tick(), options.alertIntervalSeconds * 1000)
    : undefined;
  interval?.unref();

  return {
    baseUrl: `http://${host}:${address.port}`,
    workspace: { ...SANDBOX_DATA.workspace },
    credential: tokens.credential,
    faults: context.faults,
    generateAlerts: (count, generateOptions) => alertSource.generate(count, generateOptions),
    issueToken: (scope = 'https://management.azure.com/.default') =>
      tokens.issue(scope, 24 * 3_600_000).token,
    async close() {
      if (interval) clearInterval(interval);
      abortAll();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
