import { z } from 'zod';
import { ConfigError } from '../errors.js';
import { collectPolicyWarnings } from './collect-policy-warnings.js';
import { findLookalikeKeys } from './find-lookalike-keys.js';
import { isGuid } from './is-guid.js';

/** How the bot authenticates to and is authenticated by the Bot Framework. */
export type AppType = 'MultiTenant' | 'SingleTenant' | 'UserAssignedMSI';

/** Where the Azure calls go: the embedded sandbox, or a real tenant. */
export type AzureTarget =
  | {
      kind: 'sandbox';
      /**
       * Base URL of a sandbox started separately (`npm run sandbox`); unset = start one
       * in-process.
       */
      externalUrl?: string;
      alertIntervalSeconds: number;
      connectDelaySeconds: number;
      port: number;
    }
  | {
      kind: 'azure';
      subscriptionId: string;
      resourceGroup: string;
      workspaceName: string;
      /** The workspace's customer id (a GUID), which Log Analytics queries address. */
      workspaceId: string;
    };

export interface BotConfig {
  /** `production` when `MicrosoftAppId` is set: callers must present Bot Framework tokens. */
  mode: 'local' | 'production';
  port: number;
  /** Local mode binds to loopback only, because it does not authenticate callers. */
  host: string;
  app: { id?: string; password?: string; type: AppType; tenantId?: string };
  azure: AzureTarget;
  /** Tenants whose activities are answered; empty means the rule for the mode (see README). */
  allowedTenantIds: readonly string[];
  /** AAD object ids of the people who may change Azure or what others receive. */
  operators: readonly string[];
  alertPollSeconds: number;
  dataDir: string;
  logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  version: string;
  /** Settings that are allowed but probably not what was meant; logged once at start-up. */
  warnings: readonly string[];
}

const LOOPBACK_HOSTS = ['127.0.0.1', '::1', 'localhost'];
const AZURE_KEYS = [
  'AZURE_SUBSCRIPTION_ID',
  'SENTINEL_RESOURCE_GROUP',
  'SENTINEL_WORKSPACE_NAME',
  'SENTINEL_WORKSPACE_ID',
] as const;

const optionalText = z
  .string()
  .trim()
  .transform((value) => (value === '' ? undefined : value))
  .optional();

const integer = (name: string, fallback: number, min: number, max: number) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (value === undefined || value === '') return fallback;
      const parsed = Number(value);
      if (!Number.isInteger(parsed) || parsed < min || parsed > max) {
        ctx.addIssue({
          code: 'custom',
          message: `${name} must be a whole number from ${min} to ${max}`,
        });
        return z.NEVER;
      }
      return parsed;
    });

const list = z
  .string()
  .optional()
  .transform((value) =>
    (value ?? '')
      .split(',')
      .map((item) => item.trim().toLowerCase())
      .filter((item) => item !== ''),
  );

const envSchema = z.object({
  PORT: integer('PORT', 3978, 0, 65535),
  HOST: optionalText,
  MicrosoftAppId: optionalText,
  MicrosoftAppPassword: optionalText,
  MicrosoftAppType: optionalText,
  MicrosoftAppTenantId: optionalText,
  AZURE_SUBSCRIPTION_ID: optionalText,
  SENTINEL_RESOURCE_GROUP: optionalText,
  SENTINEL_WORKSPACE_NAME: optionalText,
  SENTINEL_WORKSPACE_ID: optionalText,
  SANDBOX_URL: optionalText,
  SANDBOX_PORT: integer('SANDBOX_PORT', 4980, 0, 65535),
  SANDBOX_ALERT_INTERVAL_SECONDS: integer('SANDBOX_ALERT_INTERVAL_SECONDS', 45, 0, 86_400),
  SANDBOX_CONNECT_DELAY_SECONDS: integer('SANDBOX_CONNECT_DELAY_SECONDS', 20, 0, 86_400),
  ALLOWED_TENANT_IDS: list,
  BOT_OPERATORS: list,
  ALERT_POLL_SECONDS: integer('ALERT_POLL_SECONDS', 60, 5, 86_400),
  DATA_DIR: optionalText,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/**
 * Reads and validates the bot's configuration once, at start-up.
 *
 * @param env - the environment to read (default `process.env`).
 * @param version - the bot's version, shown by `status`.
 * @throws ConfigError naming the variable and the fix when a value is missing, malformed or
 *   unsafe; the bot never starts with authentication silently switched off.
 */
export function loadConfig(env: NodeJS.ProcessEnv, version: string): BotConfig {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'configuration');
    const message = issue?.message ?? 'invalid value';
    throw new ConfigError(message.startsWith(name) ? message : `${name}: ${message}`);
  }
  const values = parsed.data;
  const lookalikes = findLookalikeKeys(env, Object.keys(envSchema.shape));
  const app = readAppSettings(values, lookalikes);
  const mode = app.id ? 'production' : 'local';
  const host = values.HOST ?? (mode === 'local' ? '127.0.0.1' : '0.0.0.0');
  if (mode === 'local' && !LOOPBACK_HOSTS.includes(host.toLowerCase())) {
    // Local mode does not authenticate callers, so it must never be reachable from the network.
    throw new ConfigError(
      `HOST is ${host} but MicrosoftAppId is not set: without an app id the bot does not ` +
        'authenticate callers and listens on loopback only (unset HOST or set MicrosoftAppId)',
    );
  }
  const settings = {
    mode,
    port: values.PORT,
    host,
    app,
    azure: readAzureTarget(values),
    allowedTenantIds: Object.freeze([...values.ALLOWED_TENANT_IDS]),
    operators: Object.freeze([...values.BOT_OPERATORS]),
    alertPollSeconds: values.ALERT_POLL_SECONDS,
    dataDir: values.DATA_DIR ?? './data',
    logLevel: values.LOG_LEVEL,
    version,
  } as const;
  const warnings = [
    ...lookalikes.map(({ key, meant }) =>
      meant
        ? `${key} is not read by this bot; did you mean ${meant}?`
        : `${key} is not a setting of this bot and is ignored`,
    ),
    ...collectPolicyWarnings(settings),
  ];

  return Object.freeze({ ...settings, warnings: Object.freeze(warnings) });
}

