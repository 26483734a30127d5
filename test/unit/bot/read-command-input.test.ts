import { describe, expect, it } from 'vitest';
import { readCommandInput } from '../../../src/bot/read-command-input.js';
import { isBotMentioned, stripBotMentions } from '../../../src/bot/strip-bot-mentions.js';

const recipient = { id: '28:BOT', name: 'IoT Alert Bot' };
const bot = (text?: string) => ({
  type: 'mention',
  mentioned: recipient,
  ...(text ? { text } : {}),
});

describe('stripBotMentions (F01–F03)', () => {
  it.each([
    [
      'one mention',
      '<at>IoT Alert Bot</at> show subs',
      [bot('<at>IoT Alert Bot</at>')],
      'show subs',
    ],
    [
      'CR/LF around',
      '\r\n<at>IoT Alert Bot</at> show subs\r\n',
      [bot('<at>IoT Alert Bot</at>')],
      'show subs',
    ],
    ['entity without text', '<at>IoT Alert Bot</at> show subs', [bot()], 'show subs'],
    [
      'mentioned twice',
      '<at>IoT Alert Bot</at> <at>IoT Alert Bot</at> show subs',
      [bot('<at>IoT Alert Bot</at>')],
      'show subs',
    ],
    [
      'entity text with @',
      '<at>IoT Alert Bot</at> show subs',
      [bot('<at>@IoT Alert Bot</at>')],
      'show subs',
    ],
    ['encoded name', '<at>IoT Alert Bot</at>&nbsp;show subs', [bot()], 'show subs'],
    [
      'another person kept as @name',
      '<at>IoT Alert Bot</at> show subs <at>Ops &amp; Sec</at>',
      [bot(), { type: 'mention', mentioned: { id: '29:U2', name: 'Ops & Sec' } }],
      'show subs @Ops & Sec',
    ],
  ])('%s', (_name, text, entities, expected) => {
    const stripped = stripBotMentions({ text, recipient, entities });

    expect(stripped.replace(/\s+/g, ' ').trim()).toBe(expected);
  });

  it('keeps text when nobody is mentioned', () => {
    expect(stripBotMentions({ text: 'status', recipient })).toBe('status');
  });
});

describe('readCommandInput', () => {
  it('reads typed text with whitespace collapsed', () => {
    expect(readCommandInput({ type: 'message', text: '  show \t subs\n', recipient })).toEqual({
      kind: 'text',
      text: 'show subs',
    });
  });

  it('prefers an object value with a verb over text (F05)', () => {
    expect(
      readCommandInput({
        type: 'message',
        text: 'clicked',
        value: { verb: 'checkSub', subscriptionId: 'x' },
      }),
    ).toEqual({
      kind: 'action',
      verb: 'checkSub',
      data: { verb: 'checkSub', subscriptionId: 'x' },
    });
  });

  it('parses a JSON string value (messageBack, F05)', () => {
    expect(
      readCommandInput({ type: 'message', value: '{"verb":"connectSub","subscriptionId":"1"}' }),
    ).toEqual({
      kind: 'action',
      verb: 'connectSub',
      data: { verb: 'connectSub', subscriptionId: '1' },
    });
  });

  it.each([
    ['no text, no value', { type: 'message' }],
    ['a value without verb and no text', { type: 'message', value: { x: 1 } }],
    ['a value string that is not JSON and no text', { type: 'message', value: 'connectSub' }],
  ])('has nothing to act on for %s (F04)', (_name, activity) => {
    expect(readCommandInput(activity).kind).toBe('none');
  });

  it('reads verb and data of an adaptiveCard/action invoke', () => {
    const input = readCommandInput({
      type: 'invoke',
      value: { action: { type: 'Action.Execute', verb: 'showAlert', data: { alertId: 'a1' } } },
    });

    expect(input).toEqual({ kind: 'action', verb: 'showAlert', data: { alertId: 'a1' } });
  });

  it('falls back to data.verb when an invoke has no verb', () => {
    const input = readCommandInput({
      type: 'invoke',
      value: { action: { type: 'Action.Execute', data: { verb: 'status' } } },
    });

    expect(input).toMatchObject({ kind: 'action', verb: 'status' });
  });
});

describe('isBotMentioned', () => {
  it.each([
    ['a mention entity with the bot id', 'hi <at>Bot</at>', [bot('<at>Bot</at>')], true],
    ['only an <at> span with the bot name', '<at>IoT Alert Bot</at> show subs', [], true],
    ['an HTML-encoded name in the span', '<at>IoT&#160;Alert Bot</at> help', [], true],
    [
      'a mention of someone else',
      '<at>Dana</at> look at this',
      [{ type: 'mention', mentioned: { id: '29:dana', name: 'Dana' } }],
      false,
    ],
    ['no mention at all', 'show subs', [], false],
  ])('is %s → %s', (_name, text, entities, expected) => {
    expect(isBotMentioned({ text, recipient, entities })).toBe(expected);
  });
});
