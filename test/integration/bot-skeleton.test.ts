import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PERSONAL_CONVERSATION, startBotHarness, type BotHarness } from './bot-harness.js';

describe('the bot server', () => {
  let harness: BotHarness;

  beforeAll(async () => {
    harness = await startBotHarness();
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('answers a personal message at the conversation serviceUrl', async () => {
    const response = await harness.post('personal-message', { text: 'help' });

    expect(response.status).toBe(200);
    const [reply] = harness.connector.sent(PERSONAL_CONVERSATION);
    expect(reply?.body.type).toBe('message');
    expect(reply?.body.replyToId).toBe('1485983408511');
  });

  it.each([
    ['text/plain', 'show subs', 400, 'UnsupportedContentType'],
    ['application/json', '{"type": "mess', 400, 'MalformedJson'],
    ['application/json', '', 400, 'MalformedJson'],
    ['application/json', '[1,2]', 400, 'BodyNotAnObject'],
  ])('rejects a %s body %j with %i %s', async (type, body, status, code) => {
    const response = await fetch(`${harness.bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': type },
      body,
    });

    expect(response.status).toBe(status);
    expect(await response.json()).toMatchObject({ error: { code } });
  });

  it('rejects a body over the size limit with 413', async () => {
    const response = await fetch(`${harness.bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'x'.repeat(300 * 1024) }),
    });

    expect(response.status).toBe(413);
    const health = await fetch(`${harness.bot.url}/healthz`);
    expect(await health.json()).toMatchObject({ status: 'ok', mode: 'local', azure: 'sandbox' });
  });
});
