/**
 * Every error the bot raises on purpose carries a stable code from this table. Users see a short
 * message chosen by the code; logs see the code, the message and the cause. Never parse messages.
 */
export const ErrorCodes = {
  ConfigInvalid: 'CONFIG_INVALID',
  UsageInvalid: 'USAGE_INVALID',
  UnknownCommand: 'UNKNOWN_COMMAND',
  SubscriptionNotFound: 'SUBSCRIPTION_NOT_FOUND',
  SubscriptionAmbiguous: 'SUBSCRIPTION_AMBIGUOUS',
  HubNotFound: 'HUB_NOT_FOUND',
  AlertNotFound: 'ALERT_NOT_FOUND',
  DefenderNotEnabled: 'DEFENDER_NOT_ENABLED',
  AzureAuthorizationFailed: 'AZURE_AUTHORIZATION_FAILED',
  AzureAuthenticationFailed: 'AZURE_AUTHENTICATION_FAILED',
  AzureThrottled: 'AZURE_THROTTLED',
  AzureUnavailable: 'AZURE_UNAVAILABLE',
  AzureTimeout: 'AZURE_TIMEOUT',
  AzureConflict: 'AZURE_CONFLICT',
  AzureRequestFailed: 'AZURE_REQUEST_FAILED',
  QueryInvalid: 'QUERY_INVALID',
  QueryPartial: 'QUERY_PARTIAL',
  NotPermitted: 'NOT_PERMITTED',
  TenantNotAllowed: 'TENANT_NOT_ALLOWED',
  CardTooLarge: 'CARD_TOO_LARGE',
  CardTemplateInvalid: 'CARD_TEMPLATE_INVALID',
  UnknownAction: 'UNKNOWN_ACTION',
  DeliveryFailed: 'DELIVERY_FAILED',
  StorageFailed: 'STORAGE_FAILED',
  StorageConflict: 'STORAGE_CONFLICT',
  StartupFailed: 'STARTUP_FAILED',
  ManifestInvalid: 'MANIFEST_INVALID',
  Internal: 'INTERNAL',
} as const;

export type ErrorCode = (typeof ErrorCodes)[keyof typeof ErrorCodes];

export interface BotErrorOptions {
  cause?: unknown;
  /** HTTP status of the failed downstream call, when there was one. */
  status?: number;
  /** True when the same call may succeed if tried again later. */
  retryable?: boolean;
  /** Azure's request or correlation id, kept for the audit trail and support. */
  correlationId?: string;
}

/** Base of all coded errors. `message` is safe to show a user; details go in `cause`. */
export class BotError extends Error {
  readonly code: ErrorCode;
  readonly status?: number;
  readonly retryable: boolean;
  readonly correlationId?: string;

  constructor(code: ErrorCode, message: string, options: BotErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = new.target.name;
    this.code = code;
    this.status = options.status;
    this.retryable = options.retryable ?? false;
    this.correlationId = options.correlationId;
  }
}

/** Start-up configuration that is missing or unsafe; the message names the variable. */
export class ConfigError extends BotError {
  constructor(message: string, options: BotErrorOptions = {}) {
    super(ErrorCodes.ConfigInvalid, message, options);
  }
}

/** A user's input that cannot be run as given; the message says what to type instead. */
export class UsageError extends BotError {
  constructor(message: string, options: BotErrorOptions = {}) {
    super(ErrorCodes.UsageInvalid, message, options);
  }
}

export function isBotError(value: unknown): value is BotError {
  return value instanceof BotError;
}
