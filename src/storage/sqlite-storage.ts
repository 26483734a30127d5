import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type { Storage, StoreItems } from 'botbuilder';
import { BotError, ErrorCodes } from '../errors.js';

/** Raised when a write carries an `eTag` that no longer matches the stored document. */
export class StorageConflictError extends BotError {
  readonly key: string;

  constructor(key: string) {
    super(ErrorCodes.StorageConflict, `The stored item "${key}" changed since it was read.`, {
      retryable: true,
    });
    this.key = key;
  }
}

export interface SqliteStorageOptions {
  /** Folder of the database file; created when missing. */
  dataDir: string;
  /** File name inside `dataDir`; default `bot-state.sqlite`. */
  fileName?: string;
}

interface ItemRow {
  key: string;
  etag: string;
  doc: string;
}

/**
 * botbuilder's `Storage` on an embedded SQLite file (WAL mode, so a crash never leaves a torn
 * write). Semantics follow botbuilder's own stores: an item written with an `eTag` other than `*`
 * must match the stored one or the write fails with {@link StorageConflictError}; an item without
 * an `eTag` (or with `*`) overwrites. Every `write` call is one transaction: all its keys are
 * written or none is.
 *
 * A shared store (Cosmos DB, Blob) can replace this class because callers rely only on the
 * `Storage` contract plus one rule: they never need more than one key to change atomically (see
 * `notice-store.ts`). Several bot instances would additionally need a lease so that only one runs
 * the alert poller.
 */
export class SqliteStorage implements Storage {
  private readonly db: Database.Database;
  private readonly selectOne: Database.Statement<[string], ItemRow>;
  private readonly upsert: Database.Statement<[string, string, string]>;
  private readonly remove: Database.Statement<[string]>;
  private nextEtag: number;

  constructor(options: SqliteStorageOptions) {
    try {
      mkdirSync(options.dataDir, { recursive: true });
      this.db = new Database(join(options.dataDir, options.fileName ?? 'bot-state.sqlite'));
      this.db.pragma('journal_mode = WAL');
      // FULL makes each committed transaction durable across power loss, not only process kills.
      this.db.pragma('synchronous = FULL');
      this.db.exec(
        'CREATE TABLE IF NOT EXISTS items ' +
          '(key TEXT PRIMARY KEY, etag TEXT NOT NULL, doc TEXT NOT NULL)',
      );
    } catch (cause) {
      throw new BotError(ErrorCodes.StorageFailed, 'The state database could not be opened.', {
        cause,
      });
    }
    this.selectOne = this.db.prepare('SELECT key, etag, doc FROM items WHERE key = ?');
    this.upsert = this.db.prepare(
      'INSERT INTO items (key, etag, doc) VALUES (?, ?, ?) ' +
        'ON CONFLICT(key) DO UPDATE SET etag = excluded.etag, doc = excluded.doc',
    );
    this.remove = this.db.prepare('DELETE FROM items WHERE key = ?');
    // eTags only need to differ from every earlier one; a time-based start survives restarts.
    this.nextEtag = Date.now() * 1000;
  }

  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (const key of keys) {
      const row = this.selectOne.get(key);
      if (row) items[key] = { ...(JSON.parse(row.doc) as object), eTag: row.etag };
    }

    return items;
  }

  async write(changes: StoreItems): Promise<void> {
    const writeAll = this.db.transaction((entries: Array<[string, Record<string, unknown>]>) => {
      for (const [key, item] of entries) {
        const { eTag, ...doc } = item;
        if (typeof eTag === 'string' && eTag !== '*') {
          const current = this.selectOne.get(key);
          if (current && current.etag !== eTag) throw new StorageConflictError(key);
        }
        this.upsert.run(key, String(this.nextEtag++), JSON.stringify(doc));
      }
    });
    writeAll(Object.entries(changes));
  }

  async delete(keys: string[]): Promise<void> {
    const deleteAll = this.db.transaction((list: string[]) => {
      for (const key of list) this.remove.run(key);
    });
    deleteAll(keys);
  }

  /** Closes the database file; later calls fail. */
  close(): void {
    this.db.close();
  }
}
