import type { Storage } from 'botbuilder';
import type { Logger } from '../logging/create-logger.js';
import type { AuditEntry, AuditTrail } from '../security/access-policy.js';

/** What a card's buttons can change: one subscription's connector, or the workspace's rule. */
export type ChangeTarget = { kind: 'connector'; subscriptionId: string } | { kind: 'incidentRule' };

/** The last change made to a target through the bot, for "already connected by … at …". */
export interface ChangeRecord {
  /** The state the change left, e.g. `connected`, `disconnected`, `on`, `off`. */
  state: string;
  /** Display name of the person who made it. */
  by: string;
  /** ISO time of the change. */
  at: string;
}

/** Who changed what last; kept behind botbuilder's `Storage` so it survives restarts. */
export interface ChangeLog {
  read(target: ChangeTarget): Promise<ChangeRecord | undefined>;
  write(target: ChangeTarget, record: ChangeRecord): Promise<void>;
}

const KEY_PREFIX = 'card-actions/last-change/';

/** Storage key of a target; subscription ids are GUIDs, compared in lower case. */
export function getChangeKey(target: ChangeTarget): string {
  return target.kind === 'connector'
    ? `${KEY_PREFIX}connector/${target.subscriptionId.toLowerCase()}`
    : `${KEY_PREFIX}incident-rule`;
}

export function createChangeLog(storage: Storage): ChangeLog {
  return {
    async read(target) {
      const key = getChangeKey(target);
      const items = await storage.read([key]);
      const item = items[key] as Partial<ChangeRecord> | undefined;
      if (!item || typeof item.state !== 'string' || typeof item.at !== 'string') return undefined;

      return { state: item.state, by: typeof item.by === 'string' ? item.by : '', at: item.at };
    },
    async write(target, record) {
      // Last writer wins: the record describes Azure's state after the newest change.
      await storage.write({ [getChangeKey(target)]: { ...record, eTag: '*' } });
    },
  };
}

/**
 * Wraps the audit trail so that every successful connector or incident-rule change, typed or
 * clicked, also updates the change log. The commands already audit exactly the changes they
 * made, so listening there keeps the log right without a second path through the commands.
 * A failure to write the log is logged and never fails the audit or the command.
 */
export function recordChangesFromAudit(
  audit: AuditTrail,
  log: ChangeLog,
  logger: Logger,
): AuditTrail {
  return {
    recent: (limit) => audit.recent(limit),
    async record(entry) {
      await audit.record(entry);
      const change = readChange(entry);
      if (!change) return;
      await log
        .write(change.target, { state: change.state, by: entry.actor.name ?? '', at: entry.at })
        .catch((error: unknown) => logger.warn({ err: error }, 'change log not updated'));
    },
  };
}

function readChange(entry: AuditEntry): { target: ChangeTarget; state: string } | undefined {
  if (entry.result !== 'succeeded') return undefined;
  if (entry.action === 'connect' || entry.action === 'disconnect') {
    return {
      target: { kind: 'connector', subscriptionId: entry.target },
      state: entry.action === 'connect' ? 'connected' : 'disconnected',
    };
  }
  if (entry.action === 'incidents on' || entry.action === 'incidents off') {
    return { target: { kind: 'incidentRule' }, state: entry.action.slice('incidents '.length) };
  }

  return undefined;
}
