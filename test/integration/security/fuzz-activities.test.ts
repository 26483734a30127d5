import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../../src/config/load-config.js';
import { createLogger } from '../../../src/logging/create-logger.js';
import { startBot, type RunningBot } from '../../../src/start-bot.js';
import { loadActivity, type ActivityName } from '../../support/activities.js';
import { createTemporaryDataDir } from '../../support/temporary-data-dir.js';
import { BotConnectorStub } from '../../support/bot-connector-stub.js';

/** Fixed so that a failure can be replayed exactly; change it to explore other inputs. */
const SEED = 0x5eed_1070;
const TOTAL = 10_000;
const WARM_UP = 1_000;
const CONCURRENCY = 8;
/** Generous: a leak of even 1 KB per request would show as ~9 MB over the measured part. */
const HEAP_GROWTH_LIMIT = 24 * 1024 * 1024;

const SHAPES: ActivityName[] = [
  'personal-message',
  'channel-message-mention',
  'action-submit-postback',
  'adaptive-card-action-invoke',
  'adaptive-card-action-invoke-with-verb',
  'conversation-update-bot-added-team',
  'installation-update-add',
];
const HOSTILE_TEXT = [
  "<at>IoT Alert Bot</at> connect sub 1111' or 1==1 | union SigninLogs //",
  '${MicrosoftAppPassword} ${json(turn)} {{card}}',
  '[click me](https://evil.example) ![x](javascript:alert(1))',
  '\u0000\u202e\ud83d\ude00\r\n\t',
  '<at>Ops & Sec</at><at></at><at>',
  'show iot alerts last 99999999999999999999d severity ""',
  'x'.repeat(20_000),
];
const INVOKE_NAMES = ['adaptiveCard/action', 'task/fetch', 'composeExtension/query', '', '💥'];

/** mulberry32: small, fast and deterministic. */
function createRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface FuzzRequest {
  contentType?: string;
  body?: string;
}

function createGenerator(random: () => number, serviceUrl: string) {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const randomValue = (depth = 0): unknown => {
    switch (Math.floor(random() * (depth > 2 ? 6 : 8))) {
      case 0:
        return null;
      case 1:
        return random() * 1e12 - 5e11;
      case 2:
        return random() < 0.5;
      case 3:
        return pick(HOSTILE_TEXT);
      case 4:
        return '';
      case 5:
        return String.fromCharCode(...Array.from({ length: 12 }, () => random() * 0xffff));
      case 6:
        return Array.from({ length: 3 }, () => randomValue(depth + 1));
      default:
        return { id: randomValue(depth + 1), name: randomValue(depth + 1), type: 'x' };
    }
  };
  const paths = [
    ['type'],
    ['text'],
    ['id'],
    ['channelId'],
    ['serviceUrl'],
    ['from'],
    ['from', 'id'],
    ['from', 'aadObjectId'],
    ['recipient'],
    ['conversation'],
    ['conversation', 'id'],
    ['conversation', 'conversationType'],
    ['channelData'],
    ['channelData', 'tenant'],
    ['channelData', 'tenant', 'id'],
    ['entities'],
    ['value'],
    ['value', 'action'],
    ['value', 'action', 'verb'],
    ['value', 'action', 'data'],
    ['name'],
    ['timestamp'],
    ['membersAdded'],
    ['action'],
    ['attachments'],
    ['replyToId'],
  ];
  const mutate = (activity: Record<string, unknown>) => {
    const path = pick(paths);
    let target = activity;
    for (const key of path.slice(0, -1)) {
      if (typeof target[key] !== 'object' || target[key] === null) target[key] = {};
      target = target[key] as Record<string, unknown>;
    }
    const last = path.at(-1) as string;
    if (random() < 0.3) delete target[last];
    else target[last] = randomValue();
  };

  const structured = (): FuzzRequest => {
    const activity = loadActivity(pick(SHAPES), { serviceUrl });
    if (activity.type === 'invoke' && random() < 0.3) activity.name = pick(INVOKE_NAMES);
    const mutations = Math.floor(random() * 4);
    for (let i = 0; i < mutations; i += 1) mutate(activity);
    // Keep most replies going to the stub: an unreachable serviceUrl is not malformed input.
    if (typeof activity.serviceUrl === 'string' && activity.serviceUrl !== serviceUrl) {
      activity.serviceUrl = random() < 0.5 ? serviceUrl : 'not a url';
    }
    return { contentType: 'application/json; charset=utf-8', body: JSON.stringify(activity) };
  };
  const raw = (): FuzzRequest => {
    const valid = JSON.stringify(loadActivity(pick(SHAPES), { serviceUrl }));
    return pick<() => FuzzRequest>([
      () => ({ contentType: 'application/json', body: valid.slice(0, random() * valid.length) }),
      () => ({
        contentType: 'application/json',
        body: valid.replace(
          '{',
          '{"__proto__":{"polluted":1},"constructor":{"prototype":{"polluted":1}},',
        ),
      }),
      () => ({
        contentType: pick(['text/plain', 'application/xml', '', 'application/jsonp']),
        body: valid,
      }),
      () => ({ contentType: 'application/json' }),
      () => ({
        contentType: 'application/json',
        body: pick(['[]', '0', '"s"', 'null', 'true', '{}']),
      }),
      () => ({ contentType: 'application/json', body: `${'['.repeat(5000)}${']'.repeat(5000)}` }),
      () => ({
        contentType: 'application/json',
        body: Buffer.from(Array.from({ length: 64 }, () => random() * 256)).toString('latin1'),
      }),
    ])();
  };

  return (): FuzzRequest => (random() < 0.75 ? structured() : raw());
}

