import { expectButton, expectText } from '../support/expect-text.js';
import { step, type Scenario } from '../support/scenario-runner.js';
import { SANDBOX } from './sandbox-facts.js';

/** The connector workflow in the one-to-one chat, as a security engineer would type it. */
export const personalChat: Scenario = {
  name: 'personal-chat',
  title: 'the connector workflow in the personal chat',
  steps: [
    step(
      'help lists the commands',
      async ({ chat }) => {
        await chat.openPersonalChat();
        await chat.sendMessage('help');

        const reply = await chat.waitForReply(/show subs/i);
        expectText(reply.text, 'connect sub', 'show iot alerts');
      },
      { keepAs: 'help-card' },
    ),
    step(
      'show subs lists every subscription of the sandbox',
      async ({ chat }) => {
        await chat.sendMessage('show subs');

        const reply = await chat.waitForReply(SANDBOX.connected);
        expectText(reply.text, ...SANDBOX.subscriptions);
      },
      { keepAs: 'show-subs-card' },
    ),
    step(
      `connect sub ${SANDBOX.connectable} connects its Defender for IoT connector`,
      async ({ chat }) => {
        await chat.sendMessage(`connect sub ${SANDBOX.connectable}`);

        const reply = await chat.waitForReply(/\bis connected\b/i);
        expectText(reply.text, SANDBOX.connectable, /15 minutes/i);
      },
      { keepAs: 'connect-card' },
    ),
    step('show iot alerts lists recent alerts by severity', async ({ chat }) => {
      await chat.sendMessage('show iot alerts');

      const reply = await chat.waitForReply(SANDBOX.alertsTitle);
      expectText(reply.text, SANDBOX.severity, SANDBOX.hubName, /device/i);
    }),
    step('the Details button shows one alert in full', async ({ chat }) => {
      expectButton((await chat.readLastBotMessage())?.buttons ?? [], 'Details');
      await chat.clickCardButton('Details');

      const reply = await chat.waitForReply(SANDBOX.hubName);
      expectText(reply.text, SANDBOX.severity, /device/i);
    }),
  ],
};
