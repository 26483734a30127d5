import { MemoryStorage } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import type { AuditEntry } from '../../../src/security/access-policy.js';
import { createAuditTrail, MAX_AUDIT_READ } from '../../../src/security/create-audit-trail.js';

const ALICE = { aadObjectId: 'aaaaaaaa-0000-0000-0000-000000000001', name: 'Alice Operator' };

function attempt(n: number, overrides: Partial<AuditEntry> = {}): AuditEntry {
  return {
    at: new Date(Date.UTC(2026, 0, 1, 12, 0, n)).toISOString(),
    actor: ALICE,
    action: 'connect',
    target: `sub-${n}`,
    result: 'succeeded',
    correlationId: `corr-${n}`,
    ...overrides,
  };
}

describe('createAuditTrail', () => {
  it('returns the newest entries first, with every recorded field', async () => {
    const audit = createAuditTrail(new MemoryStorage());
    await audit.record(attempt(1, { result: 'refused', detail: 'not an operator' }));
    await audit.record(attempt(2));
    await audit.record(attempt(3, { action: 'incidents off', target: 'workspace' }));

    const entries = await audit.recent(2);
    expect(entries).toEqual([
      {
        at: '2026-01-01T12:00:03.000Z',
        actor: ALICE,
        action: 'incidents off',
        target: 'workspace',
        result: 'succeeded',
        correlationId: 'corr-3',
      },
      attempt(2),
    ]);
    expect((await audit.recent(10)).map((e) => e.result)).toEqual([
      'succeeded',
      'succeeded',
      'refused',
    ]);
  });

  it('keeps the trail when the store is reopened, as after a restart', async () => {
    const memory: Record<string, string> = {};
    await createAuditTrail(new MemoryStorage(memory)).record(attempt(1));
    await createAuditTrail(new MemoryStorage(memory)).record(attempt(2));

    const reopened = createAuditTrail(new MemoryStorage(memory));
    expect((await reopened.recent(5)).map((e) => e.target)).toEqual(['sub-2', 'sub-1']);
  });

  it('numbers concurrent records without losing any', async () => {
    const audit = createAuditTrail(new MemoryStorage());
    await Promise.all(Array.from({ length: 25 }, (_, i) => audit.record(attempt(i))));

    const targets = (await audit.recent(50)).map((e) => e.target);
    expect(new Set(targets).size).toBe(25);
  });

  it('never gives two bot instances on one store the same entry number', async () => {
    const storage = new MemoryStorage();
    const [first, second] = [createAuditTrail(storage), createAuditTrail(storage)];
    await Promise.all(
      Array.from({ length: 10 }, (_, i) => [
        first.record(attempt(i, { target: `a-${i}` })),
        second.record(attempt(i, { target: `b-${i}` })),
      ]).flat(),
    );

    const targets = (await first.recent(50)).map((e) => e.target);
    expect(targets).toHaveLength(20);
    expect(new Set(targets).size).toBe(20);
  });

  it('shares one store with other data without touching other keys', async () => {
    const storage = new MemoryStorage();
    await storage.write({ 'conversation/1': { ref: 'x' } });
    await createAuditTrail(storage).record(attempt(1));

    expect((await storage.read(['conversation/1']))['conversation/1']).toMatchObject({ ref: 'x' });
  });

  it('deletes entries beyond the retention count', async () => {
    const storage = new MemoryStorage();
    const audit = createAuditTrail(storage, { retain: 3 });
    for (let i = 1; i <= 5; i += 1) await audit.record(attempt(i));

    expect((await audit.recent(10)).map((e) => e.target)).toEqual(['sub-5', 'sub-4', 'sub-3']);
    expect(await storage.read(['audit/entry/000000000001'])).toEqual({});
  });

  it('caps reads and field lengths, and drops fields outside the entry shape', async () => {
    const audit = createAuditTrail(new MemoryStorage());
    const noisy = { ...attempt(1, { detail: 'd'.repeat(5000) }), token: 'secret' } as AuditEntry;
    await audit.record(noisy);

    const [entry] = await audit.recent(MAX_AUDIT_READ + 100);
    expect(entry?.detail).toHaveLength(300);
    expect(entry).not.toHaveProperty('token');
    expect(await audit.recent(0)).toEqual([]);
  });

  it('answers an empty trail with no entries', async () => {
    expect(await createAuditTrail(new MemoryStorage()).recent(10)).toEqual([]);
  });
});
