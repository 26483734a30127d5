import { pino, type DestinationStream, type Logger } from 'pino';

export type { Logger } from 'pino';

export interface LoggerOptions {
  level?: string;
  /** Where JSON lines go; default stdout. Tests pass an in-memory stream to assert on fields. */
  destination?: DestinationStream;
}

/**
 * Paths that must never reach a log line even if someone logs a whole object by mistake. Logging
 * is allow-list first (log named fields only); this list is the second line of defence.
 */
export const REDACTED_PATHS = [
  'authorization',
  'headers',
  'req.headers',
  '*.headers',
  '*.authorization',
  'password',
  '*.password',
  'appPassword',
  'token',
  '*.token',
  'accessToken',
  '*.accessToken',
  'text',
  '*.text',
  'body',
  '*.body',
  'card',
  '*.card',
  'attachments',
  '*.attachments',
  'value',
  '*.value',
];

const MAX_ERROR_MESSAGE = 500;
const MAX_CAUSE_DEPTH = 3;

/**
 * Serializes an error by allow-list. HTTP client errors (botframework-connector, Azure SDK) carry
 * the request they failed on, including its `Authorization` header with our outbound token; only
 * the fields named here reach the log.
 */
export function serializeError(error: unknown, depth = 0): Record<string, unknown> {
  if (typeof error !== 'object' || error === null) {
    return { type: typeof error, message: truncate(String(error)) };
  }
  // Plain objects thrown or logged as errors get the same allow-list as real errors.
  const fields = error as Partial<Error> & Record<string, unknown>;
  const serialized: Record<string, unknown> = {
    type: typeof fields.name === 'string' ? fields.name : 'object',
    message: truncate(typeof fields.message === 'string' ? fields.message : ''),
  };
  if (typeof fields.stack === 'string') serialized.stack = fields.stack;
  for (const key of ['code', 'status', 'statusCode', 'retryable', 'correlationId'] as const) {
    const value = fields[key];
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      serialized[key] = value;
    }
  }
  if (fields.cause !== undefined && depth < MAX_CAUSE_DEPTH) {
    serialized.cause = serializeError(fields.cause, depth + 1);
  }

  return serialized;
}

function truncate(text: string): string {
  return text.length > MAX_ERROR_MESSAGE ? `${text.slice(0, MAX_ERROR_MESSAGE)}…` : text;
}

/** Creates the process's root JSON logger; components take children of it with bound context. */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'sentinel-iot-bot' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { err: (error: unknown) => serializeError(error) },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination,
  );
}
