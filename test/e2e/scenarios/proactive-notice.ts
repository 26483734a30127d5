import { expectButton, expectText } from '../support/expect-text.js';
import { step, type Scenario } from '../support/scenario-runner.js';
import { SANDBOX, WAITING_FOR } from './waiting-for.js';

/**
 * After `watch alerts`, a new alert from the sandbox's generator reaches the chat unasked. The run
 * starts the bot with a 5 s poll and a new sandbox alert every 5 s; the sandbox then delays each
 * alert's ingestion like Log Analytics does (mostly 20-120 s), so the first notice takes about a
 * minute (56 s seen here) and the wait is kept generous.
 */
export const proactiveNotice: Scenario = {
  name: 'proactive-notice',
  title: 'watch alerts, then a notice arrives by itself',
  pending: WAITING_FOR.notices,
  steps: [
    step('watch alerts confirms the watch', async ({ chat }) => {
      await chat.openPersonalChat();
      await chat.sendMessage('watch alerts');

      await chat.waitForReply(/watch/i);
    }),
    step(
      'a notice of a new alert appears by itself',
      async ({ chat }) => {
        await chat.markAllSeen();

        const notice = await chat.waitForReply(SANDBOX.hubName, { timeoutMs: 150_000 });
        expectText(notice.text, SANDBOX.severity);
        expectButton(notice.buttons, 'Details');
      },
      { timeoutMs: 180_000, keepAs: 'alert-notice' },
    ),
  ],
};
