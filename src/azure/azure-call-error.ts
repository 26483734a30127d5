import { isRestError } from '@azure/core-rest-pipeline';
import { BotError, ErrorCodes, type ErrorCode } from '../errors.js';

/** What the bot was doing when Azure answered with an error, in words for the error card. */
export interface AzureOperation {
  /** Completes "Could not …", e.g. "connect the Defender for IoT connector". */
  what: string;
  /** Role the caller's identity needs for this call, named in AuthorizationFailed cards. */
  role: string;
}

/** A failed Azure call. `message` and `fix` are safe to show; the raw error stays in `cause`. */
export class AzureCallError extends BotError {
  readonly operation: AzureOperation;
  /** What the user or an administrator can do about it. */
  readonly fix: string;
  /** Azure's error code (e.g. `AuthorizationFailed`), when Azure sent one. */
  readonly azureCode?: string;

  constructor(
    code: ErrorCode,
    details: { operation: AzureOperation; fix: string; azureCode?: string; message: string },
    options: { cause?: unknown; status?: number; correlationId?: string; retryable?: boolean },
  ) {
    super(code, details.message, options);
    this.operation = details.operation;
    this.fix = details.fix;
    this.azureCode = details.azureCode;
  }
}

const AUTHORIZATION_CODES = new Set([
  'AuthorizationFailed',
  'InsufficientAccessError',
  'LinkedAuthorizationFailed',
  'Forbidden',
]);
const AUTHENTICATION_CODES = new Set([
  'AuthenticationFailed',
  'InvalidAuthenticationToken',
  'InvalidAuthenticationTokenAudience',
  'ExpiredAuthenticationToken',
]);

/**
 * Turns whatever an SDK call threw into an {@link AzureCallError} with a stable code, a short
 * user-safe message and a fix. Azure's own message is deliberately not copied: it can name object
 * ids, scopes and request details that do not belong in a chat (F10).
 */
export function toAzureCallError(error: unknown, operation: AzureOperation): AzureCallError {
  if (error instanceof AzureCallError) return error;
  const status = isRestError(error) ? error.statusCode : undefined;
  const azureCode = readAzureCode(error);
  const correlationId = readCorrelationId(error);
  const build = (code: ErrorCode, message: string, fix: string, retryable = false) =>
    new AzureCallError(
      code,
      { operation, fix, azureCode, message },
      { cause: error, status, correlationId, retryable },
    );

  if (status === 403 || AUTHORIZATION_CODES.has(azureCode ?? '')) {
    return build(
      ErrorCodes.AzureAuthorizationFailed,
      "The bot's Azure identity is not allowed to do this.",
      `Ask an Azure administrator to give the bot's identity ${operation.role}, then try again.`,
    );
  }
  if (status === 401 || AUTHENTICATION_CODES.has(azureCode ?? '') || isCredentialError(error)) {
    return build(
      ErrorCodes.AzureAuthenticationFailed,
      'The bot could not sign in to Azure.',
      "Check the bot's managed identity or service principal settings, then try again.",
    );
  }
  if (status === 429) {
    return build(
      ErrorCodes.AzureThrottled,
      'Azure is throttling requests right now.',
      'Wait a minute and try again.',
      true,
    );
  }
  if (status === 409) {
    return build(
      ErrorCodes.AzureConflict,
      'Someone else changed this at the same time.',
      'Run the command again to see the current state.',
      true,
    );
  }
  if (status === 504 || status === 408) {
    return build(
      ErrorCodes.AzureTimeout,
      'Azure did not answer in time.',
      'Try again; for alerts, a shorter time range helps.',
      true,
    );
  }
  if (status === undefined || status >= 500) {
    return build(
      ErrorCodes.AzureUnavailable,
      'Azure could not be reached or had a problem.',
      'Try again in a few minutes.',
      true,
    );
  }

  return build(
    ErrorCodes.AzureRequestFailed,
    `Azure refused the request (${azureCode ?? `HTTP ${status}`}).`,
    'Check the names you used and try again; if it keeps failing, tell your Azure administrator.',
  );
}

/** True when the error is an HTTP 404 from Azure (a resource that does not exist). */
export function isNotFound(error: unknown): boolean {
  return isRestError(error) && error.statusCode === 404;
}

function readAzureCode(error: unknown): string | undefined {
  if (!isRestError(error)) return undefined;
  const details = error.details as { error?: { code?: unknown }; code?: unknown } | undefined;
  const code = details?.error?.code ?? details?.code ?? error.code;

  return typeof code === 'string' ? code : undefined;
}

function readCorrelationId(error: unknown): string | undefined {
  if (!isRestError(error)) return undefined;
  const headers = error.response?.headers;

  return (
    headers?.get('x-ms-correlation-request-id') ??
    headers?.get('x-ms-request-id') ??
    error.request?.requestId
  );
}

function isCredentialError(error: unknown): boolean {
  const name = (error as { name?: unknown } | null)?.name;

  return name === 'CredentialUnavailableError' || name === 'AuthenticationRequiredError';
}
