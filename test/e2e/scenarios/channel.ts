import { expectButton, expectText } from '../support/expect-text.js';
import { step, type Scenario } from '../support/scenario-runner.js';
import { SANDBOX } from './sandbox-facts.js';

/** The same workflow in a team channel, where every command is a new post mentioning the bot. */
export const channel: Scenario = {
  name: 'channel',
  title: 'the connector workflow in a channel, with @mentions',
  steps: [
    step('@bot help lists the commands', async ({ chat }) => {
      await chat.openChannel('General');
      await chat.sendMessage('help', { mentionBot: true });

      const reply = await chat.waitForReply(/show subs/i);
      expectText(reply.text, 'connect sub', 'show iot alerts');
    }),
    step('@bot show subs lists every subscription of the sandbox', async ({ chat }) => {
      await chat.sendMessage('show subs', { mentionBot: true });

      const reply = await chat.waitForReply(SANDBOX.connected);
      expectText(reply.text, ...SANDBOX.subscriptions);
    }),
    step(`@bot connect sub ${SANDBOX.connected} says it is already connected`, async ({ chat }) => {
      await chat.sendMessage(`connect sub ${SANDBOX.connected}`, { mentionBot: true });

      const reply = await chat.waitForReply(/already connected/i);
      expectText(reply.text, SANDBOX.connected);
    }),
    step(
      '@bot show iot alerts lists recent alerts by severity',
      async ({ chat }) => {
        await chat.sendMessage('show iot alerts', { mentionBot: true });

        const reply = await chat.waitForReply(SANDBOX.alertsTitle);
        expectText(reply.text, SANDBOX.severity, SANDBOX.hubName, /device/i);
      },
      { keepAs: 'alerts-card-in-channel' },
    ),
    step('the Details button shows one alert in full', async ({ chat }) => {
      expectButton((await chat.readLastBotMessage())?.buttons ?? [], 'Details');
      await chat.clickCardButton('Details');

      const reply = await chat.waitForReply(SANDBOX.hubName);
      expectText(reply.text, SANDBOX.severity, /device/i);
    }),
  ],
};
