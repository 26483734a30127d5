import { randomUUID } from 'node:crypto';
import { readTenantId, type TenantSource } from '../security/read-tenant-id.js';
import type { Logger } from './create-logger.js';

/** The parts of an inbound activity a turn's log lines are bound to; never its text or value. */
export interface TurnLogSource extends TenantSource {
  id?: string;
  type?: string;
  conversation?: { id?: string; tenantId?: unknown };
}

export interface TurnLoggerOptions {
  /** The request id: from `x-ms-request-id` / `traceparent`, or generated (see `readRequestId`). */
  requestId: string;
  /** The command once the router knows it; bind it later with `logger.child({ command })`. */
  command?: string;
}

/** Longest id kept in a log field: ids come from callers and may be arbitrarily long. */
const MAX_ID_LENGTH = 128;

/**
 * Builds the child logger for one turn. It binds only identifiers (activity, conversation,
 * tenant, command, request id), so every line the turn writes can be correlated and none of them
 * can carry the message text by accident.
 */
export function createTurnLogger(
  logger: Logger,
  activity: TurnLogSource,
  options: TurnLoggerOptions,
): Logger {
  const bindings: Record<string, string> = { requestId: clip(options.requestId) };
  const fields: Array<[string, unknown]> = [
    ['activityId', activity.id],
    ['activityType', activity.type],
    ['conversationId', activity.conversation?.id],
    ['tenantId', readTenantId(activity)],
    ['command', options.command],
  ];
  for (const [name, value] of fields) {
    if (typeof value === 'string' && value !== '') bindings[name] = clip(value);
  }

  return logger.child(bindings);
}

/**
 * The request id for a turn: Azure's `x-ms-request-id`, else the trace id of a W3C
 * `traceparent`, else a fresh UUID. Only id-shaped values are taken from the caller.
 */
export function readRequestId(headers: Record<string, string | string[] | undefined>): string {
  const msId = first(headers['x-ms-request-id']);
  if (msId && /^[\w.:-]{1,128}$/.test(msId)) return msId;
  const traceId = /^[\da-f]{2}-([\da-f]{32})-[\da-f]{16}-[\da-f]{2}$/i.exec(
    first(headers.traceparent) ?? '',
  )?.[1];

  return traceId ?? randomUUID();
}

function first(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

function clip(value: string): string {
  return value.length > MAX_ID_LENGTH ? value.slice(0, MAX_ID_LENGTH) : value;
}
