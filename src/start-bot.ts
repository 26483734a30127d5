import type { Server } from 'restify';
import type { BotConfig } from './config/load-config.js';
import type { Logger } from './logging/create-logger.js';
import { createAdapter } from './http/create-adapter.js';
import { createServer } from './http/create-server.js';
import { IotBot } from './bot/iot-bot.js';

export interface StartBotDeps {
  logger: Logger;
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
  const adapter = createAdapter(config, logger);
  const bot = new IotBot({ logger });
  const server = createServer({
    logger,
    messages: { process: (req, res) => adapter.process(req, res, (context) => bot.run(context)) },
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
  }

  return {
    url,
    server,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
