import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteStorage, StorageConflictError } from '../../../src/storage/sqlite-storage.js';

describe('SqliteStorage', () => {
  let root: string;
  let dataDir: string;
  let storage: SqliteStorage;

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'storage-'));
    dataDir = join(root, 'nested', 'data');
    storage = new SqliteStorage({ dataDir });
  });
  afterEach(() => {
    storage.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('creates the data folder and keeps documents across a reopen', async () => {
    await storage.write({ 'conv/a': { name: 'Ops', watches: [{ id: 1 }] } });
    storage.close();
    storage = new SqliteStorage({ dataDir });

    const items = await storage.read(['conv/a', 'conv/missing']);

    expect(statSync(dataDir).isDirectory()).toBe(true);
    expect(items['conv/a']).toMatchObject({ name: 'Ops', watches: [{ id: 1 }] });
    expect(typeof items['conv/a']?.eTag).toBe('string');
    expect(items).not.toHaveProperty('conv/missing');
  });

  it('uses write-ahead logging', async () => {
    await storage.write({ k: { v: 1 } });

    expect(statSync(join(dataDir, 'bot-state.sqlite-wal')).isFile()).toBe(true);
  });

  it('accepts a write with the current eTag and gives the item a new one', async () => {
    await storage.write({ k: { v: 1 } });
    const first = (await storage.read(['k'])).k;

    await storage.write({ k: { ...first, v: 2 } });
    const second = (await storage.read(['k'])).k;

    expect(second?.v).toBe(2);
    expect(second?.eTag).not.toBe(first?.eTag);
  });

  it('rejects a write with a stale eTag and leaves the stored item as it was', async () => {
    await storage.write({ k: { v: 1 } });
    const stale = (await storage.read(['k'])).k;
    await storage.write({ k: { ...stale, v: 2 } });

    await expect(storage.write({ k: { ...stale, v: 3 } })).rejects.toBeInstanceOf(
      StorageConflictError,
    );
    expect((await storage.read(['k'])).k?.v).toBe(2);
  });

  it('overwrites without an eTag or with the wildcard', async () => {
    await storage.write({ k: { v: 1 } });
    await storage.write({ k: { v: 2 } });
    await storage.write({ k: { v: 3, eTag: '*' } });

    expect((await storage.read(['k'])).k?.v).toBe(3);
  });

  it('writes all keys of one call or none of them', async () => {
    await storage.write({ a: { v: 1 } });
    const stale = (await storage.read(['a'])).a;
    await storage.write({ a: { v: 2 } });

    await expect(storage.write({ b: { v: 1 }, a: { ...stale, v: 3 } })).rejects.toThrow(
      StorageConflictError,
    );
    expect(await storage.read(['a', 'b'])).toEqual({ a: expect.objectContaining({ v: 2 }) });
  });

  it('deletes items and ignores keys that do not exist', async () => {
    await storage.write({ a: { v: 1 }, b: { v: 2 } });

    await storage.delete(['a', 'nope']);

    expect(Object.keys(await storage.read(['a', 'b']))).toEqual(['b']);
  });
});
