import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { MAX_BODY_BYTES } from '../../../src/http/create-server.js';
import { startBot, type RunningBot } from '../../../src/start-bot.js';
import { loadActivity } from '../../support/activities.js';
import { createTemporaryDataDir } from '../../support/temporary-data-dir.js';
import { BotConnectorStub } from '../../support/bot-connector-stub.js';
import { createMemoryLog } from '../../support/memory-log.js';

describe('hostile and malformed requests in local mode', () => {
  const connector = new BotConnectorStub();
  const log = createMemoryLog();
  let bot: RunningBot;

  beforeAll(async () => {
    await connector.start();
    const config = loadConfig(
      {
        PORT: '0',
        SANDBOX_PORT: '0',
        SANDBOX_ALERT_INTERVAL_SECONDS: '0',
        DATA_DIR: createTemporaryDataDir(),
      },
      '0.0.0-test',
    );
    bot = await startBot(config, { logger: log.logger });
  });
  afterAll(async () => {
    await bot.close();
    await connector.stop();
  });
  beforeEach(() => connector.reset());

  const post = (body: string | undefined, headers: Record<string, string> = {}) =>
    fetch(`${bot.url}/api/messages`, { method: 'POST', headers, body });
  const json = { 'content-type': 'application/json' };
  const activity = (overrides: Record<string, unknown> = {}) =>
    JSON.stringify(loadActivity('personal-message', { serviceUrl: connector.url, ...overrides }));

  it('processes application/json; charset=utf-8 and replies once', async () => {
    const response = await post(activity(), { 'content-type': 'application/json; charset=utf-8' });

    expect(response.status).toBe(200);
    expect(connector.sent()).toHaveLength(1);
  });

  it('logs that local mode does not authenticate callers', () => {
    expect(log.records()).toContainEqual(
      expect.objectContaining({
        level: 'warn',
        msg: 'local mode: callers are not authenticated; listening on loopback only',
      }),
    );
    expect(bot.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it.each([
    ['no body and no content type', 400, 'UnsupportedContentType', undefined, {}],
    ['no body', 400, 'MalformedJson', undefined, json],
    ['text/plain', 400, 'UnsupportedContentType', 'show subs', { 'content-type': 'text/plain' }],
    [
      'form data',
      400,
      'UnsupportedContentType',
      'a=1',
      { 'content-type': 'application/x-www-form-urlencoded' },
    ],
    ['truncated JSON', 400, 'MalformedJson', activity().slice(0, 200), json],
    ['a JSON string', 400, 'BodyNotAnObject', '"message"', json],
    ['JSON null', 400, 'BodyNotAnObject', 'null', json],
    [
      'deeply nested arrays',
      400,
      'InvalidActivity',
      `{"a":${'['.repeat(100_000)}${']'.repeat(100_000)}}`,
      json,
    ],
    ['an object without a type', 400, 'InvalidActivity', '{"text":"show subs"}', json],
    ['a type that is not a string', 400, 'InvalidActivity', activity({ type: 42 }), json],
    ['no conversation', 400, 'InvalidActivity', activity({ conversation: null }), json],
    [
      'a serviceUrl that is not http(s)',
      400,
      'InvalidActivity',
      activity({ serviceUrl: 'file:///etc/passwd' }),
      json,
    ],
    [
      'a serviceUrl that is not a URL',
      400,
      'InvalidActivity',
      activity({ serviceUrl: 'http//x' }),
      json,
    ],
    [
      'a conversation id that cannot travel in a header',
      400,
      'InvalidActivity',
      activity({ conversation: { id: 'a:会话\u0000' } }),
      json,
    ],
    [
      'a sender whose object id is not a string',
      400,
      'InvalidActivity',
      activity({ from: { id: '29:U1', aadObjectId: true } }),
      json,
    ],
  ])('answers %s with %i %s and runs no handler', async (_case, status, code, body, headers) => {
    const response = await post(body, headers);

    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error: { code } });
    expect(connector.calls).toEqual([]);
  });

  it('answers a body over the size limit with 413, whether declared or streamed', async () => {
    const big = activity({ text: 'x'.repeat(MAX_BODY_BYTES) });
    const declared = await post(big, json);
    const streamed = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: json,
      body: new Blob([big]).stream(),
      duplex: 'half',
    } as RequestInit);

    expect([declared.status, streamed.status]).toEqual([413, 413]);
    expect(connector.calls).toEqual([]);
  });

  it('keeps serving after all of that', async () => {
    const health = await fetch(`${bot.url}/healthz`);

    expect(await health.json()).toMatchObject({ status: 'ok', mode: 'local' });
  });
});
