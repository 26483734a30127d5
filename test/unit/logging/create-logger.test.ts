import { describe, expect, it } from 'vitest';
import { serializeError } from '../../../src/logging/create-logger.js';
import { ConfigError } from '../../../src/errors.js';
import { createMemoryLog } from '../../support/memory-log.js';

const TOKEN = 'eyJhbGciOiJSUzI1NiJ9.c2VjcmV0LXBheWxvYWQ.c2lnbmF0dXJl';

describe('createLogger', () => {
  it('writes one JSON line per call with the level as a label', () => {
    const log = createMemoryLog();
    log.logger.info({ activityId: 'a1' }, 'turn started');

    expect(log.records()).toMatchObject([
      { level: 'info', msg: 'turn started', activityId: 'a1', service: 'sentinel-iot-bot' },
    ]);
  });

  it('redacts tokens, passwords, headers, texts and card payloads logged by mistake', () => {
    const log = createMemoryLog();
    log.logger.warn(
      {
        authorization: `Bearer ${TOKEN}`,
        req: { headers: { authorization: `Bearer ${TOKEN}` } },
        app: { password: 'hunter2-secret' },
        activity: { text: 'secret-marker', value: { verb: 'connect' }, attachments: ['card'] },
      },
      'oops',
    );

    const line = log.lines.join('');
    expect(line).not.toContain(TOKEN);
    expect(line).not.toContain('hunter2-secret');
    expect(line).not.toContain('secret-marker');
    expect(log.records()[0]).toMatchObject({ activity: { text: '[redacted]' } });
  });

  it('keeps only allow-listed fields of an HTTP client error', () => {
    const failure = Object.assign(new Error('Request failed with status 401'), {
      statusCode: 401,
      code: 'Unauthorized',
      request: { url: 'https://smba.example/v3', headers: { Authorization: `Bearer ${TOKEN}` } },
      response: { bodyAsText: 'secret body' },
    });
    const log = createMemoryLog();
    log.logger.error({ err: new ConfigError('reply failed', { cause: failure }) }, 'send failed');

    const [record] = log.records();
    expect(log.lines.join('')).not.toContain(TOKEN);
    expect(log.lines.join('')).not.toContain('secret body');
    expect(record?.err).toMatchObject({
      type: 'ConfigError',
      code: 'CONFIG_INVALID',
      cause: { type: 'Error', statusCode: 401, code: 'Unauthorized' },
    });
  });
});

describe('serializeError', () => {
  it('truncates long messages and describes non-errors', () => {
    expect(serializeError(new Error('x'.repeat(2000))).message).toHaveLength(501);
    expect(serializeError('boom')).toEqual({ type: 'string', message: 'boom' });
    expect(serializeError({ name: 'MethodNotAllowedError', headers: { a: 1 } })).toEqual({
      type: 'MethodNotAllowedError',
      message: '',
    });
  });
});
