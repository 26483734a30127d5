import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type RunningSandbox } from '../../src/sandbox/index.js';
import { getCardText, startBotHarness, type BotHarness } from './bot-harness.js';

// The bot can use a sandbox running in another process (`npm run sandbox`, SANDBOX_URL); it then
// reads the workspace and fetches tokens over the sandbox's admin routes.
describe('the bot on a separately started sandbox', () => {
  let sandbox: RunningSandbox;
  let harness: BotHarness;

  beforeAll(async () => {
    sandbox = await startSandbox({ port: 0 });
    harness = await startBotHarness({ SANDBOX_URL: sandbox.baseUrl });
  });
  afterAll(async () => {
    await harness.stop();
    await sandbox.close();
  });

  it('lists the sandbox subscriptions through the official clients', async () => {
    const text = getCardText(await harness.ask('show subs'));

    expect(text).toContain('Contoso-OT');
    expect(text).toContain('Contoso-Retail-Edge');
    expect(text).toContain('Contoso-Corp-IT');
  });

  it('writes the connector into that sandbox', async () => {
    await harness.ask('connect sub Contoso-Retail-Edge');
    const state = (await (await fetch(`${sandbox.baseUrl}/_sandbox/state`)).json()) as {
      connectors: Array<{ subscriptionId: string; state: string }>;
    };

    expect(state.connectors).toContainEqual(
      expect.objectContaining({
        subscriptionId: '2b9f6d3c-7e15-4a8b-b4d2-9c0e1f7a5d36',
        state: 'Enabled',
      }),
    );
  });
});
