import { describe, expect, it } from 'vitest';
import {
  createAccessPolicy,
  type AccessPolicyConfig,
} from '../../../src/security/create-access-policy.js';

const OWN = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const OTHER = '11111111-2222-3333-4444-555555555555';
const ALICE = 'aaaaaaaa-0000-0000-0000-000000000001';
const BOB = 'bbbbbbbb-0000-0000-0000-000000000002';

function policyFor(overrides: Partial<AccessPolicyConfig>) {
  return createAccessPolicy({
    mode: 'production',
    allowedTenantIds: [],
    operators: [],
    app: { tenantId: OWN },
    ...overrides,
  });
}

describe('createAccessPolicy: tenants', () => {
  it.each([
    ['production, empty list: own tenant', {}, [OWN], [OTHER, undefined]],
    ['production, list set', { allowedTenantIds: [OTHER] }, [OTHER], [OWN, undefined]],
    [
      'production MultiTenant, no tenant anywhere: nobody',
      { app: {} },
      [],
      [OWN, OTHER, undefined],
    ],
    ['local, empty list: anyone', { mode: 'local' as const }, [OWN, OTHER, undefined], []],
    ['local, list set', { mode: 'local' as const, allowedTenantIds: [OWN] }, [OWN], [OTHER]],
  ])('%s', (_case, overrides, allowed, refused) => {
    const policy = policyFor(overrides);

    expect(allowed.map((id) => policy.isTenantAllowed(id))).toEqual(allowed.map(() => true));
    expect(refused.map((id) => policy.isTenantAllowed(id))).toEqual(refused.map(() => false));
  });

  it('compares tenant ids without regard to letter case', () => {
    expect(policyFor({}).isTenantAllowed(OWN.toUpperCase())).toBe(true);
  });
});

describe('createAccessPolicy: operators', () => {
  it('lets only listed object ids operate in production', () => {
    const policy = policyFor({ operators: [ALICE] });

    expect(policy.canOperate({ aadObjectId: ALICE.toUpperCase(), tenantId: OWN })).toBe(true);
    expect(policy.canOperate({ aadObjectId: BOB, tenantId: OWN })).toBe(false);
    expect(policy.canOperate({ tenantId: OWN })).toBe(false);
  });

  it('refuses a listed operator calling from a tenant that is not allowed', () => {
    expect(
      policyFor({ operators: [ALICE] }).canOperate({ aadObjectId: ALICE, tenantId: OTHER }),
    ).toBe(false);
  });

  it('lets nobody operate in production when the list is empty, and says how to fix it', () => {
    const policy = policyFor({});

    expect(policy.canOperate({ aadObjectId: ALICE, tenantId: OWN })).toBe(false);
    expect(policy.describeOperatorRule()).toContain('No operators are configured yet');
    expect(policy.describeOperatorRule()).toContain('BOT_OPERATORS');
  });

  it('lets everyone operate in local mode when the list is empty', () => {
    const policy = policyFor({ mode: 'local' });

    expect(policy.canOperate({ aadObjectId: BOB })).toBe(true);
    expect(policy.canOperate({})).toBe(true);
  });

  it('applies the list in local mode when it is set', () => {
    const policy = policyFor({ mode: 'local', operators: [ALICE] });

    expect(policy.canOperate({ aadObjectId: BOB })).toBe(false);
    expect(policy.describeOperatorRule()).toBe(
      'The bot operator role lets people change Azure and alert notices and read the audit ' +
        'trail. An administrator adds your Azure AD object id to BOT_OPERATORS in the ' +
        "bot's configuration and restarts the bot.",
    );
  });
});
