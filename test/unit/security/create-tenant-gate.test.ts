import { describe, expect, it } from 'vitest';
import { createAccessPolicy } from '../../../src/security/create-access-policy.js';
import { createTenantGate } from '../../../src/security/create-tenant-gate.js';
import { loadActivity } from '../../support/activities.js';
import { createMemoryLog } from '../../support/memory-log.js';

const OWN = '72f988bf-86f1-41af-91ab-2d7cd011db47';

function gateWithLog() {
  const log = createMemoryLog();
  const policy = createAccessPolicy({
    mode: 'production',
    allowedTenantIds: [],
    operators: [],
    app: { tenantId: OWN },
  });

  return { log, gate: createTenantGate({ policy, logger: log.logger }) };
}

const fromTenant = (id: string) =>
  loadActivity('personal-message', { channelData: { tenant: { id } } });

describe('createTenantGate', () => {
  it('admits the own tenant and logs nothing', () => {
    const { gate, log } = gateWithLog();

    expect(gate.admit(fromTenant(OWN))).toBe(true);
    expect(log.lines).toEqual([]);
  });

  it('drops a foreign tenant and logs it once per tenant', () => {
    const { gate, log } = gateWithLog();
    const verdicts = [
      fromTenant('t-1'),
      fromTenant('t-1'),
      fromTenant('T-2'),
      fromTenant('t-1'),
    ].map((activity) => gate.admit(activity));

    expect(verdicts).toEqual([false, false, false, false]);
    expect(log.records().map((r) => [r.level, r.tenantId])).toEqual([
      ['warn', 't-1'],
      ['warn', 't-2'],
    ]);
  });

  it('drops an activity without any tenant id', () => {
    const { gate, log } = gateWithLog();

    expect(gate.admit({ conversation: {} })).toBe(false);
    expect(log.records()[0]?.tenantId).toBe('(none)');
  });

  it('falls back to conversation.tenantId when channelData has no tenant', () => {
    const { gate } = gateWithLog();

    expect(gate.admit({ conversation: { tenantId: OWN } })).toBe(true);
  });

  it('stops logging, not refusing, after 1000 distinct tenants', () => {
    const { gate, log } = gateWithLog();
    for (let i = 0; i < 1500; i += 1) gate.admit(fromTenant(`tenant-${i}`));

    expect(log.lines).toHaveLength(1000);
    expect(gate.admit(fromTenant('tenant-1499'))).toBe(false);
  });
});
