import type { Server } from 'restify';
import type { BotConfig } from './config/load-config.js';
import type { Logger } from './logging/create-logger.js';
import { createAdapter, type AdapterOptions } from './http/create-adapter.js';
import { createMessageEndpoint } from './http/create-message-endpoint.js';
import { createServer } from './http/create-server.js';
import { IotBot } from './bot/iot-bot.js';
import { createAccessPolicy } from './security/create-access-policy.js';
import { createTenantGate } from './security/create-tenant-gate.js';

export interface StartBotDeps {
  logger: Logger;
  /** Overrides for the Bot Framework adapter (signing-key source, outbound credentials). */
  adapter?: AdapterOptions;
}

export interface RunningBot {
  /** Base URL of the listening server, e.g. `http://127.0.0.1:3978`. */
  url: string;
  server: Server;
  close(): Promise<void>;
}

/**
 * Composition root: builds every collaborator from the configuration, starts the HTTP server and
 * resolves once it listens. Rejects, with everything started so far closed again, when start-up
 * fails.
 */
export async function startBot(config: BotConfig, deps: StartBotDeps): Promise<RunningBot> {
  const { logger } = deps;
  const adapter = createAdapter(config, logger, deps.adapter);
  const policy = createAccessPolicy(config);
  const bot = new IotBot({ logger });
  const messages = createMessageEndpoint({
    config,
    adapter,
    logger,
    tenantGate: createTenantGate({ policy, logger }),
    handleTurn: (context) => bot.run(context),
  });
  const server = createServer({
    logger,
    messages,
    health: () => ({ mode: config.mode, version: config.version }),
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
  } else {
    logger.info({ appType: config.app.type }, 'callers must present a Bot Framework token');
  }

  return {
    url,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
