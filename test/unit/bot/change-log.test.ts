import { MemoryStorage } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { createChangeLog, recordChangesFromAudit } from '../../../src/bot/change-log.js';
import { createLogger } from '../../../src/logging/create-logger.js';
import type { AuditEntry, AuditTrail } from '../../../src/security/access-policy.js';

const SUB = '2b9f6d3c-7e15-4a8b-b4d2-9c0e1f7a5d36';

function createMemoryAudit(): AuditTrail & { entries: AuditEntry[] } {
  const entries: AuditEntry[] = [];
  return {
    entries,
    record: async (entry) => {
      entries.push(entry);
    },
    recent: async (limit) => entries.slice(-limit),
  };
}

const entry = (overrides: Partial<AuditEntry>): AuditEntry => ({
  at: '2026-01-07T06:05:00.000Z',
  actor: { aadObjectId: 'u1', name: 'User One' },
  action: 'connect',
  target: SUB,
  result: 'succeeded',
  ...overrides,
});

describe('recordChangesFromAudit', () => {
  const setup = () => {
    const log = createChangeLog(new MemoryStorage());
    const inner = createMemoryAudit();
    const audit = recordChangesFromAudit(inner, log, createLogger({ level: 'silent' }));
    return { log, inner, audit };
  };

  it.each([
    ['connect', { kind: 'connector', subscriptionId: SUB } as const, 'connected'],
    [
      'disconnect',
      { kind: 'connector', subscriptionId: SUB.toUpperCase() } as const,
      'disconnected',
    ],
    ['incidents on', { kind: 'incidentRule' } as const, 'on'],
    ['incidents off', { kind: 'incidentRule' } as const, 'off'],
  ])('keeps who and when of a successful "%s"', async (action, target, state) => {
    const { log, inner, audit } = setup();

    await audit.record(entry({ action }));

    expect(inner.entries).toHaveLength(1);
    expect(await log.read(target)).toEqual({
      state,
      by: 'User One',
      at: '2026-01-07T06:05:00.000Z',
    });
  });

  it.each(['unchanged', 'refused', 'failed'] as const)(
    'records nothing for a %s attempt',
    async (result) => {
      const { log, audit } = setup();

      await audit.record(entry({ result }));

      expect(await log.read({ kind: 'connector', subscriptionId: SUB })).toBeUndefined();
    },
  );

  it('keeps only the newest change per target', async () => {
    const { log, audit } = setup();

    await audit.record(entry({}));
    await audit.record(
      entry({ action: 'disconnect', actor: { name: 'User Two' }, at: '2026-01-07T07:00:00.000Z' }),
    );

    expect(await log.read({ kind: 'connector', subscriptionId: SUB })).toEqual({
      state: 'disconnected',
      by: 'User Two',
      at: '2026-01-07T07:00:00.000Z',
    });
  });

  it('still audits when the change log cannot be written', async () => {
    const inner = createMemoryAudit();
    const broken = { read: async () => undefined, write: () => Promise.reject(new Error('disk')) };
    const audit = recordChangesFromAudit(inner, broken, createLogger({ level: 'silent' }));

    await expect(audit.record(entry({}))).resolves.toBeUndefined();
    expect(inner.entries).toHaveLength(1);
  });
});
