import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { loadConfig, summarizeConfig } from '../../../src/config/load-config.js';
import { startBot, type RunningBot } from '../../../src/start-bot.js';
import { loadActivity } from '../../support/activities.js';
import { createTemporaryDataDir } from '../../support/temporary-data-dir.js';
import { BotConnectorStub } from '../../support/bot-connector-stub.js';
import { createMemoryLog } from '../../support/memory-log.js';
import { createFixedCredentials, TokenIssuer } from './token-issuer.js';

const APP_ID = '5f0c7c2e-8a43-4d7e-9b1a-2c3d4e5f6a7b';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const APP_PASSWORD = 'app-password-SECRET-9c1e';
const OUTBOUND_TOKEN = 'outbound-token-SECRET-77ab';
const TEXT_MARKER = 'message-text-MARKER-41d0';
const CARD_MARKER = 'card-data-MARKER-5be2';

describe('logs of a full production flow', () => {
  const connector = new BotConnectorStub();
  const issuer = new TokenIssuer(APP_ID);
  const log = createMemoryLog('trace');
  const consoleLines: string[] = [];
  const inboundTokens: string[] = [];
  let bot: RunningBot;

  beforeAll(async () => {
    for (const method of ['log', 'info', 'warn', 'error', 'debug'] as const) {
      vi.spyOn(console, method).mockImplementation((...args: unknown[]) => {
        consoleLines.push(
          args.map((arg) => (arg instanceof Error ? arg.stack : String(arg))).join(' '),
        );
      });
    }
    await Promise.all([connector.start(), issuer.start()]);
    const config = loadConfig(
      {
        PORT: '0',
        SANDBOX_PORT: '0',
        SANDBOX_ALERT_INTERVAL_SECONDS: '0',
        DATA_DIR: createTemporaryDataDir(),
        HOST: '127.0.0.1',
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: APP_PASSWORD,
        MicrosoftAppType: 'SingleTenant',
        MicrosoftAppTenantId: TENANT,
        ALLOWED_TENANT_IDS: `${TENANT},TENANT_ID_PLACEHOLDER`,
        LOG_LEVEL: 'trace',
      },
      '0.0.0-test',
    );
    // The same start-up lines main.ts writes.
    log.logger.info({ config: summarizeConfig(config) }, 'configuration loaded');
    for (const warning of config.warnings) log.logger.warn({ warning }, 'configuration warning');
    bot = await startBot(config, {
      logger: log.logger,
      adapter: {
        openIdMetadataUrl: issuer.metadataUrl,
        credentialsFactory: createFixedCredentials(APP_ID, OUTBOUND_TOKEN),
      },
    });
  });
  afterAll(async () => {
    await bot.close();
    await Promise.all([connector.stop(), issuer.stop()]);
    vi.restoreAllMocks();
  });

  const post = async (activity: Record<string, unknown>, token?: string) => {
    const authorization = token ?? issuer.sign({ serviceurl: connector.url });
    inboundTokens.push(authorization);
    const response = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${authorization}`,
        'x-ms-request-id': 'req-log-scan',
      },
      body: JSON.stringify(activity),
    });
    await response.arrayBuffer();
    return response.status;
  };

  it('never contains a secret, a token, message text or card data', async () => {
    const message = loadActivity('personal-message', {
      serviceUrl: connector.url,
      text: `connect sub ${TEXT_MARKER}`,
    });
    const invoke = loadActivity('adaptive-card-action-invoke-with-verb', {
      serviceUrl: connector.url,
      value: { action: { type: 'Action.Execute', verb: 'connect', data: { note: CARD_MARKER } } },
    });
    const statuses = [
      await post(message),
      await post(invoke),
      await post(message, issuer.signForged({ serviceurl: connector.url })),
      await post(message, issuer.sign({ aud: 'another-bot' })),
      await post({ ...message, channelData: { tenant: { id: 'foreign-tenant' } } }),
    ];
    // The Bot Connector refuses the reply, the error card and the adapter's apology; its errors
    // carry our outbound request.
    connector.respondWith({
      status: 403,
      body: { error: { code: 'BotNotInConversationRoster', message: 'not in roster' } },
      times: 3,
    });
    statuses.push(await post(message));

    expect(statuses).toEqual([200, 200, 401, 401, 200, 500]);
    expect(connector.sent().map((call) => call.headers.authorization)).toContain(
      `Bearer ${OUTBOUND_TOKEN}`,
    );
    const messages = log.records().map((record) => record.msg);
    expect(messages).toEqual(
      expect.arrayContaining(['configuration loaded', 'caller refused', 'turn failed']),
    );

    const everything = [...log.lines, ...consoleLines].join('\n');
    const secrets = [APP_PASSWORD, OUTBOUND_TOKEN, TEXT_MARKER, CARD_MARKER, ...inboundTokens];
    const signatures = inboundTokens.map((token) => token.split('.')[2] as string);
    expect([...secrets, ...signatures].filter((secret) => everything.includes(secret))).toEqual([]);
  });
});
