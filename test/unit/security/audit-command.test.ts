import { MemoryStorage } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import {
  createAuditRoute,
  formatAuditLine,
  parseAuditCommand,
} from '../../../src/security/audit-command.js';
import { createAccessPolicy } from '../../../src/security/create-access-policy.js';
import { createAuditTrail } from '../../../src/security/create-audit-trail.js';

const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const ALICE = 'aaaaaaaa-0000-0000-0000-000000000001';
const BOB = 'bbbbbbbb-0000-0000-0000-000000000002';

async function routeWithTrail() {
  const audit = createAuditTrail(new MemoryStorage());
  const policy = createAccessPolicy({
    mode: 'production',
    allowedTenantIds: [],
    operators: [ALICE],
    app: { tenantId: TENANT },
  });
  for (const [i, result] of (['refused', 'succeeded', 'unchanged'] as const).entries()) {
    await audit.record({
      at: `2026-01-01T12:00:0${i}.000Z`,
      actor: { aadObjectId: BOB, name: 'Bob' },
      action: 'connect',
      target: `Contoso-OT-${i}`,
      result,
      correlationId: `corr-${i}`,
    });
  }

  return createAuditRoute({ audit, policy });
}

describe('parseAuditCommand', () => {
  it.each([
    ['audit', 10],
    ['AUDIT', 10],
    ['  audit   last   20 ', 20],
    ['audit 3', 3],
    ['audit last 0', 1],
    ['audit last 999999', 50],
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

describe('the audit route', () => {
  it('shows an operator the newest attempts first', async () => {
    const route = await routeWithTrail();
    const reply = await route.run({ caller: { aadObjectId: ALICE, tenantId: TENANT }, limit: 2 });

    expect(reply.kind).toBe('entries');
    expect(reply.text).toBe(
      [
        '2026-01-01T12:00:02.000Z · Bob · connect · Contoso-OT-2 · unchanged · correlation corr-2',
        '2026-01-01T12:00:01.000Z · Bob · connect · Contoso-OT-1 · succeeded · correlation corr-1',
      ].join('\n'),
    );
  });

  it('refuses a non-operator with the operator rule', async () => {
    const route = await routeWithTrail();
    const reply = await route.run({ caller: { aadObjectId: BOB, tenantId: TENANT }, limit: 5 });

    expect(reply).toEqual({
      kind: 'refused',
      text: "Changing Azure or notices needs the bot operator role. An administrator adds your Azure AD object id to BOT_OPERATORS in the bot's configuration and restarts the bot.",
    });
  });

  it('describes itself for help and the route table', async () => {
    const route = await routeWithTrail();

    expect([route.name, route.usage, route.operatorOnly]).toEqual([
      'audit',
      'audit [last N]',
      true,
    ]);
    expect(route.parse(route.example)).toEqual({ limit: 20 });
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
