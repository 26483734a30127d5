import { randomUUID } from 'node:crypto';
import { matchesWatch } from './match-watch.js';
import type { NoticeStore } from './notice-store.js';
import type {
  AlertSummary,
  ConnectCheck,
  ConversationRecord,
  OutboxRecord,
  PendingNotice,
} from './notice-types.js';

/** More new alerts than this for one conversation in one poll become one digest card. */
export const DIGEST_THRESHOLD = 5;
/** How long a delivered alert id is remembered; far longer than any poll window overlap. */
export const DELIVERED_RETENTION_MS = 7 * 24 * 3600 * 1000;

export interface EnqueueDeps {
  store: NoticeStore;
  now: () => Date;
  /** Adds what the cards show beyond the row (subscription names); called at most once. */
  nameAlerts?: (alerts: AlertSummary[]) => Promise<AlertSummary[]>;
}

/**
 * Adds the alerts each watching conversation has not had yet to its outbox and returns the keys
 * of conversations that got something. An alert is identified by `SystemAlertId`: it is posted
 * once per conversation however many of its watches match and however many rows (status changes)
 * it has; a later status change does not post again. Paused and removed conversations get
 * nothing. This must complete before the poller moves its watermark.
 */
export async function enqueueAlerts(alerts: AlertSummary[], deps: EnqueueDeps): Promise<string[]> {
  const firstRows = dedupeById(alerts);
  const touched: string[] = [];
  // Named only once some conversation wants an alert, so a poll nobody watches asks Azure nothing.
  let naming: Promise<Map<string, AlertSummary>> | undefined;
  const name = async (rows: AlertSummary[]) => {
    const nameAlerts = deps.nameAlerts;
    if (!nameAlerts || rows.length === 0) return rows;
    naming ??= nameAlerts(firstRows).then(
      (named) => new Map(named.map((a) => [a.systemAlertId, a])),
    );
    const named = await naming;

    return rows.map((alert) => named.get(alert.systemAlertId) ?? alert);
  };
  for (const key of await deps.store.listConversationKeys()) {
    const conversation = await deps.store.getConversation(key);
    if (!conversation || !conversation.installed || conversation.paused) continue;
    const resumedAt = conversation.resumedAt ?? '';
    const matching = firstRows.filter(
      (alert) =>
        alert.ingestedAt >= resumedAt &&
        conversation.watches.some((watch) => matchesWatch(alert, watch)),
    );
    const connect = settleConnectChecks(conversation, firstRows, deps.now());
    if (matching.length === 0 && connect.texts.length === 0) continue;
    const named = await name(matching);
    let added = 0;
    await deps.store.updateOutbox(key, (outbox) => {
      const fresh = named.filter((alert) => !isKnown(outbox, alert.systemAlertId));
      const notices = [...planNotices(fresh, deps.now()), ...connect.texts];
      added = notices.length;
      return notices.length === 0 ? outbox : withPending(outbox, notices, deps.now());
    });
    if (connect.texts.length > 0) {
      // After the outbox write: a crash in between repeats the sentence rather than losing it.
      await deps.store.updateConversation(key, (current) =>
        current ? { ...current, connectChecks: connect.remaining } : undefined,
      );
    }
    if (added > 0) touched.push(key);
  }

  return touched;
}

/**
 * Says in conversations with a pending `connect sub X` that the first alert from X arrived, or,
 * once the deadline has passed, that none did. Called only with a complete poll's rows.
 */
function settleConnectChecks(
  conversation: ConversationRecord,
  alerts: AlertSummary[],
  now: Date,
): { texts: PendingNotice[]; remaining: ConnectCheck[] } {
  const texts: PendingNotice[] = [];
  const remaining = conversation.connectChecks.filter((check) => {
    const first = alerts.find(
      (alert) =>
        alert.subscriptionId === check.subscriptionId.toLowerCase() &&
        alert.ingestedAt >= check.connectedAt,
    );
    const name = check.subscriptionName ?? check.subscriptionId;
    if (first) {
      const minutes = Math.max(
        0,
        Math.round((Date.parse(first.ingestedAt) - Date.parse(check.connectedAt)) / 60_000),
      );
      const ingestedAt = first.ingestedAt.slice(0, 16).replace('T', ' ');
      texts.push(
        textNotice(
          `The first Defender for IoT alert from ${name} reached Sentinel ${minutes} min after ` +
            `connecting (${first.alertName}, ${ingestedAt} UTC). ` +
            'The connection works.',
          now,
        ),
      );
      return false;
    }
    if (now.toISOString() >= check.deadline) {
      texts.push(
        textNotice(
          `No Defender for IoT alert from ${name} has reached Sentinel in the 30 minutes since ` +
            'it was connected. That can simply mean no device raised one; ' +
            `if you expected alerts, type \`check sub ${name}\`.`,
          now,
        ),
      );
      return false;
    }
    return true;
  });

  return { texts, remaining };
}

function dedupeById(alerts: AlertSummary[]): AlertSummary[] {
  const seen = new Set<string>();

  return alerts.filter((alert) => !seen.has(alert.systemAlertId) && seen.add(alert.systemAlertId));
}

function isKnown(outbox: OutboxRecord, alertId: string): boolean {
  return (
    alertId in outbox.delivered ||
    outbox.pending.some((notice) => notice.alerts.some((alert) => alert.systemAlertId === alertId))
  );
}

/** One notice per alert, or one digest when there are more than {@link DIGEST_THRESHOLD}. */
export function planNotices(alerts: AlertSummary[], now: Date): PendingNotice[] {
  const enqueuedAt = now.toISOString();
  if (alerts.length > DIGEST_THRESHOLD) {
    return [{ id: randomUUID(), kind: 'digest', alerts, enqueuedAt }];
  }

  return alerts.map((alert) => ({ id: randomUUID(), kind: 'notice', alerts: [alert], enqueuedAt }));
}

function textNotice(text: string, now: Date): PendingNotice {
  return { id: randomUUID(), kind: 'text', alerts: [], text, enqueuedAt: now.toISOString() };
}

function withPending(outbox: OutboxRecord, notices: PendingNotice[], now: Date): OutboxRecord {
  const horizon = new Date(now.getTime() - DELIVERED_RETENTION_MS).toISOString();
  const delivered = Object.fromEntries(
    Object.entries(outbox.delivered).filter(([, at]) => at >= horizon),
  );

  return { pending: [...outbox.pending, ...notices], delivered };
}
