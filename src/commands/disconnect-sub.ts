import { readCorrelationId, recordChangeAttempt } from '../security/change-attempts.js';
import { defineCommand } from './command.js';
import { describeConnector } from './describe-connector.js';
import { createMessageReply } from './message-reply.js';
import { resolveSubscription } from './resolve-subscription.js';
import { parseSubscriptionArgument, readSubscriptionData } from './subscription-argument.js';

/** `disconnect sub X`: removes X's Defender for IoT connector; a no-op when there is none. */
export const disconnectSubCommand = defineCommand({
  name: 'disconnect sub',
  aliases: ['disconnect subscription', 'disconnect'],
  usage: 'disconnect sub X',
  example: 'disconnect sub Contoso-Plant-Lab',
  summary: 'Remove the Defender for IoT connector of a subscription.',
  operatorOnly: true,
  verb: 'disconnectSub',
  argsFromData: readSubscriptionData,
  parse: parseSubscriptionArgument('disconnect sub X', 'disconnect sub Contoso-Plant-Lab'),
  async run({ deps, caller }, reference) {
    const sub = await resolveSubscription(deps.azure, reference);
    const state = describeConnector(await deps.azure.listIotConnectors(), sub.subscriptionId);
    const audit = (
      result: 'succeeded' | 'unchanged' | 'failed',
      detail: string,
      correlationId?: string,
    ) =>
      recordChangeAttempt(
        { caller, deps },
        { action: 'disconnect', target: sub.subscriptionId, result, correlationId, detail },
      );

    if (state.connectors.length === 0) {
      await audit('unchanged', 'already disconnected');
      return createMessageReply({
        title: `${sub.displayName} is already disconnected`,
        tone: 'default',
        text: 'Nothing was changed: the subscription has no Defender for IoT connector.',
        facts: [{ title: 'Subscription', value: sub.subscriptionId }],
      });
    }

    await deps.azure.disconnect(state.connectors).catch(async (error: unknown) => {
      await audit('failed', 'Azure refused the delete', readCorrelationId(error));
      throw error;
    });
    await audit('succeeded', state.connectors.map((c) => c.id).join(', '));
    return createMessageReply({
      title: `${sub.displayName} is disconnected`,
      tone: 'warning',
      text: 'Its Defender for IoT alerts no longer flow into Sentinel.',
      facts: [
        { title: 'Subscription', value: sub.subscriptionId },
        { title: 'Workspace', value: deps.azure.workspace.workspaceName },
      ],
      hint: `Type \`connect sub ${sub.displayName}\` to connect it again.`,
    });
  },
});
