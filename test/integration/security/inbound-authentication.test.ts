import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { startBot, type RunningBot } from '../../../src/start-bot.js';
import { loadActivity } from '../../support/activities.js';
import { createTemporaryDataDir } from '../../support/temporary-data-dir.js';
import { BotConnectorStub } from '../../support/bot-connector-stub.js';
import { createMemoryLog } from '../../support/memory-log.js';
import { createFixedCredentials, TokenIssuer } from './token-issuer.js';

const APP_ID = '5f0c7c2e-8a43-4d7e-9b1a-2c3d4e5f6a7b';
const OUTBOUND_TOKEN = 'outbound-token-for-tests';

describe('inbound authentication in production mode', () => {
  const connector = new BotConnectorStub();
  const issuer = new TokenIssuer(APP_ID);
  const log = createMemoryLog();
  let bot: RunningBot;

  beforeAll(async () => {
    await Promise.all([connector.start(), issuer.start()]);
    const config = loadConfig(
      {
        PORT: '0',
        SANDBOX_PORT: '0',
        SANDBOX_ALERT_INTERVAL_SECONDS: '0',
        DATA_DIR: createTemporaryDataDir(),
        HOST: '127.0.0.1',
        MicrosoftAppId: APP_ID,
        MicrosoftAppPassword: 'test-password',
        ALLOWED_TENANT_IDS: 'TENANT_ID_PLACEHOLDER',
      },
      '0.0.0-test',
    );
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
  });
  beforeEach(() => connector.reset());

  const post = (authorization: string | undefined, activity = message()) =>
    fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(authorization === undefined ? {} : { authorization }),
      },
      body: JSON.stringify(activity),
    });
  const message = () => loadActivity('personal-message', { serviceUrl: connector.url });

  it('answers a valid channel token and replies with the outbound token', async () => {
    const response = await post(`Bearer ${issuer.sign({ serviceurl: connector.url })}`);

    expect(response.status).toBe(200);
    const [reply] = connector.sent('a:PERSONAL_CONVERSATION_ID_PLACEHOLDER');
    expect(reply?.body.replyToId).toBe('1485983408511');
    expect(reply?.headers.authorization).toBe(`Bearer ${OUTBOUND_TOKEN}`);
  });

  it.each([
    ['no Authorization header', () => undefined],
    ['an empty Authorization header', () => ''],
    ['a Basic scheme', () => 'Basic dXNlcjpwYXNz'],
    ['a bearer that is not a JWT', () => 'Bearer garbage'],
    ['an unsigned token', () => 'Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.'],
    ['a token from another issuer', () => `Bearer ${issuer.sign({ iss: 'https://evil.example' })}`],
    ['a token for another bot', () => `Bearer ${issuer.sign({ aud: 'another-app-id' })}`],
    ['an expired token', () => `Bearer ${issuer.sign({ expiresIn: -3600 })}`],
    [
      'a token signed with a key nobody published',
      () => `Bearer ${issuer.signForged({ serviceurl: connector.url })}`,
    ],
    [
      'a token issued for another service URL',
      () => `Bearer ${issuer.sign({ serviceurl: 'https://smba.trafficmanager.net/emea/' })}`,
    ],
  ])('refuses %s with 401 and runs no handler', async (_case, authorization) => {
    const response = await post(authorization());

    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({
      error: { code: 'Unauthorized', message: 'A valid Bot Framework token is required.' },
    });
    expect(connector.calls).toEqual([]);
  });

  it('refuses an unauthenticated card action invoke the same way', async () => {
    const invoke = loadActivity('adaptive-card-action-invoke-with-verb', {
      serviceUrl: connector.url,
    });
    const response = await post(undefined, invoke);

    expect(response.status).toBe(401);
    expect(connector.calls).toEqual([]);
  });

  it('logs each refusal with a reason and never the token', async () => {
    const forged = issuer.sign({ aud: 'another-app-id' });
    await post(`Bearer ${forged}`);

    const refusals = log.records().filter((r) => r.msg === 'caller refused');
    expect(refusals.at(-1)).toMatchObject({ level: 'warn', reason: 'audience' });
    expect(log.lines.join('')).not.toContain(forged);
  });
});
