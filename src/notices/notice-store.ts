import type { Storage, StoreItem } from 'botbuilder';
import { StorageConflictError } from '../storage/sqlite-storage.js';
import type { ConversationRecord, OutboxRecord, PollState } from './notice-types.js';

/**
 * The notice state as documents, each changed on its own (no multi-document transactions), so
 * that any botbuilder `Storage` (SQLite here, Cosmos DB or Blob storage with several instances)
 * can hold it. Each mutation reads, changes and writes one document with its eTag and retries
 * on a conflict; marking a notice delivered is one such write (see `OutboxRecord`).
 */
export interface NoticeStore {
  getConversation(key: string): Promise<ConversationRecord | undefined>;
  /** Applies `change` to the current record (undefined when new); returning undefined keeps it. */
  updateConversation(
    key: string,
    change: (current: ConversationRecord | undefined) => ConversationRecord | undefined,
  ): Promise<ConversationRecord | undefined>;
  /** Keys of every conversation ever recorded. */
  listConversationKeys(): Promise<string[]>;
  getOutbox(key: string): Promise<OutboxRecord>;
  updateOutbox(key: string, change: (current: OutboxRecord) => OutboxRecord): Promise<OutboxRecord>;
  getPollState(): Promise<PollState>;
  savePollState(state: PollState): Promise<void>;
}

const INDEX_KEY = 'notices/conversation-index';
const POLL_KEY = 'notices/poll-state';
const MAX_CONFLICT_RETRIES = 8;

/** Builds the notice store over any botbuilder `Storage`. */
export function createNoticeStore(storage: Storage): NoticeStore {
  const conversationKey = (key: string) => `notices/conversation/${encodeURIComponent(key)}`;
  const outboxKey = (key: string) => `notices/outbox/${encodeURIComponent(key)}`;

  const store: NoticeStore = {
    async getConversation(key) {
      return strip<ConversationRecord>(
        (await storage.read([conversationKey(key)]))[conversationKey(key)],
      );
    },
    async updateConversation(key, change) {
      let isNew = false;
      const updated = await updateDocument<ConversationRecord>(
        storage,
        conversationKey(key),
        (doc) => {
          isNew = doc === undefined;
          return change(doc);
        },
      );
      if (isNew && updated) await addToIndex(storage, key);

      return updated;
    },
    async listConversationKeys() {
      const index = (await storage.read([INDEX_KEY]))[INDEX_KEY] as { keys?: string[] } | undefined;

      return [...(index?.keys ?? [])];
    },
    async getOutbox(key) {
      const doc = strip<OutboxRecord>((await storage.read([outboxKey(key)]))[outboxKey(key)]);

      return doc ?? emptyOutbox();
    },
    async updateOutbox(key, change) {
      const updated = await updateDocument<OutboxRecord>(storage, outboxKey(key), (doc) =>
        change(doc ?? emptyOutbox()),
      );

      return updated ?? emptyOutbox();
    },
    async getPollState() {
      const doc = strip<PollState>((await storage.read([POLL_KEY]))[POLL_KEY]);

      return doc ?? { watermark: null, catchingUp: false };
    },
    async savePollState(state) {
      // Only the one poller writes this document, so last writer wins.
      await storage.write({ [POLL_KEY]: { ...state } });
    },
  };

  return store;
}

function emptyOutbox(): OutboxRecord {
  return { pending: [], delivered: {} };
}

function strip<T>(item: StoreItem | undefined): T | undefined {
  if (!item) return undefined;
  const doc: Record<string, unknown> = { ...item };
  delete doc.eTag;

  return doc as T;
}

async function addToIndex(storage: Storage, key: string): Promise<void> {
  await updateDocument<{ keys: string[] }>(storage, INDEX_KEY, (doc) => {
    const keys = doc?.keys ?? [];
    return keys.includes(key) ? undefined : { keys: [...keys, key] };
  });
}

/** Read-modify-write of one document with optimistic concurrency; returns the stored value. */
async function updateDocument<T extends object>(
  storage: Storage,
  key: string,
  change: (current: T | undefined) => T | undefined,
): Promise<T | undefined> {
  for (let attempt = 0; ; attempt++) {
    const item = (await storage.read([key]))[key];
    const current = strip<T>(item);
    const next = change(current === undefined ? undefined : structuredClone(current));
    if (next === undefined) return current;
    try {
      // A new document is written with eTag '*' semantics; an existing one must still match.
      await storage.write({ [key]: { ...next, eTag: item?.eTag ?? '*' } });
      return next;
    } catch (error) {
      if (!(error instanceof StorageConflictError) || attempt >= MAX_CONFLICT_RETRIES) throw error;
    }
  }
}