type EnvValues = z.infer<typeof envSchema>;

function readAppSettings(
  values: EnvValues,
  lookalikes: ReturnType<typeof findLookalikeKeys>,
): BotConfig['app'] {
  const type = (values.MicrosoftAppType ?? 'MultiTenant') as AppType;
  if (!['MultiTenant', 'SingleTenant', 'UserAssignedMSI'].includes(type)) {
    throw new ConfigError(
      'MicrosoftAppType must be MultiTenant, SingleTenant or UserAssignedMSI ' +
        `(got "${values.MicrosoftAppType}")`,
    );
  }
  const app = {
    id: values.MicrosoftAppId,
    password: values.MicrosoftAppPassword,
    type,
    tenantId: values.MicrosoftAppTenantId,
  };
  const alias = (meant: string) => lookalikes.find((found) => found.meant === meant)?.key;
  if (!app.id) {
    // An app id under another name would otherwise start an unauthenticated bot (F14, F20).
    const idAlias = alias('MicrosoftAppId');
    if (idAlias) {
      throw new ConfigError(
        `MicrosoftAppId is not set but ${idAlias} is: the bot reads its app id only from ` +
          `MicrosoftAppId (rename ${idAlias}, or unset it to run in local mode)`,
      );
    }
    // Local mode: any of the other settings alone would suggest a half-done production set-up.
    for (const key of ['MicrosoftAppPassword', 'MicrosoftAppTenantId'] as const) {
      if (values[key]) {
        throw new ConfigError(`MicrosoftAppId is not set but ${key} is: set MicrosoftAppId too`);
      }
    }
    if (type !== 'MultiTenant') {
      // MultiTenant is botbuilder's default and samples leave it in .env; the others mean
      // production.
      throw new ConfigError(
        `MicrosoftAppId is not set but MicrosoftAppType is ${type}: set MicrosoftAppId ` +
          (type === 'UserAssignedMSI' ? "to the managed identity's client id" : 'too'),
      );
    }
    return app;
  }
  if (!isGuid(app.id)) {
    throw new ConfigError('MicrosoftAppId must be the bot registration GUID');
  }
  if (type !== 'UserAssignedMSI' && !app.password) {
    // Without the password botbuilder would accept unauthenticated callers: refuse to start.
    const passwordAlias = alias('MicrosoftAppPassword');
    throw new ConfigError(
      `MicrosoftAppPassword is required when MicrosoftAppType is ${type}` +
        (passwordAlias ? ` (${passwordAlias} is set: rename it to MicrosoftAppPassword)` : ''),
    );
  }
  if (type !== 'MultiTenant' && !app.tenantId) {
    throw new ConfigError(`MicrosoftAppTenantId is required when MicrosoftAppType is ${type}`);
  }
  if (app.tenantId && !isGuid(app.tenantId)) {
    throw new ConfigError('MicrosoftAppTenantId must be a tenant GUID');
  }

  return app;
}

function readAzureTarget(values: EnvValues): AzureTarget {
  const present = AZURE_KEYS.filter((key) => values[key] !== undefined);
  if (present.length === 0) {
    return {
      kind: 'sandbox',
      externalUrl: values.SANDBOX_URL,
      alertIntervalSeconds: values.SANDBOX_ALERT_INTERVAL_SECONDS,
      connectDelaySeconds: values.SANDBOX_CONNECT_DELAY_SECONDS,
      port: values.SANDBOX_PORT,
    };
  }
  const missing = AZURE_KEYS.filter((key) => values[key] === undefined);
  if (missing.length > 0) {
    throw new ConfigError(
      `${missing[0]} is required when ${present.join(', ')} is set ` +
        '(set all four Azure settings, or none to use the sandbox)',
    );
  }
  for (const key of ['AZURE_SUBSCRIPTION_ID', 'SENTINEL_WORKSPACE_ID'] as const) {
    if (!isGuid(values[key] ?? '')) throw new ConfigError(`${key} must be a GUID`);
  }

  return {
    kind: 'azure',
    subscriptionId: values.AZURE_SUBSCRIPTION_ID as string,
    resourceGroup: values.SENTINEL_RESOURCE_GROUP as string,
    workspaceName: values.SENTINEL_WORKSPACE_NAME as string,
    workspaceId: values.SENTINEL_WORKSPACE_ID as string,
  };
}

/** A one-line-per-field summary for the start-up log; secrets are reduced to "set"/"unset". */
export function summarizeConfig(config: BotConfig): Record<string, unknown> {
  return {
    mode: config.mode,
    host: config.host,
    port: config.port,
    appId: config.app.id ?? 'unset',
    appPassword: config.app.password ? 'set' : 'unset',
    appType: config.app.type,
    appTenantId: config.app.tenantId ?? 'unset',
    azure:
      config.azure.kind === 'sandbox'
        ? { kind: 'sandbox', externalUrl: config.azure.externalUrl ?? 'embedded' }
        : { ...config.azure },
    allowedTenants: config.allowedTenantIds.length,
    operators: config.operators.length,
    alertPollSeconds: config.alertPollSeconds,
    dataDir: config.dataDir,
    version: config.version,
  };
}
