import { createLogger, type Logger } from '../../src/logging/create-logger.js';

/** A logger whose JSON lines are kept in memory, for assertions on structured fields. */
export interface MemoryLog {
  logger: Logger;
  /** Every line written so far, raw. */
  lines: string[];
  /** Every line parsed. */
  records(): Array<Record<string, unknown>>;
}

export function createMemoryLog(level = 'trace'): MemoryLog {
  const lines: string[] = [];
  const logger = createLogger({
    level,
    destination: { write: (line: string) => lines.push(line) },
  });

  return { logger, lines, records: () => lines.map((line) => JSON.parse(line)) };
}
