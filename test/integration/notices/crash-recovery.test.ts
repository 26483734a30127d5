import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addWatch } from '../../../src/notices/manage-watches.js';
import { createNoticeStore } from '../../../src/notices/notice-store.js';
import { recordConversation } from '../../../src/notices/record-conversation.js';
import { SANDBOX_DATA, startSandbox, type RunningSandbox } from '../../../src/sandbox/index.js';
import type { GeneratedAlert } from '../../../src/sandbox/index.js';
import { SqliteStorage } from '../../../src/storage/sqlite-storage.js';
import { loadActivity } from '../../support/activities.js';
import { BotConnectorStub } from '../../support/bot-connector-stub.js';

const PROJECT_ROOT = new URL('../../../', import.meta.url);
const OT = SANDBOX_DATA.workspace.subscriptionId;
const OT_HUBS = SANDBOX_DATA.hubs.filter((hub) => hub.subscriptionId === OT).map((h) => h.name);
const SEVERITIES = ['High', 'Medium', 'Low'];

/** Three conversations with different watches: which alerts each must receive. */
const WATCHERS: Record<string, (alert: GeneratedAlert) => boolean> = {
  'a:crash-all': () => true,
  'a:crash-high': (alert) => alert.severity === 'High',
  'a:crash-hub': (alert) => alert.hubName === OT_HUBS[0],
};

/**
 * Kills the bot with SIGKILL at random moments while alerts flow, restarts it on the same data
 * folder, and checks what the connector stub received.
 *
 * Delivery is at least once: a notice is marked "sending" before the post and recorded as
 * delivered right after Teams accepts it. A kill between Teams accepting and that record makes
 * the restarted bot post the notice again, and it logs that it does. So the test asserts: every
 * matching alert reached every watching conversation; each arrived exactly once, except notices
 * the bot itself reported re-sending, which may have arrived twice.
 */
describe('notices across crashes', () => {
  const connector = new BotConnectorStub();
  let sandbox: RunningSandbox;
  let dataDir: string;
  let bot: ChildProcess | undefined;
  const logLines: Array<Record<string, unknown>> = [];

  const startBotProcess = () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: PROJECT_ROOT,
      env: {
        PATH: process.env.PATH,
        PORT: '0',
        DATA_DIR: dataDir,
        SANDBOX_URL: sandbox.baseUrl,
        ALERT_POLL_SECONDS: '5',
        LOG_LEVEL: 'info',
      },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        try {
          logLines.push(JSON.parse(line) as Record<string, unknown>);
        } catch {
          // A partial line cut by SIGKILL: nothing to learn from it.
        }
      }
    });
    return child;
  };
  const killBot = async () => {
    const child = bot;
    bot = undefined;
    if (!child || child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'crash-'));
    await connector.start();
    sandbox = await startSandbox({ port: 0, alertIntervalSeconds: 0, connectDelaySeconds: 0 });
    // The conversations and their watches exist before the first start, as after earlier use.
    const storage = new SqliteStorage({ dataDir });
    const store = createNoticeStore(storage);
    const now = () => new Date();
    await recordConversation(loadActivity('installation-update-add'), { store, now }); // other data
    for (const id of Object.keys(WATCHERS)) {
      const activity = loadActivity('personal-message', {
        serviceUrl: connector.url,
        conversation: { id, conversationType: 'personal', tenantId: 'T1' },
      });
      await recordConversation(activity, { store, now });
    }
    await addWatch(store, 'a:crash-all', { now: now() });
    await addWatch(store, 'a:crash-high', { now: now(), minSeverity: 'High' });
    await addWatch(store, 'a:crash-hub', { now: now(), hubName: OT_HUBS[0] });
    storage.close();
  });
  afterAll(async () => {
    await killBot();
    await sandbox?.close();
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('posts each matching alert to every watching conversation, once unless reported', async () => {
    const generated: GeneratedAlert[] = [];
    let kills = 0;
    const raise = () => {
      const [alert] = sandbox.generateAlerts(1, {
        subscriptionId: OT,
        hubName: OT_HUBS[Math.floor(Math.random() * OT_HUBS.length)],
        severity: SEVERITIES[Math.floor(Math.random() * SEVERITIES.length)],
        ingestionDelaySeconds: Math.floor(Math.random() * 4),
      });
      if (alert) generated.push(alert);
    };
    // Slow enough that no conversation gets more than five in one poll (no digest hides ids).
    const generator = setInterval(raise, 2_500);
    // Some kills land right after a notice reached the stub: the window at-least-once is about.
    let seen = 0;
    const sendWatcher = setInterval(() => {
      if (connector.calls.length > seen && bot && Math.random() < 0.35) {
        kills++;
        void killBot();
      }
      seen = connector.calls.length;
    }, 15);

    const until = Date.now() + 22_000;
    while (Date.now() < until) {
      bot = startBotProcess();
      await sleep(1_000 + Math.random() * 4_000);
      if (bot) {
        kills++;
        await killBot();
      }
    }
    clearInterval(generator);
    clearInterval(sendWatcher);

    // A last, undisturbed run delivers what is left.
    bot = startBotProcess();
    const expected = generated
      .filter((alert) => alert.reachesWorkspace)
      .flatMap((alert) =>
        Object.entries(WATCHERS)
          .filter(([, matches]) => matches(alert))
          .map(([conversation]) => `${conversation} ${alert.systemAlertId}`),
      );
    const received = () =>
      connector.calls.map((call) => {
        const card = JSON.stringify(call.body.attachments ?? []);
        return `${call.conversationId} ${/"alertId":"([^"]+)"/.exec(card)?.[1] ?? '?'}`;
      });
    const deadline = Date.now() + 25_000;
    while (Date.now() < deadline && !expected.every((pair) => received().includes(pair))) {
      await sleep(250);
    }
    await killBot();

    const counts = new Map<string, number>();
    for (const pair of received()) counts.set(pair, (counts.get(pair) ?? 0) + 1);
    // How often the bot said it re-sent each (conversation, alert) after a restart.
    const resends = new Map<string, number>();
    for (const line of logLines) {
      if (line.msg !== 're-sending a notice that may already be posted') continue;
      for (const id of line.alertIds as string[]) {
        const pair = `${String(line.conversationKey)} ${id}`;
        resends.set(pair, (resends.get(pair) ?? 0) + 1);
      }
    }
    const missing = expected.filter((pair) => !counts.has(pair));
    const unexpected = [...counts.keys()].filter((pair) => !expected.includes(pair));
    const duplicates = [...counts].filter(([, count]) => count > 1).map(([pair]) => pair);

    expect(kills).toBeGreaterThanOrEqual(4);
    expect(expected.length).toBeGreaterThanOrEqual(8);
    expect(missing).toEqual([]);
    expect(unexpected).toEqual([]);
    // A copy beyond the first only where the bot reported re-sending after a crash.
    expect([...counts].filter(([pair, count]) => count > 1 + (resends.get(pair) ?? 0))).toEqual([]);
    // Informational, for whoever reads the test output.
    console.info(
      `crash test: ${kills} kills, ${expected.length} expected notices, ` +
        `${duplicates.length} arrived more than once, all after a reported re-send`,
    );
  }, 90_000);
});
