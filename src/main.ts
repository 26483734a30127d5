import { readFileSync } from 'node:fs';
import { loadConfig, summarizeConfig } from './config/load-config.js';
import { createLogger } from './logging/create-logger.js';
import { startBot } from './start-bot.js';

// Bootstrap: the only place that reads the process environment and writes to the console.
const { version } = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));

try {
  const config = loadConfig(process.env, version);
  const logger = createLogger({ level: config.logLevel });
  logger.info({ config: summarizeConfig(config) }, 'configuration loaded');
  for (const warning of config.warnings) logger.warn({ warning }, 'configuration warning');
  const bot = await startBot(config, { logger });
  const stop = async (signal: string) => {
    logger.info({ signal }, 'stopping');
    await bot.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
} catch (error) {
  // eslint-disable-next-line no-console -- start-up failures must reach a human before logs exist
  console.error(`sentinel-iot-bot did not start: ${(error as Error).message}`);
  process.exit(1);
}
