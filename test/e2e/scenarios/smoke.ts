import { expectText } from '../support/expect-text.js';
import { step, type Scenario } from '../support/scenario-runner.js';

/**
 * The bot is reachable from a Teams-like client at all: it answers `help` in the personal chat
 * and an @mention in a channel (the Playground adds `<at>Test Bot</at>` and the mention entity
 * itself when the bot is picked from the composer's @ menu).
 */
export const smoke: Scenario = {
  name: 'smoke',
  title: 'the bot answers in the personal chat and in a channel',
  steps: [
    step('help in the personal chat gets an answer', async ({ chat }) => {
      await chat.openPersonalChat();
      await chat.sendMessage('help');

      const reply = await chat.waitForReply(/help/i);
      expectText(reply.text, /\S{3,}/);
    }),
    step('help with an @mention in the General channel gets an answer', async ({ chat }) => {
      await chat.openChannel('General');
      await chat.sendMessage('help', { mentionBot: true });

      await chat.waitForReply(/help/i);
    }),
  ],
};
