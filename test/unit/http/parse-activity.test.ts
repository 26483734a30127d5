import { describe, expect, it } from 'vitest';
import { parseActivity } from '../../../src/http/parse-activity.js';
import { loadActivity, type ActivityName } from '../../support/activities.js';

describe('parseActivity', () => {
  it.each<ActivityName>([
    'personal-message',
    'channel-message-mention',
    'action-submit-postback',
    'adaptive-card-action-invoke',
    'adaptive-card-action-invoke-with-verb',
    'conversation-update-bot-added-team',
    'installation-update-add',
  ])('accepts the real %s shape and keeps its fields', (name) => {
    const activity = loadActivity(name);
    const parsed = parseActivity(structuredClone(activity));

    expect(parsed.ok && parsed.activity.conversation.id).toBe(
      (activity.conversation as { id: string }).id,
    );
    expect(parsed.ok && parsed.activity.channelData).toEqual(activity.channelData);
  });

  it('turns time stamps into dates and keeps the raw text, as botbuilder does', () => {
    const parsed = parseActivity(loadActivity('personal-message'));

    expect(parsed.ok && parsed.activity.timestamp).toEqual(new Date('2017-02-01T21:10:07.437Z'));
    expect(parsed.ok && (parsed.activity as { rawTimestamp?: string }).rawTimestamp).toBe(
      '2017-02-01T21:10:07.437Z',
    );
  });

  it.each([
    ['type', { type: undefined }],
    ['serviceUrl', { serviceUrl: 'javascript:alert(1)' }],
    ['conversation.id', { conversation: { id: 'a:\n' } }],
    ['from.aadObjectId', { from: { id: '29:x', aadObjectId: 7 } }],
    ['conversation.isGroup', { conversation: { id: 'a:1', isGroup: 'yes' } }],
  ])('names %s as the field at fault, never its value', (field, overrides) => {
    expect(parseActivity(loadActivity('personal-message', overrides))).toEqual({
      ok: false,
      field,
    });
  });

  it('names the body itself when it is not an object', () => {
    expect(parseActivity('message')).toEqual({ ok: false, field: '(body)' });
  });
});
