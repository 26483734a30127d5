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
  'headers.authorization',
  'req.headers.authorization',
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
];

/** Creates the process's root JSON logger; components take children of it with bound context. */
export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? 'info',
      base: { service: 'sentinel-iot-bot' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
    },
    options.destination,
  );
}
