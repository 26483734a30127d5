import { describe, expect, it } from 'vitest';
import {
  formatAuditLine,
  parseAuditCommand,
  toAuditRow,
} from '../../../src/security/audit-command.js';

describe('parseAuditCommand', () => {
  it.each([
    ['audit', 20],
    ['AUDIT', 20],
    ['  audit   last   20 ', 20],
    ['audit 3', 3],
    ['audit last 0', 1],
    ['audit last 100', 100],
    ['audit last 999999', 100],
  ])('reads %j as the last %i entries', (text, limit) => {
    expect(parseAuditCommand(text)).toEqual({ limit });
  });

  it.each(['audits', 'audit last', 'audit last -1', 'audit everything', 'show audit'])(
    'does not take %j',
    (text) => {
      expect(parseAuditCommand(text)).toBeUndefined();
    },
  );
});

describe('toAuditRow', () => {
  it('shows the time in UTC to the second, the person with their object id and the colour', () => {
    const row = toAuditRow({
      at: '2026-01-07T06:05:03.123Z',
      actor: { aadObjectId: 'aaaaaaaa-0000-0000-0000-000000000001', name: 'Alice' },
      action: 'disconnect',
      target: '3f2a9c71-5d84-4e0b-a6c3-1b7e2d90f5a4',
      result: 'failed',
      correlationId: 'corr-1',
    });

    expect(row).toEqual({
      time: '2026-01-07 06:05:03 UTC',
      who: 'Alice',
      whoId: 'aaaaaaaa-0000-0000-0000-000000000001',
      action: 'disconnect',
      target: '3f2a9c71-5d84-4e0b-a6c3-1b7e2d90f5a4',
      result: 'failed',
      resultColor: 'attention',
      correlationId: 'corr-1',
    });
  });

  it('names a missing actor and correlation id instead of leaving gaps', () => {
    const row = toAuditRow({
      at: 'nonsense',
      actor: {},
      action: 'unwatch',
      target: 'c',
      result: 'refused',
    });

    expect([row.time, row.who, row.whoId, row.resultColor, row.correlationId]).toEqual([
      'unknown time',
      'unknown',
      'no object id',
      'warning',
      '',
    ]);
  });
});

describe('formatAuditLine', () => {
  it('escapes Markdown links, template expressions and line breaks in names', () => {
    const line = formatAuditLine({
      at: '2026-01-01T00:00:00.000Z',
      actor: { name: '[click](https://evil.example)\n${secret}' },
      action: 'connect',
      target: 'sub',
      result: 'refused',
    });

    expect(line).toBe(
      '2026-01-01T00:00:00.000Z · \\[click\\]\\(https://evil.example\\) \\$\\{secret\\} · connect · sub · refused',
    );
  });
});
