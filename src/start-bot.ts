import type { Server } from 'restify';
import type { BotConfig } from './config/load-config.js';
import type { Logger } from './logging/create-logger.js';
import { createAdapter, type AdapterOptions } from './http/create-adapter.js';
import { createMessageEndpoint } from './http/create-message-endpoint.js';
import { createServer } from './http/create-server.js';
import { IotBot } from './bot/iot-bot.js';
import { createBackgroundTasks } from './bot/background-tasks.js';
import { createCommandTable, type CommandTable } from './bot/command-table.js';
import { createChangeLog, recordChangesFromAudit } from './bot/change-log.js';
import { createCardRenderer } from './cards/render-card.js';
import { BUILT_IN_COMMANDS } from './commands/built-in-commands.js';
import { createAuditCommand } from './commands/audit.js';
import type { AzureConnection } from './azure/azure-connection.js';
import { connectAzure } from './azure/connect-azure.js';
import { connectSandbox, type RunningSandbox } from './azure/connect-sandbox.js';
import { createAccessPolicy } from './security/create-access-policy.js';
import type { AuditTrail } from './security/access-policy.js';
import { auditChangeAttempts } from './security/change-attempts.js';
import { createAuditTrail } from './security/create-audit-trail.js';
import { createTenantGate } from './security/create-tenant-gate.js';
import { createNoticeAdapter, createNoticeSender } from './notices/create-notice-sender.js';
import { createNoticeService, type NoticeService } from './notices/create-notice-service.js';
import { createGraphCredential } from './notices/create-graph-credential.js';
import { createGraphPostedNoticeFinder } from './notices/graph-posted-notice-finder.js';
import type { NoticeStore } from './notices/notice-store.js';
import type { PostedNoticeFinder } from './notices/posted-notice-finder.js';
import { createWatchCommands } from './notices/watch-commands.js';
import { SqliteStorage } from './storage/sqlite-storage.js';

export interface StartBotDeps {
  logger: Logger;
  /** Clock for audit entries; default real time. */
  now?: () => Date;
  /** Delay before a "working…" message; default 2000 ms. */
  workingAfterMs?: number;
  /** How long a card button may work before it is answered "working…"; default 3000 ms. */
  actionDeadlineMs?: number;
  /** Retries of the Azure SDK's retry policy; default the SDK's own. Tests pass 0. */
  azureMaxRetries?: number;
  /** Overrides for the Bot Framework adapter (signing-key source, outbound credentials). */
  adapter?: AdapterOptions;
  /**
   * Reads conversations back after an interrupted notice send. Default: Microsoft Graph with the
   * bot's app credentials in production mode, none in local mode (such sends are repeated).
   */
  postedNoticeFinder?: PostedNoticeFinder;
}

export interface RunningBot {
  /** Base URL of the listening server, e.g. `http://127.0.0.1:3978`. */
  url: string;
  server: Server;
  /** The route table; other features register their commands here. */
  commands: CommandTable;
  /** The in-process Azure sandbox, in sandbox mode without `SANDBOX_URL`. */
  sandbox?: RunningSandbox;
  /** Proactive alert notices (poller and delivery). */
  notices: NoticeService;
  /** Resolves when every "working…" message has been updated. */
  settle(): Promise<void>;
  close(): Promise<void>;
}

/** What the route table's commands are built from, beyond the built-in ones. */
export interface BotCommandsDeps {
  /** The notices' store, for the watch commands. */
  watches: NoticeStore;
  /** The audit trail the `audit` command reads. */
  audit: Pick<AuditTrail, 'recent'>;
}

/**
 * The route table every turn and card button goes through: the built-in commands, the watch
 * commands and `audit`. Each change command is wrapped so that every run is audited once.
 */
export function createBotCommandTable(deps: BotCommandsDeps): CommandTable {
  const commands = [
    ...BUILT_IN_COMMANDS,
    ...createWatchCommands(deps.watches),
    createAuditCommand({ audit: deps.audit }),
  ];

  return createCommandTable(commands.map(auditChangeAttempts));
}

/**
 * Composition root: builds every collaborator from the configuration, connects to Azure or the
 * sandbox, starts the HTTP server and resolves once it listens. Rejects, with everything started
 * so far closed again, when start-up fails.
 */
export async function startBot(config: BotConfig, deps: StartBotDeps): Promise<RunningBot> {
  const azure = await connectToAzure(config, deps);
  try {
    return await startServer(config, deps, azure);
  } catch (error) {
    await azure.close();
    throw error;
  }
}

