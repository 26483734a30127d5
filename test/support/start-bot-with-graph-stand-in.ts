/**
 * Starts the bot like `src/main.ts`, but with the notice read-back pointed at a Graph stand-in
 * (`GRAPH_STAND_IN_URL`, e.g. a BotConnectorStub's `graphUrl`). Local mode has no app
 * credentials, so the token is a fixed stand-in value. Crash tests run this as a child process.
 */
import type { TokenCredential } from '@azure/core-auth';
import { loadConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/logging/create-logger.js';
import { createGraphPostedNoticeFinder } from '../../src/notices/graph-posted-notice-finder.js';
import { startBot } from '../../src/start-bot.js';

const { GRAPH_STAND_IN_URL, ...env } = process.env;
const config = loadConfig(env, '0.0.0-test');
const logger = createLogger({ level: config.logLevel });
const credential: TokenCredential = {
  getToken: async () => ({ token: 'stand-in-token', expiresOnTimestamp: Date.now() + 3_600_000 }),
};
const postedNoticeFinder = createGraphPostedNoticeFinder(
  { appId: config.app.id ?? '', baseUrl: GRAPH_STAND_IN_URL },
  { credential, logger: logger.child({ component: 'notices' }) },
);
await startBot(config, { logger, postedNoticeFinder });
