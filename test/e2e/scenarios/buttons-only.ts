import { expectButton, expectText } from '../support/expect-text.js';
import { step, type Scenario } from '../support/scenario-runner.js';
import { SANDBOX } from './sandbox-facts.js';

/**
 * The connector workflow with card buttons only: after one typed `show subs` (and one
 * `show iot alerts`), every change is two clicks (the button, then the confirmation) and the
 * card updates in place. Runs last: it disconnects and reconnects the connected subscription.
 */
export const buttonsOnly: Scenario = {
  name: 'buttons-only',
  title: 'connect, switch incidents and page through alerts with card buttons only',
  steps: [
    step('show subs has a button per subscription and the incident toggle', async ({ chat }) => {
      await chat.openPersonalChat();
      await chat.sendMessage('show subs');

      const reply = await chat.waitForReply(SANDBOX.connected);
      expectText(reply.text, /Create incidents: (on|off)/);
      expectButton(reply.buttons, 'Disconnect');
      expectButton(reply.buttons, 'Check');
    }),
    step(
      `Disconnect asks first, then disconnects ${SANDBOX.connected} on the second click`,
      async ({ chat }) => {
        await chat.clickCardButton('Disconnect');
        const confirm = await chat.waitForReply(`Disconnect ${SANDBOX.connected}?`);
        expectButton(confirm.buttons, 'Cancel');

        await chat.clickCardButton('Disconnect');
        const reply = await chat.waitForReply(/is disconnected: disconnected by/);
        expectText(reply.text, SANDBOX.connected);
      },
    ),
    step(
      `Connect asks first, then connects ${SANDBOX.connected} and says who did it`,
      async ({ chat }) => {
        await chat.clickCardButton('Connect');
        await chat.waitForReply(`Connect ${SANDBOX.connected}?`);

        await chat.clickCardButton('Connect');
        const reply = await chat.waitForReply(/is connected: connected by .* UTC/);
        expectText(reply.text, SANDBOX.connected);
      },
      { keepAs: 'connect-with-buttons' },
    ),
    step('the incident toggle switches incident creation after confirmation', async ({ chat }) => {
      const card = await chat.readLastBotMessage();
      const turnOn = (card?.buttons ?? []).includes('Turn on');
      const title = turnOn ? 'Turn on' : 'Turn off';

      await chat.clickCardButton(title);
      await chat.waitForReply(`Turn incident creation ${turnOn ? 'on' : 'off'}?`);
      await chat.clickCardButton(title);

      const reply = await chat.waitForReply(`Create incidents: ${turnOn ? 'on' : 'off'}`);
      expectText(reply.text, /switched (on|off) by/);
    }),
    step(
      'Next and Previous page through the alerts',
      async ({ chat }) => {
        await chat.sendMessage('show iot alerts last 7d top 3');
        const first = await chat.waitForReply(/showing 1–3/);
        expectButton(first.buttons, 'Next');

        await chat.clickCardButton('Next');
        const second = await chat.waitForReply(/showing 4–6/);
        expectButton(second.buttons, 'Previous');

        await chat.clickCardButton('Previous');
        await chat.waitForReply(/showing 1–3/);
      },
      { keepAs: 'alerts-paging' },
    ),
  ],
};
