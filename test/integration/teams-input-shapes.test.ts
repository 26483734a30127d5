import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_DATA } from '../../src/sandbox/index.js';
import {
  CHANNEL_CONVERSATION,
  getCardText,
  readCard,
  startBotHarness,
  type BotHarness,
} from './bot-harness.js';

const OT = SANDBOX_DATA.subscriptions[0].subscriptionId;
const BOT = { id: '28:BOT_APP_ID_PLACEHOLDER', name: 'IoT Alert Bot' };
const botMention = (text?: string) => ({
  type: 'mention',
  mentioned: BOT,
  ...(text === undefined ? {} : { text }),
});

describe('Teams activity shapes reach the same commands', () => {
  let harness: BotHarness;
  const replyText = async () => {
    await harness.connector.waitForCalls(1);
    return getCardText(readCard(harness.connector.calls[0]!));
  };

  beforeAll(async () => {
    harness = await startBotHarness();
  });
  afterAll(async () => {
    await harness.stop();
  });
  afterEach(() => harness.connector.reset());

  it.each([
    [
      'a plain channel mention',
      `<at>IoT Alert Bot</at> check sub ${OT}`,
      [botMention('<at>IoT Alert Bot</at>')],
    ],
    [
      'CR/LF around the text (F02)',
      `\r\n<at>IoT Alert Bot</at> check sub ${OT}\r\n`,
      [botMention('<at>IoT Alert Bot</at>')],
    ],
    [
      'a mention entity without text (F01)',
      `<at>IoT Alert Bot</at> check sub ${OT}`,
      [botMention()],
    ],
    [
      'a user mention named with & and no text (F01)',
      `<at>IoT Alert Bot</at> check sub ${OT}`,
      [botMention(), { type: 'mention', mentioned: { id: '29:U2', name: 'Ops & Sec' } }],
    ],
    [
      'the bot mentioned twice (F03)',
      `<at>IoT Alert Bot</at> <at>IoT Alert Bot</at> check sub ${OT}`,
      [botMention('<at>IoT Alert Bot</at>'), botMention('<at>IoT Alert Bot</at>')],
    ],
    [
      'an entity text with @ (docs mismatch)',
      `<at>IoT Alert Bot</at> CHECK   sub ${OT}`,
      [botMention('<at>@IoT Alert Bot</at>')],
    ],
  ])('resolves %s', async (_name, text, entities) => {
    const response = await harness.post('channel-message-mention', { text, entities });

    expect(response.status).toBe(200);
    expect(harness.connector.calls[0]?.conversationId).toBe(CHANNEL_CONVERSATION);
    expect(await replyText()).toContain('Prerequisites for connecting Contoso-OT');
  });

  it('keeps a user mention as an argument and refuses it, not querying (F03, F22)', async () => {
    await harness.post('channel-message-mention', {
      text: '<at>IoT Alert Bot</at> show iot alerts for <at>User Two</at>',
      entities: [
        botMention('<at>IoT Alert Bot</at>'),
        {
          type: 'mention',
          text: '<at>User Two</at>',
          mentioned: { id: '29:U2', name: 'User Two' },
        },
      ],
    });

    expect(await replyText()).toContain('I don\'t know the filter "for"');
  });

  it('runs an Action.Submit with object data from value (F05)', async () => {
    await harness.post('action-submit-postback', {
      value: { verb: 'checkSub', subscriptionId: OT },
    });

    expect(await replyText()).toContain('Prerequisites for connecting Contoso-OT');
  });

  it('runs a messageBack whose value is a JSON string, ignoring its text (F05)', async () => {
    await harness.post('action-submit-postback', {
      text: 'User just clicked the MessageBack button',
      value: JSON.stringify({ verb: 'checkSub', subscriptionId: OT }),
    });

    expect(await replyText()).toContain('Prerequisites for connecting Contoso-OT');
  });

  it('ignores a message with neither text nor value (F04)', async () => {
    const response = await harness.post('action-submit-postback', { value: undefined });

    expect(response.status).toBe(200);
    expect(harness.connector.calls).toHaveLength(0);
  });

  it('ignores a channel message that does not mention the bot (read-all consent)', async () => {
    const response = await harness.post('channel-message-mention', {
      text: 'show subs when you have a minute',
      entities: [],
    });

    expect(response.status).toBe(200);
    expect(harness.connector.calls).toHaveLength(0);
  });

  it('answers an unknown card verb with a notice, not an error', async () => {
    await harness.post('action-submit-postback', { value: { verb: 'doesNotExist' } });

    expect(await replyText()).toContain('Unknown action');
  });
});

describe('slow Azure calls (F09)', () => {
  let harness: BotHarness;

  beforeAll(async () => {
    harness = await startBotHarness({}, { workingAfterMs: 50 });
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('sends "working…" at once and updates that same message when the call ends', async () => {
    harness.bot.sandbox?.faults.add({
      method: 'GET',
      pathPattern: '/subscriptions?',
      delayMs: 800,
      times: 1,
    });

    await harness.post('personal-message', { text: 'show subs' });
    await harness.bot.settle();

    const [working, ...otherSends] = harness.connector.sent();
    const updates = harness.connector.updated();
    expect(getCardText(readCard(working!))).toContain('Working on it…');
    expect(otherSends).toHaveLength(0);
    expect(updates).toHaveLength(1);
    expect(updates[0]?.activityId).toMatch(/^stub-activity-\d+$/);
    expect(updates[0]?.conversationId).toBe('a:PERSONAL_CONVERSATION_ID_PLACEHOLDER');
    expect(getCardText(readCard(updates[0]!))).toContain('Contoso-OT');
  });
});
