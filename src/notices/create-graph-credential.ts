import type { TokenCredential } from '@azure/core-auth';
import { ClientSecretCredential, ManagedIdentityCredential } from '@azure/identity';
import type { BotConfig } from '../config/load-config.js';

/** The tenant botbuilder itself uses for multi-tenant bots; each read names its own tenant. */
const MULTI_TENANT_HOME = 'botframework.com';

/**
 * The bot's own app identity as a Graph credential, or undefined in local mode (no app id).
 * A multi-tenant bot reads chats in its customers' tenants, so every tenant is allowed and each
 * token request names the conversation's tenant; a managed identity only reaches its own.
 */
export function createGraphCredential(app: BotConfig['app']): TokenCredential | undefined {
  if (!app.id) return undefined;
  if (app.type === 'UserAssignedMSI') return new ManagedIdentityCredential({ clientId: app.id });
  if (!app.password) return undefined;

  return new ClientSecretCredential(app.tenantId ?? MULTI_TENANT_HOME, app.id, app.password, {
    additionallyAllowedTenants: ['*'],
  });
}
