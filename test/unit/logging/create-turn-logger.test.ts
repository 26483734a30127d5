import { describe, expect, it } from 'vitest';
import { createTurnLogger, readRequestId } from '../../../src/logging/create-turn-logger.js';
import { loadActivity } from '../../support/activities.js';
import { createMemoryLog } from '../../support/memory-log.js';

describe('createTurnLogger', () => {
  it('binds the activity, conversation, tenant, command and request ids, not the text', () => {
    const log = createMemoryLog();
    const activity = loadActivity('channel-message-mention', { text: 'connect sub marker-42' });
    const turnLog = createTurnLogger(log.logger, activity, { requestId: 'req-1', command: 'help' });
    turnLog.info('command finished');

    const [record] = log.records();
    expect(record).toMatchObject({
      requestId: 'req-1',
      activityType: 'message',
      activityId: activity.id,
      conversationId: (activity.conversation as { id: string }).id,
      tenantId: 'TENANT_ID_PLACEHOLDER',
      command: 'help',
    });
    expect(log.lines.join('')).not.toContain('marker-42');
  });

  it('clips caller-chosen ids to 128 characters and skips missing ones', () => {
    const log = createMemoryLog();
    createTurnLogger(log.logger, { id: 'x'.repeat(5000) }, { requestId: 'r' }).info('t');

    const [record] = log.records();
    expect(record?.activityId).toHaveLength(128);
    expect(record).not.toHaveProperty('conversationId');
  });
});

describe('readRequestId', () => {
  it.each([
    [{ 'x-ms-request-id': 'abc-123' }, 'abc-123'],
    [
      { traceparent: '00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01' },
      '4bf92f3577b34da6a3ce929d0e0e4736',
    ],
  ])('takes the id from %j', (headers, expected) => {
    expect(readRequestId(headers)).toBe(expected);
  });

  it('generates a UUID when the header is missing or not id-shaped', () => {
    expect(readRequestId({ 'x-ms-request-id': 'a b\nc' })).toMatch(/^[\da-f-]{36}$/);
    expect(readRequestId({})).not.toBe(readRequestId({}));
  });
});
