import { expectButton, expectText } from '../support/expect-text.js';
import { step, type Scenario } from '../support/scenario-runner.js';

/** Contoso-OT: connected at start, so its alerts reach the workspace. */
const CONNECTED_SUBSCRIPTION_ID = '3f2a9c71-5d84-4e0b-a6c3-1b7e2d90f5a4';

/** One new High alert raised through the sandbox's admin route, ingested at once. */
async function raiseAlert(sandboxUrl: string): Promise<{ alertName: string; hubName: string }> {
  const response = await fetch(`${sandboxUrl}/_sandbox/alerts`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      count: 1,
      subscriptionId: CONNECTED_SUBSCRIPTION_ID,
      severity: 'High',
      ingestionDelaySeconds: 0,
    }),
  });
  if (response.status !== 201) throw new Error(`the sandbox answered ${response.status}`);
  const { alerts } = (await response.json()) as {
    alerts: Array<{ alertName: string; hubName: string }>;
  };
  const [alert] = alerts;
  if (!alert) throw new Error('the sandbox raised no alert');

  return alert;
}

/**
 * After `watch alerts`, a new alert reaches the chat unasked within a minute. The bot polls every
 * 5 s here; the alert is raised through the sandbox's admin route with no ingestion delay, so the
 * minute measures the bot (poll, match, pace, send), not Log Analytics' own latency.
 */
export const proactiveNotice: Scenario = {
  name: 'proactive-notice',
  title: 'watch alerts, then a notice arrives by itself',
  steps: [
    step('watch alerts confirms the watch', async ({ chat }) => {
      await chat.openPersonalChat();
      await chat.sendMessage('watch alerts severity high and above');

      await chat.waitForReply(/watch/i);
    }),
    step(
      'a notice of a new High alert appears by itself within a minute',
      async ({ chat, sandboxUrl }) => {
        await chat.markAllSeen();
        const alert = await raiseAlert(sandboxUrl);

        const notice = await chat.waitForReply(alert.alertName, { timeoutMs: 60_000 });
        expectText(notice.text, alert.hubName);
        expectText(notice.text, /High/);
        expectButton(notice.buttons, 'Details');
      },
      { timeoutMs: 90_000, keepAs: 'alert-notice' },
    ),
  ],
};
