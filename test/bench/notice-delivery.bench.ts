import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { MemoryStorage } from 'botbuilder';
import { createAzureClients } from '../../src/azure/create-azure-clients.js';
import { createCardRenderer } from '../../src/cards/render-card.js';
import { loadConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/logging/create-logger.js';
import { createNoticeAdapter, createNoticeSender } from '../../src/notices/create-notice-sender.js';
import { createNoticeService } from '../../src/notices/create-notice-service.js';
import { addWatch } from '../../src/notices/manage-watches.js';
import { createNoticeDelivery, TEAMS_DELIVERY_LIMITS } from '../../src/notices/notice-delivery.js';
import { createNoticeStore } from '../../src/notices/notice-store.js';
import type { AlertSummary, PendingNotice } from '../../src/notices/notice-types.js';
import { recordConversation } from '../../src/notices/record-conversation.js';
import { SANDBOX_DATA, startSandbox } from '../../src/sandbox/index.js';
import { loadActivity } from '../support/activities.js';
import { BotConnectorStub } from '../support/bot-connector-stub.js';

// Delivery pacing and alert latency against the local Bot Connector stub, with Teams' limits:
// per conversation 7/1 s, 8/2 s, 60/30 s, 1,800/h; per app and tenant 50/s.
const logger = createLogger({ level: 'silent' });
const config = loadConfig({ LOG_LEVEL: 'silent' }, 'bench');
const sender = createNoticeSender(createNoticeAdapter(config), '');
const renderer = createCardRenderer();

/** Most sends inside any window of `ms` milliseconds. */
function maxInWindow(times: number[], ms: number): number {
  const sorted = [...times].sort((a, b) => a - b);
  let best = 0;
  let start = 0;
  for (let end = 0; end < sorted.length; end++) {
    while ((sorted[end] ?? 0) - (sorted[start] ?? 0) >= ms) start++;
    best = Math.max(best, end - start + 1);
  }
  return best;
}

/** Milliseconds as seconds with two decimals. */
function inSeconds(ms: number): string {
  return (ms / 1000).toFixed(2);
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * (sorted.length - 1)))] ?? NaN;
}

function sampleAlert(i: number): AlertSummary {
  const at = new Date().toISOString();
  return {
    systemAlertId: randomUUID(),
    alertName: `Bench alert ${i}`,
    severity: 'Medium',
    status: 'New',
    subscriptionId: SANDBOX_DATA.workspace.subscriptionId,
    hubName: 'contoso-ot-hub-weu',
    resourceId: '',
    deviceId: `device-${i}`,
    generatedAt: at,
    ingestedAt: at,
    portalUrl: 'https://portal.azure.com/',
  };
}

async function registerConversations(
  store: ReturnType<typeof createNoticeStore>,
  url: string,
  ids: string[],
) {
  for (const id of ids) {
    const activity = loadActivity('personal-message', {
      serviceUrl: url,
      conversation: { id, conversationType: 'personal', tenantId: 'bench-tenant' },
    });
    await recordConversation(activity, { store, now: () => new Date() });
  }
}

/** Queues notices straight into outboxes and measures how the delivery paces them. */
async function measurePacing(label: string, conversations: number, perConversation: number) {
  const connector = await new BotConnectorStub().start();
  const store = createNoticeStore(new MemoryStorage());
  const ids = Array.from({ length: conversations }, (_, i) => `a:bench-${i}`);
  await registerConversations(store, connector.url, ids);
  for (const id of ids) {
    const notices: PendingNotice[] = Array.from({ length: perConversation }, (_, i) => ({
      id: randomUUID(),
      kind: 'notice',
      alerts: [sampleAlert(i)],
      enqueuedAt: new Date().toISOString(),
    }));
    await store.updateOutbox(id, (outbox) => ({ ...outbox, pending: notices }));
  }
  const delivery = createNoticeDelivery({
    store,
    sender,
    renderer,
    logger,
    now: () => new Date(),
    sleep: (ms) => sleep(ms),
    random: Math.random,
  });
  const started = Date.now();
  await delivery.recover();
  await delivery.idle();
  const seconds = (Date.now() - started) / 1000;
  await delivery.close();
  await connector.stop();

  const all = connector.calls.map((call) => call.at);
  const one = connector.calls.filter((c) => c.conversationId === ids[0]).map((c) => c.at);
  const rate = (all.length / seconds).toFixed(1);
  console.log(
    `${label}: ${all.length} sends in ${seconds.toFixed(1)} s = ${rate}/s overall; ` +
      `busiest window overall ${maxInWindow(all, 1000)}/1 s (limit 50 per tenant); ` +
      `one conversation ${maxInWindow(one, 1000)}/1 s (7), ${maxInWindow(one, 2000)}/2 s (8), ` +
      `${maxInWindow(one, 30_000)}/30 s (60)`,
  );
}

/** Alerts raised in the sandbox at random moments, polled every 5 s: ingestion → Teams. */
async function measureLatency(alerts: number) {
  const connector = await new BotConnectorStub().start();
  const sandbox = await startSandbox({ port: 0, alertIntervalSeconds: 0, connectDelaySeconds: 0 });
  const clients = createAzureClients({
    credential: sandbox.credential,
    redirectTo: sandbox.baseUrl,
    maxRetries: 0,
  });
  const service = createNoticeService(
    { workspaceId: sandbox.workspace.workspaceId, pollSeconds: 5, limits: TEAMS_DELIVERY_LIMITS },
    { storage: new MemoryStorage(), logs: clients.logs, sender, renderer, logger },
  );
  const ids = ['a:latency-1', 'a:latency-2', 'a:latency-3'];
  await registerConversations(service.store, connector.url, ids);
  for (const id of ids) await addWatch(service.store, id, { now: new Date() });
  await service.start();
  const raised = new Map<string, number>();
  for (let i = 0; i < alerts; i++) {
    await sleep(500 + Math.random() * 1_500);
    const [alert] = sandbox.generateAlerts(1, {
      subscriptionId: SANDBOX_DATA.workspace.subscriptionId,
      ingestionDelaySeconds: 0,
    });
    if (alert) raised.set(alert.systemAlertId, alert.ingestionTime.getTime());
  }
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline && connector.calls.length < raised.size * ids.length)
    await sleep(200);
  await service.stop();
  await sandbox.close();
  await connector.stop();

  const latencies = connector.calls.flatMap((call) => {
    const id = /"alertId":"([^"]+)"/.exec(JSON.stringify(call.body.attachments ?? []))?.[1];
    const ingested = id ? raised.get(id) : undefined;
    return ingested === undefined ? [] : [call.at - ingested];
  });
  console.log(
    `ingestion → Teams with ALERT_POLL_SECONDS=5: ${latencies.length} notices, ` +
      `p50 ${inSeconds(percentile(latencies, 0.5))} s, ` +
      `p95 ${inSeconds(percentile(latencies, 0.95))} s, ` +
      `max ${inSeconds(Math.max(...latencies))} s (mostly the poll interval)`,
  );
}

export async function runNoticeDeliveryBenchmark(): Promise<void> {
  console.log('notice delivery (Teams limits, local connector stub):');
  await measurePacing('one conversation, 45 queued', 1, 45);
  await measurePacing('fan-out, 120 conversations x 1', 120, 1);
  await measurePacing('fan-out, 10 conversations x 8', 10, 8);
  await measureLatency(12);
}
