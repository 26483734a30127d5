import type { Storage, StoreItem } from 'botbuilder';
import type { AuditEntry, AuditTrail } from './access-policy.js';

export interface AuditTrailOptions {
  /** Key prefix inside the shared store; default `audit/`. */
  keyPrefix?: string;
  /** How many entries are kept; older ones are deleted as new ones arrive. Default 10,000. */
  retain?: number;
}

/** `recent()` never returns more than this many entries, whatever is asked. */
export const MAX_AUDIT_READ = 200;
const MAX_FIELD_LENGTH = 300;
const MAX_WRITE_ATTEMPTS = 5;

interface HeadItem extends StoreItem {
  seq: number;
}

interface EntryItem extends StoreItem {
  entry: AuditEntry;
}

/**
 * Keeps the audit trail in botbuilder's `Storage`, the same store as conversation references and
 * watches, so it survives restarts wherever they do. `Storage` cannot list keys, so entries are
 * numbered: a head item holds the last number (claimed with an eTag check, so two bot instances
 * never take the same one) and each entry lives under its own key.
 */
export function createAuditTrail(storage: Storage, options: AuditTrailOptions = {}): AuditTrail {
  const prefix = options.keyPrefix ?? 'audit/';
  const retain = options.retain ?? 10_000;
  const headKey = `${prefix}head`;
  const entryKey = (seq: number) => `${prefix}entry/${String(seq).padStart(12, '0')}`;
  // One writer at a time inside this process; the eTag covers other processes.
  let queue: Promise<unknown> = Promise.resolve();

  const readHead = async () => (await storage.read([headKey]))[headKey] as HeadItem | undefined;

  const claimNextSeq = async (): Promise<number> => {
    for (let attempt = 1; ; attempt += 1) {
      let head = await readHead();
      if (!head) {
        // Storage has no "create if absent": start the counter with an idempotent write, then
        // claim numbers only with an eTag check. Two instances writing their very first entry at
        // the same instant remain the one window this cannot close.
        await storage.write({ [headKey]: { seq: 0 } });
        head = await readHead();
      }
      try {
        const seq = (head?.seq ?? 0) + 1;
        await storage.write({ [headKey]: { seq, eTag: head?.eTag } });
        return seq;
      } catch (error) {
        if (attempt >= MAX_WRITE_ATTEMPTS) throw error;
      }
    }
  };

  const append = async (entry: AuditEntry): Promise<void> => {
    const seq = await claimNextSeq();
    await storage.write({ [entryKey(seq)]: { entry: sanitize(entry), eTag: '*' } });
    if (seq > retain) await storage.delete([entryKey(seq - retain)]);
  };

  return {
    record(entry: AuditEntry): Promise<void> {
      const done = queue.then(() => append(entry));
      queue = done.catch(() => undefined);
      return done;
    },

    async recent(limit: number): Promise<AuditEntry[]> {
      const count = Math.min(Math.max(Math.floor(limit), 0), MAX_AUDIT_READ);
      const head = (await storage.read([headKey]))[headKey] as HeadItem | undefined;
      const last = head?.seq ?? 0;
      const keys: string[] = [];
      for (let seq = last; seq > 0 && keys.length < count; seq -= 1) keys.push(entryKey(seq));
      if (keys.length === 0) return [];
      const items = await storage.read(keys);

      // An entry whose number was claimed but never written (crash in between) is skipped.
      return keys.flatMap((key) => {
        const item = items[key] as EntryItem | undefined;
        return item?.entry ? [item.entry] : [];
      });
    },
  };
}

/** Keeps only the documented fields, each cut to a bounded length. */
function sanitize(entry: AuditEntry): AuditEntry {
  const cut = (value: string | undefined) =>
    value === undefined ? undefined : value.slice(0, MAX_FIELD_LENGTH);
  const clean: AuditEntry = {
    at: entry.at,
    actor: { aadObjectId: cut(entry.actor.aadObjectId), name: cut(entry.actor.name) },
    action: cut(entry.action) ?? '',
    target: cut(entry.target) ?? '',
    result: entry.result,
    correlationId: cut(entry.correlationId),
    detail: cut(entry.detail),
  };

  return JSON.parse(JSON.stringify(clean)) as AuditEntry;
}
