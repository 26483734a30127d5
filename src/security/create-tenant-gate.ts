import type { Logger } from '../logging/create-logger.js';
import type { AccessPolicy } from './access-policy.js';
import { readTenantId, type TenantSource } from './read-tenant-id.js';

export interface TenantGateDeps {
  policy: Pick<AccessPolicy, 'isTenantAllowed'>;
  logger: Logger;
}

/** Decides, before any handler runs, whether an activity's tenant may be answered at all. */
export interface TenantGate {
  /** True when the activity may reach the bot; false means drop it without an answer. */
  admit(activity: TenantSource): boolean;
}

/**
 * How many refused tenants are remembered for "log once". Beyond it, refusals are still
 * enforced but no longer logged, so a caller inventing tenant ids cannot grow memory or logs.
 */
const MAX_REMEMBERED_TENANTS = 1000;

/**
 * Builds the tenant gate. Refused activities are logged once per tenant at `warn`, with the
 * tenant id only; an activity without any tenant id counts as the tenant "(none)".
 */
export function createTenantGate(deps: TenantGateDeps): TenantGate {
  const logged = new Set<string>();

  return {
    admit(activity: TenantSource): boolean {
      const tenantId = readTenantId(activity);
      if (deps.policy.isTenantAllowed(tenantId)) return true;

      const key = (tenantId ?? '(none)').slice(0, 64).toLowerCase();
      if (!logged.has(key) && logged.size < MAX_REMEMBERED_TENANTS) {
        logged.add(key);
        deps.logger.warn(
          { tenantId: key },
          'ignoring activities from a tenant that is not allowed (logged once per tenant)',
        );
      }

      return false;
    },
  };
}
