import type { Server } from 'restify';
import type { BotConfig } from './config/load-config.js';
import type { Logger } from './logging/create-logger.js';
import { createAdapter } from './http/create-adapter.js';
import { createServer } from './http/create-server.js';
import { IotBot } from './bot/iot-bot.js';
import { createBackgroundTasks } from './bot/background-tasks.js';
import { createCommandTable, type CommandTable } from './bot/command-table.js';
import { createInterimAccessPolicy, createLogAuditTrail } from './bot/interim-access.js';
import { MemoryStorage } from 'botbuilder';
import { createChangeLog, recordChangesFromAudit } from './bot/change-log.js';
import { createCardRenderer } from './cards/render-card.js';
import { BUILT_IN_COMMANDS } from './commands/built-in-commands.js';
import type { AzureConnection } from './azure/azure-connection.js';
import { connectAzure } from './azure/connect-azure.js';
import { connectSandbox, type RunningSandbox } from './azure/connect-sandbox.js';

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
}

export interface RunningBot {
  /** Base URL of the listening server, e.g. `http://127.0.0.1:3978`. */
  url: string;
  server: Server;
  /** The route table; other features register their commands here. */
  commands: CommandTable;
  /** The in-process Azure sandbox, in sandbox mode without `SANDBOX_URL`. */
  sandbox?: RunningSandbox;
  /** Resolves when every "working…" message has been updated. */
  settle(): Promise<void>;
  close(): Promise<void>;
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
  const adapter = createAdapter(config, logger);
  const tasks = createBackgroundTasks(logger);
  const table = createCommandTable(BUILT_IN_COMMANDS);
  const access = createInterimAccessPolicy(config);
  // TODO(#4): keep the change log in the SQLite storage once it lands.
  const changes = createChangeLog(new MemoryStorage());
  const audit = recordChangesFromAudit(
    createLogAuditTrail(logger.child({ component: 'audit' })),
    changes,
    logger,
  );
  const renderer = createCardRenderer({
    footer:
      azure.kind === 'sandbox'
        ? `Sandbox mode: data from the embedded Azure sandbox at ${azure.location}, not from Azure.`
        : '',
  });
  const bot = new IotBot({
    logger,
    table,
    renderer,
    access,
    audit,
    tasks,
    appId: config.app.id ?? '',
    workingAfterMs: deps.workingAfterMs,
    changes,
    actionDeadlineMs: deps.actionDeadlineMs,
    commandDeps: {
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
  const server = createServer({
    logger,
    messages: { process: (req, res) => adapter.process(req, res, (context) => bot.run(context)) },
    health: () => ({ mode: config.mode, azure: azure.kind, version: config.version }),
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(config.port, config.host, () => resolve());
  });
  const address = server.address();
  const url = `http://${config.host}:${address.port}`;
  logger.info({ url, mode: config.mode }, 'bot listening');
  if (config.mode === 'local') {
    logger.warn('local mode: callers are not authenticated; listening on loopback only');
  }

  return {
    url,
    server,
    commands: table,
    sandbox: azure.sandbox,
    settle: () => tasks.drain(),
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await tasks.drain();
      await azure.close();
    },
  };
}