async function connectToAzure(config: BotConfig, deps: StartBotDeps) {
  const options = { maxRetries: deps.azureMaxRetries };
  const connection: AzureConnection & { sandbox?: RunningSandbox } =
    config.azure.kind === 'sandbox'
      ? await connectSandbox(config.azure, deps.logger, options)
      : connectAzure(config.azure, options);
  const { workspace } = connection.gateway;
  if (connection.kind === 'sandbox') {
    deps.logger.info(
      { sandboxUrl: connection.location, workspace: workspace.workspaceName },
      `running on the Azure sandbox at ${connection.location} (no real Azure is called)`,
    );
  } else {
    deps.logger.info({ workspace: workspace.workspaceName }, 'running on Azure');
  }

  return connection;
}

async function startServer(
  config: BotConfig,
  deps: StartBotDeps,
  azure: AzureConnection & { sandbox?: RunningSandbox },
): Promise<RunningBot> {
  const { logger } = deps;
  const adapter = createAdapter(config, logger, deps.adapter);
  const tasks = createBackgroundTasks(logger);
  const storage = new SqliteStorage({ dataDir: config.dataDir });
  const access = createAccessPolicy(config);
  // Audit trail and change log share the notices' store, so both survive restarts.
  const changes = createChangeLog(storage);
  const audit = recordChangesFromAudit(createAuditTrail(storage), changes, logger);
  const renderer = createCardRenderer({
    footer:
      azure.kind === 'sandbox'
        ? `Sandbox mode: data from the embedded Azure sandbox at ${azure.location}, not from Azure.`
        : '',
  });
  const notices = createNoticeService(
    { workspaceId: azure.gateway.workspace.workspaceId, pollSeconds: config.alertPollSeconds },
    {
      storage,
      logs: azure.logs,
      // The configured app id, or '' in local mode; never undefined (F14).
      sender: createNoticeSender(createNoticeAdapter(config), config.app.id ?? ''),
      renderer,
      logger,
      finder: deps.postedNoticeFinder ?? createDefaultFinder(config, logger),
      listSubscriptions: () => azure.gateway.listSubscriptions(),
    },
  );
  const table = createBotCommandTable({ watches: notices.store, audit });
  const bot = new IotBot({
    logger,
    table,
    renderer,
    access,
    audit,
    tasks,
    appId: config.app.id ?? '',
    workingAfterMs: deps.workingAfterMs,
    recordActivity: (activity) => notices.recordActivity(activity),
    changes,
    actionDeadlineMs: deps.actionDeadlineMs,
    commandDeps: {
      notices,
      azure: azure.gateway,
      audit,
      now: deps.now ?? (() => new Date()),
      environment: {
        azureKind: azure.kind,
        azureLocation: azure.location,
        botMode: config.mode,
        version: config.version,
        describeIdentity: azure.describeIdentity,
      },
    },
  });
  const messages = createMessageEndpoint({
    config,
    adapter,
    logger,
    tenantGate: createTenantGate({ policy: access, logger }),
    handleTurn: (context) => bot.run(context),
  });
  const server = createServer({
    logger,
    messages,
    health: () => ({
      mode: config.mode,
      azure: azure.kind,
      version: config.version,
      alertPolling: notices.status().state,
    }),
  });

  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(config.port, config.host, () => resolve());
    });
    await notices.start();
  } catch (error) {
    // The close callback receives "not running" when listen itself failed; nothing to undo then.
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await notices.stop();
    storage.close();
    throw error;
  }
  const address = server.address();
  const url = `http://${config.host}:${address.port}`;
  logger.info({ url, mode: config.mode }, 'bot listening');
  if (config.mode === 'local') {
    logger.warn('local mode: callers are not authenticated; listening on loopback only');
  } else {
    logger.info({ appType: config.app.type }, 'callers must present a Bot Framework token');
  }

  return {
    url,
    server,
    commands: table,
    sandbox: azure.sandbox,
    notices,
    settle: () => tasks.drain(),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await tasks.drain();
      await notices.stop();
      storage.close();
      await azure.close();
    },
  };
}

function createDefaultFinder(config: BotConfig, logger: Logger): PostedNoticeFinder | undefined {
  const credential = config.mode === 'production' ? createGraphCredential(config.app) : undefined;
  if (!credential) {
    logger.info('no Graph read-back: a notice interrupted by a crash is sent again');
    return undefined;
  }

  return createGraphPostedNoticeFinder({ appId: config.app.id ?? '' }, { credential, logger });
}
