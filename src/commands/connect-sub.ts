import { readCorrelationId, recordChangeAttempt } from '../security/change-attempts.js';
import { defineCommand } from './command.js';
import { describeConnector } from './describe-connector.js';
import { ENABLE_DEFENDER_HINT } from './enable-defender-hint.js';
import { createMessageReply } from './message-reply.js';
import { resolveSubscription } from './resolve-subscription.js';
import { parseSubscriptionArgument, readSubscriptionData } from './subscription-argument.js';

/**
 * `connect sub X`: connects the Defender for IoT connector (kind `IOT`) for X. It checks first
 * and writes nothing when no hub of X has Defender for IoT on; connecting a connected
 * subscription changes nothing.
 */
export const connectSubCommand = defineCommand({
  name: 'connect sub',
  aliases: ['connect subscription', 'connect'],
  usage: 'connect sub X',
  example: 'connect sub Contoso-OT',
  summary: 'Connect the Defender for IoT connector for a subscription (checks Defender first).',
  operatorOnly: true,
  verb: 'connectSub',
  argsFromData: readSubscriptionData,
  parse: parseSubscriptionArgument('connect sub X', 'connect sub Contoso-OT'),
  async run({ deps, caller, conversationId, logger }, reference) {
    const sub = await resolveSubscription(deps.azure, reference);
    const [hubs, connectors] = await Promise.all([
      deps.azure.listHubs(sub.subscriptionId),
      deps.azure.listIotConnectors(),
    ]);
    const audit = (
      result: 'succeeded' | 'unchanged' | 'failed',
      detail: string,
      correlationId?: string,
    ) =>
      recordChangeAttempt(
        { caller, deps },
        { action: 'connect', target: sub.subscriptionId, result, correlationId, detail },
      );

    if (describeConnector(connectors, sub.subscriptionId).connected) {
      await audit('unchanged', 'already connected');
      return createMessageReply({
        title: `${sub.displayName} is already connected`,
        tone: 'good',
        text: 'Nothing was changed: its Defender for IoT alerts already flow into Sentinel.',
        facts: [{ title: 'Subscription', value: sub.subscriptionId }],
      });
    }
    if (!hubs.some((hub) => hub.defenderEnabled)) {
      await audit('unchanged', 'no hub with Defender for IoT');
      return createMessageReply({
        title: `${sub.displayName} was not connected`,
        tone: 'warning',
        text:
          hubs.length === 0
            ? 'Nothing was changed: the subscription has no IoT hubs, ' +
              'so there is nothing to connect.'
            : 'Nothing was changed: Defender for IoT is off on every IoT hub of this subscription.',
        items: hubs.map((hub) => `${hub.name} (${hub.location}): Defender for IoT off`),
        hint: hubs.length === 0 ? undefined : ENABLE_DEFENDER_HINT,
      });
    }

    const connector = await deps.azure.connect(sub.subscriptionId).catch(async (error: unknown) => {
      await audit('failed', 'Azure refused the write', readCorrelationId(error));
      throw error;
    });
    await audit('succeeded', `connector ${connector.id}`);
    await deps.notices
      ?.trackConnection(conversationId, {
        subscriptionId: sub.subscriptionId,
        subscriptionName: sub.displayName,
      })
      .catch((error: unknown) =>
        logger.warn({ err: error }, 'first-alert follow-up not recorded; the connect succeeded'),
      );
    return createMessageReply({
      title: `${sub.displayName} is connected`,
      tone: 'good',
      text:
        'The Defender for IoT connector now sends this subscription’s alerts to Sentinel. ' +
        'Alerts reach Sentinel about 15 minutes after connecting.' +
        (deps.notices ? ' I will say here when the first one has arrived.' : ''),
      facts: [
        { title: 'Subscription', value: sub.subscriptionId },
        { title: 'Workspace', value: deps.azure.workspace.workspaceName },
        { title: 'Connector', value: connector.id },
      ],
      hint: 'Type `incidents on` to also create Sentinel incidents from these alerts.',
    });
  },
});
