import type { BotConfig } from '../config/load-config.js';
import type { Logger } from '../logging/create-logger.js';
import type { AccessPolicy, AuditEntry, AuditTrail } from '../security/access-policy.js';

/**
 * Access rules until the full policy lands. TODO(#6): replace with the security module's policy.
 * Tenants: the configured list; else any tenant in local mode and only the bot's own tenant in
 * production. Operators: the configured list; else everyone in local mode and nobody in
 * production (deny by default).
 */
export function createInterimAccessPolicy(config: BotConfig): AccessPolicy {
  const tenants = new Set(config.allowedTenantIds.map((id) => id.toLowerCase()));
  const operators = new Set(config.operators.map((id) => id.toLowerCase()));
  const ownTenant = config.app.tenantId?.toLowerCase();

  return {
    isTenantAllowed(tenantId) {
      const tenant = tenantId?.toLowerCase();
      if (tenants.size > 0) return tenant !== undefined && tenants.has(tenant);
      if (config.mode === 'local') return true;
      return tenant !== undefined && tenant === ownTenant;
    },
    canOperate(caller) {
      if (operators.size === 0) return config.mode === 'local';
      return caller.aadObjectId !== undefined && operators.has(caller.aadObjectId.toLowerCase());
    },
    describeOperatorRule() {
      return operators.size === 0
        ? 'Nobody may change Azure yet: an administrator must list the operators’ Azure AD ' +
            'object ids in BOT_OPERATORS.'
        : 'Ask an administrator to add your Azure AD object id to BOT_OPERATORS.';
    },
  };
}

/** An audit trail that writes each entry to the log and keeps the newest in memory. TODO(#6). */
export function createLogAuditTrail(logger: Logger, keep = 500): AuditTrail {
  const entries: AuditEntry[] = [];

  return {
    async record(entry) {
      entries.unshift(entry);
      entries.length = Math.min(entries.length, keep);
      logger.info({ audit: entry }, 'audit');
    },
    async recent(limit) {
      return entries.slice(0, limit);
    },
  };
}