function collectGarbage(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

/** The first error lines only, to explain a failure without growing the heap being measured. */
const firstErrors: string[] = [];
const keepFirstErrors = (line: string) => {
  if (firstErrors.length < 5) firstErrors.push(line);
};

describe('fuzzing /api/messages with random and malformed activities', () => {
  const connector = new BotConnectorStub();
  let bot: RunningBot;

  beforeAll(async () => {
    await connector.start();
    bot = await startBot(
      loadConfig(
        {
          PORT: '0',
          SANDBOX_PORT: '0',
          SANDBOX_ALERT_INTERVAL_SECONDS: '0',
          DATA_DIR: createTemporaryDataDir(),
          LOG_LEVEL: 'error',
        },
        '0.0.0-fuzz',
      ),
      {
        logger: createLogger({ level: 'error', destination: { write: keepFirstErrors } }),
      },
    );
  });
  afterAll(async () => {
    await bot.close();
    await connector.stop();
  });

  it(
    `answers ${TOTAL} requests without a crash, a 5xx or growing memory`,
    { timeout: 180_000 },
    async () => {
      const next = createGenerator(createRandom(SEED), connector.url);
      const statuses = new Map<number, number>();
      const serverErrors: string[] = [];
      const gc = collectGarbage();
      let heapAfterWarmUp = 0;

      const send = async (request: FuzzRequest) => {
        const response = await fetch(`${bot.url}/api/messages`, {
          method: 'POST',
          headers: request.contentType === undefined ? {} : { 'content-type': request.contentType },
          body: request.body,
        });
        await response.arrayBuffer();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        if (response.status >= 500)
          serverErrors.push(`${response.status} ${request.body?.slice(0, 300)}`);
      };
      for (let sent = 0; sent < TOTAL; sent += CONCURRENCY) {
        await Promise.all(Array.from({ length: CONCURRENCY }, () => send(next())));
        connector.reset();
        if (sent + CONCURRENCY === WARM_UP) {
          gc();
          heapAfterWarmUp = process.memoryUsage().heapUsed;
        }
      }
      gc();
      const growth = process.memoryUsage().heapUsed - heapAfterWarmUp;

      expect(serverErrors.slice(0, 5), firstErrors.join('')).toEqual([]);
      expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(TOTAL);
      // Not vacuous: the run must have reached the handlers and the rejections alike.
      expect(statuses.get(200)).toBeGreaterThan(1_000);
      expect(statuses.get(400)).toBeGreaterThan(1_000);
      expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      expect(growth).toBeLessThan(HEAP_GROWTH_LIMIT);
      expect((await fetch(`${bot.url}/healthz`)).status).toBe(200);
    },
  );
});
