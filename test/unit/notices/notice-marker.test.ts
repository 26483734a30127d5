import { describe, expect, it } from 'vitest';
import { CARD_CONTENT_TYPE } from '../../../src/cards/render-card.js';
import {
  getNoticeMarker,
  hasNoticeMarker,
  markNoticeActivity,
} from '../../../src/notices/notice-marker.js';

const card = {
  type: 'AdaptiveCard',
  version: '1.5',
  body: [
    { type: 'Container', items: [] },
    { type: 'FactSet', facts: [] },
  ],
};
const activity = {
  type: 'message',
  attachments: [{ contentType: CARD_CONTENT_TYPE, content: card }],
};

describe('notice marks', () => {
  it('puts the mark on the first body element of the card and nowhere else', () => {
    const marked = markNoticeActivity(activity, 'n-42');

    expect(marked.attachments?.[0]?.content).toEqual({
      ...card,
      body: [{ type: 'Container', items: [], id: 'sentinel-notice-n-42' }, card.body[1]],
    });
    expect(card.body[0]).not.toHaveProperty('id');
  });

  it('recognises the mark in the card object and in the JSON string Graph returns', () => {
    const content = markNoticeActivity(activity, 'n-42').attachments?.[0]?.content;

    expect(hasNoticeMarker(content, 'n-42')).toBe(true);
    expect(hasNoticeMarker(JSON.stringify(content), 'n-42')).toBe(true);
    expect(hasNoticeMarker(JSON.stringify(content), 'n-4')).toBe(false);
  });

  it.each([
    ['no card at all', undefined],
    ['an unmarked card', JSON.stringify(card)],
    ['text that is not JSON', '<p>Unauthorized PLC programming</p>'],
    [
      'the mark elsewhere in the card',
      JSON.stringify({ body: [{}, { id: getNoticeMarker('n') }] }),
    ],
  ])('finds no mark in %s', (_name, content) => {
    expect(hasNoticeMarker(content, 'n')).toBe(false);
  });

  it('leaves a text message as it is', () => {
    const text = { type: 'message', text: '12 new Defender for IoT alerts.' };

    expect(markNoticeActivity(text, 'n-1')).toEqual(text);
  });
});
