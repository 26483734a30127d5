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

const ALL = '19:crash-all@thread.v2';
const HIGH = '19:crash-high@thread.v2';
const HUB_CHANNEL = '19:crash-hub@thread.tacv2';

/** Two group chats and a channel with different watches: which alerts each must receive. */
const WATCHERS: Record<string, (alert: GeneratedAlert) => boolean> = {
  [ALL]: () => true,
  [HIGH]: (alert) => alert.severity === 'High',
  [HUB_CHANNEL]: (alert) => alert.hubName === OT_HUBS[0],
};

/**
 * Kills the bot with SIGKILL at random moments while alerts flow, restarts it on the same data
 * folder, and checks what the connector stub received.
 *
 * A notice is marked "sending" before the post and recorded as delivered right after Teams
 * accepts it. After a kill between those two points, the restarted bot reads the conversation
 * back through Graph (the stub's stand-in) and records the notice instead of posting it again.
 * So every matching alert reaches every watching conversation exactly once.
 */
describe('notices across crashes', () => {
  const connector = new BotConnectorStub();
  let sandbox: RunningSandbox;
  let dataDir: string;
  let bot: ChildProcess | undefined;
  const logLines: Array<Record<string, unknown>> = [];
  /** Resolves when the current child has started its notices (or has exited). */
  let started: Promise<void> = Promise.resolve();

  const startBotProcess = () => {
    const entry = 'test/support/start-bot-with-graph-stand-in.ts';
    const child = spawn(process.execPath, ['--import', 'tsx', entry], {
      cwd: PROJECT_ROOT,
      env: {
        PATH: process.env.PATH,
        PORT: '0',
        DATA_DIR: dataDir,
        SANDBOX_URL: sandbox.baseUrl,
        ALERT_POLL_SECONDS: '5',
        LOG_LEVEL: 'info',
        GRAPH_STAND_IN_URL: connector.graphUrl,
      },
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    let markStarted = () => {};
    started = new Promise((resolve) => {
      markStarted = resolve;
      child.once('exit', () => resolve());
    });
    let buffered = '';
    child.stdout?.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        try {
          const entry = JSON.parse(line) as Record<string, unknown>;
          logLines.push(entry);
          if (entry.msg === 'alert notices started') markStarted();
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
    for (const id of [ALL, HIGH]) {
      const activity = loadActivity('personal-message', {
        serviceUrl: connector.url,
        conversation: { id, conversationType: 'groupChat', isGroup: true, tenantId: 'T1' },
      });
      await recordConversation(activity, { store, now });
    }
    // Added to a team: the event carries the team's group id, which Graph addresses it by.
    const added = loadActivity('conversation-update-bot-added-team', {
      serviceUrl: connector.url,
      conversation: { id: HUB_CHANNEL, conversationType: 'channel', isGroup: true, tenantId: 'T1' },
    });
    await recordConversation(added, { store, now });
    await addWatch(store, ALL, { now: now() });
    await addWatch(store, HIGH, { now: now(), minSeverity: 'High' });
    await addWatch(store, HUB_CHANNEL, { now: now(), hubName: OT_HUBS[0] });
    storage.close();
  });
  afterAll(async () => {
    await killBot();
    await sandbox?.close();
    await connector.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('posts every matching alert to every watching conversation exactly once', async () => {
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
    // Some kills land right after a notice reached the stub: the window the read-back closes.
    let seen = 0;
    const sendWatcher = setInterval(() => {
      if (connector.calls.length > seen && bot && Math.random() < 0.35) {
        kills++;
        void killBot();
      }
      seen = connector.calls.length;
    }, 15);

    // 22 s of crashes, stretched (up to 45 s) on a loaded machine until four kills happened.
    const until = Date.now() + 22_000;
    const cap = Date.now() + 45_000;
    while ((Date.now() < until || kills < 4) && Date.now() < cap) {
      bot = startBotProcess();
      // The random life starts once notices run: a loaded machine must not turn every run into a
      // start-up that never polls, and the final run's first poll into one large digest.
      await Promise.race([started, sleep(15_000)]);
      await sleep(500 + Math.random() * 3_500);
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
    // A digest card names only its five worst alerts, so each received card is mapped to every
    // alert it covers through its notice mark and the bot's log of what each notice carried.
    const alertsOfNotice = () => {
      const byNotice = new Map<string, string[]>();
      for (const line of logLines) {
        if (Array.isArray(line.alertIds) && typeof line.noticeId === 'string') {
          byNotice.set(line.noticeId, line.alertIds as string[]);
        }
      }
      return byNotice;
    };
    const received = () => {
      const byNotice = alertsOfNotice();
      return connector.sent().flatMap((call) => {
        const card = JSON.stringify(call.body.attachments ?? []);
        const noticeId = /sentinel-notice-([\w-]+)/.exec(card)?.[1] ?? '';
        const alertIds = byNotice.get(noticeId) ?? [/"alertId":"([^"]+)"/.exec(card)?.[1] ?? '?'];
        return alertIds.map((alertId) => `${call.conversationId} ${alertId}`);
      });
    };
    const deadline = Date.now() + 25_000;
    while (Date.now() < deadline && !expected.every((pair) => received().includes(pair))) {
      await sleep(250);
    }
    await killBot();

    const counts = new Map<string, number>();
    for (const pair of received()) counts.set(pair, (counts.get(pair) ?? 0) + 1);
    const saidPosted = logLines.filter(
      (line) => line.msg === 'notice was already posted before the restart',
    );
    const missing = expected.filter((pair) => !counts.has(pair));
    const unexpected = [...counts.keys()].filter((pair) => !expected.includes(pair));
    const duplicates = [...counts].filter(([, count]) => count > 1).map(([pair]) => pair);

    expect(kills).toBeGreaterThanOrEqual(4);
    expect(expected.length).toBeGreaterThanOrEqual(8);
    expect(missing).toEqual([]);
    expect(unexpected).toEqual([]);
    expect(duplicates).toEqual([]);
    // Every read-back went to the stand-in with a token, for a conversation that watches.
    const strayReads = connector.graphReads.filter(
      (read) =>
        !(read.conversationId in WATCHERS) || read.authorization !== 'Bearer stand-in-token',
    );
    expect(strayReads).toEqual([]);
    // Informational, for whoever reads the test output.
    console.info(
      `crash test: ${kills} kills, ${expected.length} expected notices, ` +
        `${connector.graphReads.length} read-backs, ${saidPosted.length} found already posted, ` +
        `${[...alertsOfNotice().values()].filter((ids) => ids.length > 1).length} digests`,
    );
  }, 90_000);
});
