import type { BotConfig } from '../config/load-config.js';
import type { AccessPolicy, Caller } from './access-policy.js';

/** The parts of the configuration the access rules depend on. */
export type AccessPolicyConfig = Pick<BotConfig, 'mode' | 'allowedTenantIds' | 'operators'> & {
  app: Pick<BotConfig['app'], 'tenantId'>;
};

/**
 * Builds the deny-by-default access rules from the configuration.
 *
 * Tenants: `ALLOWED_TENANT_IDS` when set. When empty, production answers only the bot's own
 * tenant (`MicrosoftAppTenantId`); a production MultiTenant bot with neither answers nobody (the
 * safe reading of "no list", warned at start-up). Local mode answers any tenant.
 *
 * Operators: `BOT_OPERATORS` (Azure AD object ids) when set. When empty, everyone in local mode
 * and nobody in production. An operator must also be in an allowed tenant.
 */
export function createAccessPolicy(config: AccessPolicyConfig): AccessPolicy {
  const tenants = new Set(config.allowedTenantIds.map((id) => id.toLowerCase()));
  if (tenants.size === 0 && config.mode === 'production' && config.app.tenantId) {
    tenants.add(config.app.tenantId.toLowerCase());
  }
  const anyTenant = tenants.size === 0 && config.mode === 'local';
  const operators = new Set(config.operators.map((id) => id.toLowerCase()));
  const everyoneOperates = operators.size === 0 && config.mode === 'local';

  const isTenantAllowed = (tenantId: string | undefined): boolean =>
    anyTenant || (tenantId !== undefined && tenants.has(tenantId.toLowerCase()));

  return {
    isTenantAllowed,
    canOperate(caller: Caller): boolean {
      if (caller.tenantId !== undefined && !isTenantAllowed(caller.tenantId)) return false;
      if (everyoneOperates) return true;

      return caller.aadObjectId !== undefined && operators.has(caller.aadObjectId.toLowerCase());
    },
    describeOperatorRule(): string {
      const role =
        'The bot operator role lets people change Azure and alert notices and read the audit ' +
        'trail.';
      if (operators.size === 0) {
        return (
          `${role} No operators are configured yet: an administrator adds your Azure AD object ` +
          "id to BOT_OPERATORS (comma-separated) in the bot's configuration and restarts the bot."
        );
      }

      return (
        `${role} An administrator adds your Azure AD object id to BOT_OPERATORS in the bot's ` +
        'configuration and restarts the bot.'
      );
    },
  };
}
