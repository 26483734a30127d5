import { UsageError } from '../errors.js';
import { defineCommand } from './command.js';
import { resolveSubscription } from './resolve-subscription.js';
import { readSubscriptionData } from './subscription-argument.js';

/** `show hubs [sub X]`: IoT hubs with location and Defender for IoT on/off. */
export const showHubsCommand = defineCommand({
  name: 'show hubs',
  aliases: ['list hubs', 'hubs'],
  usage: 'show hubs [sub X]',
  example: 'show hubs sub Contoso-OT',
  summary: 'IoT hubs with location and Defender for IoT on or off, for one or all subscriptions.',
  operatorOnly: false,
  verb: 'showHubs',
  argsFromData: (data) => {
    const sub = readSubscriptionData(data);
    return sub ? `sub ${sub}` : '';
  },
  parse(args: string) {
    const trimmed = args.trim();
    if (trimmed === '') return { subscription: undefined };
    const match = /^sub(?:scription)?\s+(.+)$/i.exec(trimmed);
    if (!match?.[1]) {
      throw new UsageError(
        'Type `show hubs` for all hubs or `show hubs sub X` for one subscription.',
      );
    }
    return { subscription: match[1] };
  },
  async run({ deps }, args) {
    const subscriptions = args.subscription
      ? [await resolveSubscription(deps.azure, args.subscription)]
      : await deps.azure.listSubscriptions();
    const perSub = await Promise.all(
      subscriptions.map(async (sub) =>
        (await deps.azure.listHubs(sub.subscriptionId)).map((hub) => ({
          name: hub.name,
          subscriptionName: sub.displayName,
          location: hub.location,
          defenderText: hub.defenderEnabled ? 'On' : 'Off',
          defenderColor: hub.defenderEnabled ? 'good' : 'attention',
        })),
      ),
    );
    const hubs = perSub.flat();
    const scope = args.subscription ? subscriptions[0]?.displayName : 'all subscriptions';
    const on = hubs.filter((hub) => hub.defenderText === 'On').length;

    return {
      card: 'hubs',
      trim: { key: 'hubs', noun: 'hubs' },
      fallbackText: [
        `IoT hubs in ${scope}`,
        ...hubs.map(
          (h) => `${h.name} (${h.subscriptionName}, ${h.location}): Defender ${h.defenderText}`,
        ),
      ].join('\n'),
      data: {
        title: `IoT hubs in ${scope} (${hubs.length})`,
        subtitle: `Defender for IoT is on for ${on} of ${hubs.length}.`,
        hubs,
        emptyText: hubs.length === 0 ? `There are no IoT hubs in ${scope}.` : '',
        moreCount: 0,
      },
    };
  },
});
