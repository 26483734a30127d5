import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A fresh folder for the bot's SQLite store, so test files never share state. */
export function createTemporaryDataDir(): string {
  return mkdtempSync(join(tmpdir(), 'sentinel-iot-bot-test-'));
}
