import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/logging/create-logger.js';
import { startBot, type RunningBot } from '../../src/start-bot.js';
import { loadActivity, type ActivityName } from '../support/activities.js';
import { BotConnectorStub, type ConnectorCall } from '../support/bot-connector-stub.js';

export const PERSONAL_CONVERSATION = 'a:PERSONAL_CONVERSATION_ID_PLACEHOLDER';
export const CHANNEL_CONVERSATION =
  '19:CHANNEL_ID_PLACEHOLDER@thread.tacv2;messageid=1759881511856';

export interface BotHarness {
  bot: RunningBot;
  connector: BotConnectorStub;
  /** POSTs an activity shape (with overrides) to /api/messages; returns the HTTP status. */
  post(name: ActivityName, overrides?: Record<string, unknown>): Promise<Response>;
  /** Types a command in the personal chat and returns the card of the first reply. */
  ask(text: string): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

/** The real bot on an in-process sandbox (free ports), replying to a local connector stub. */
export async function startBotHarness(
  env: Record<string, string> = {},
  options: { workingAfterMs?: number; actionDeadlineMs?: number } = {},
): Promise<BotHarness> {
  const connector = await new BotConnectorStub().start();
  // Each bot keeps its state in its own folder, removed on stop.
  const dataDir = mkdtempSync(join(tmpdir(), 'bot-data-'));
  const config = loadConfig(
    {
      PORT: '0',
      DATA_DIR: dataDir,
      SANDBOX_PORT: '0',
      SANDBOX_ALERT_INTERVAL_SECONDS: '0',
      SANDBOX_CONNECT_DELAY_SECONDS: '0',
      LOG_LEVEL: 'silent',
      ...env,
    },
    '9.9.9-test',
  );
  const bot = await startBot(config, {
    logger: createLogger({ level: 'silent' }),
    azureMaxRetries: 0,
    workingAfterMs: options.workingAfterMs ?? 10_000,
    actionDeadlineMs: options.actionDeadlineMs ?? 10_000,
  });
  const post = (name: ActivityName, overrides: Record<string, unknown> = {}) =>
    fetch(`${bot.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(loadActivity(name, { serviceUrl: connector.url, ...overrides })),
    });

  return {
    bot,
    connector,
    post,
    async ask(text) {
      const before = connector.calls.length;
      const response = await post('personal-message', { text });
      if (response.status !== 200) throw new Error(`POST answered ${response.status}`);
      const call = connector.calls[before];
      if (!call) throw new Error(`no reply to "${text}"`);
      return readCard(call);
    },
    async stop() {
      await bot.close();
      await connector.stop();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** The Adaptive Card in a recorded send or update. */
export function readCard(call: ConnectorCall): Record<string, unknown> {
  const attachments = call.body.attachments as Array<{ content: Record<string, unknown> }>;
  const card = attachments?.[0]?.content;
  if (!card) throw new Error('the reply has no card');

  return card;
}

/** Every `text`, fact title and fact value of a card, in order, for assertions on content. */
export function listCardTexts(card: unknown): string[] {
  const texts: string[] = [];
  const walk = (node: unknown) => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (node === null || typeof node !== 'object') return;
    const record = node as Record<string, unknown>;
    for (const key of ['text', 'title', 'value']) {
      if (typeof record[key] === 'string') texts.push(record[key] as string);
    }
    Object.values(record).forEach(walk);
  };
  walk(card);

  return texts;
}

/** All of a card's texts joined by newlines. */
export function getCardText(card: unknown): string {
  return listCardTexts(card).join('\n');
}
