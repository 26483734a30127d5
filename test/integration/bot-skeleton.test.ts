import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/logging/create-logger.js';
import { startBot, type RunningBot } from '../../src/start-bot.js';
import { loadActivity } from '../support/activities.js';
import { BotConnectorStub } from '../support/bot-connector-stub.js';

describe('the bot server', () => {
  const connector = new BotConnectorStub();
  let bot: RunningBot;

  beforeAll(async () => {
    await connector.start();
    const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent' }, '0.0.0-test');
    bot = await startBot(config, { logger: createLogger({ level: 'silent' }) });
  });
  afterAll(async () => {
    await bot.close();
    await connector.stop();
  });

  it('answers a personal message at the conversation serviceUrl', async () => {
    const activity = loadActivity('personal-message', { serviceUrl: connector.url });
    const response = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify(activity),
    });

    expect(response.status).toBe(200);
    const [reply] = connector.sent('a:PERSONAL_CONVERSATION_ID_PLACEHOLDER');
    expect(reply?.body.type).toBe('message');
    expect(reply?.body.replyToId).toBe('1485983408511');
  });

  it.each([
    ['text/plain', 'show subs', 400, 'UnsupportedContentType'],
    ['application/json', '{"type": "mess', 400, 'MalformedJson'],
    ['application/json', '', 400, 'MalformedJson'],
    ['application/json', '[1,2]', 400, 'BodyNotAnObject'],
  ])('rejects a %s body %j with %i %s', async (type, body, status, code) => {
    const response = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': type },
      body,
    });

    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error: { code } });
  });

  it('rejects a body over the size limit with 413', async () => {
    const response = await fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'x'.repeat(300 * 1024) }),
    });

    expect(response.status).toBe(413);
    const health = await fetch(`${bot.url}/healthz`);
    expect(await health.json()).toMatchObject({ status: 'ok', mode: 'local' });
  });
});
