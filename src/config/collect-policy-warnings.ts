import { isGuid } from './is-guid.js';
import type { BotConfig } from './load-config.js';

/**
 * Allowed but risky or surprising combinations: the bot starts, and says so once at start-up.
 */
export function collectPolicyWarnings(config: Omit<BotConfig, 'warnings'>): string[] {
  const warnings: string[] = [];
  const { app, mode } = config;
  if (mode === 'production' && config.operators.length === 0) {
    warnings.push(
      'BOT_OPERATORS is empty: nobody may change Azure or notices; set it to the Azure AD ' +
        'object ids (comma-separated) of the people who may',
    );
  }
  if (mode === 'production' && config.allowedTenantIds.length === 0 && !app.tenantId) {
    warnings.push(
      'ALLOWED_TENANT_IDS and MicrosoftAppTenantId are empty: the bot answers no tenant; set ' +
        'ALLOWED_TENANT_IDS to the tenant ids it serves',
    );
  }
  for (const [name, ids] of [
    ['BOT_OPERATORS', config.operators],
    ['ALLOWED_TENANT_IDS', config.allowedTenantIds],
  ] as const) {
    const odd = ids.filter((id) => !isGuid(id));
    if (odd.length > 0) {
      warnings.push(`${name} has ${odd.length} entries that are not GUIDs; they never match`);
    }
  }
  if (app.type === 'UserAssignedMSI' && app.password) {
    warnings.push('MicrosoftAppPassword is ignored when MicrosoftAppType is UserAssignedMSI');
  }

  return warnings;
}
