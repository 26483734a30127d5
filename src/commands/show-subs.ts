import { formatCount } from '../cards/format-card-values.js';
import { defineCommand } from './command.js';
import { describeConnector } from './describe-connector.js';

/** `show subs`: every subscription with its hubs, Defender for IoT coverage and connector. */
export const showSubsCommand = defineCommand({
  name: 'show subs',
  aliases: ['list subs', 'subs', 'show subscriptions', 'list subscriptions'],
  usage: 'show subs',
  example: 'show subs',
  summary:
    'Every subscription: name, id, IoT hubs, hubs with Defender for IoT on, and connector state.',
  operatorOnly: false,
  verb: 'showSubs',
  parse: () => undefined,
  async run({ deps }) {
    const asOf = deps.now().toISOString();
    const [subscriptions, connectors, rule] = await Promise.all([
      deps.azure.listSubscriptions(),
      deps.azure.listIotConnectors(),
      deps.azure.getIncidentRule(),
    ]);
    const rows = await Promise.all(
      subscriptions.map(async (sub) => {
        const hubs = await deps.azure.listHubs(sub.subscriptionId);
        const defended = hubs.filter((hub) => hub.defenderEnabled).length;
        const connector = describeConnector(connectors, sub.subscriptionId);
        return {
          name: sub.displayName,
          id: sub.subscriptionId,
          hubsText: String(hubs.length),
          defenderText: hubs.length === 0 ? '0' : `${defended} of ${hubs.length}`,
          connectorText: connector.text,
          connectorColor: connector.color,
          // The row's button: Connect only when it can work, Disconnect when there is a connector.
          action: connector.connected
            ? 'disconnect'
            : defended > 0
              ? 'connect'
              : connector.connectors.length > 0
                ? 'disconnect'
                : 'none',
        };
      }),
    );
    const { workspace } = deps.azure;
    const fallback = rows.map(
      (row) =>
        `${row.name} (${row.id}): ${formatCount(Number(row.hubsText), 'IoT hub')}, ` +
        `Defender for IoT on ${row.defenderText}, connector ${row.connectorText}`,
    );

    return {
      card: 'subscriptions',
      trim: { key: 'subscriptions', noun: 'subscriptions' },
      fallbackText: [
        'Subscriptions',
        ...fallback,
        `Create incidents: ${rule?.enabled ? 'on' : 'off'}`,
      ].join('\n'),
      data: {
        title: `Subscriptions (${rows.length})`,
        subtitle: `Sentinel workspace ${workspace.workspaceName} in ${workspace.resourceGroup}`,
        subscriptions: rows,
        emptyText: rows.length === 0 ? "The bot's Azure identity cannot see any subscription." : '',
        moreCount: 0,
        asOf,
        incidentsText: rule?.enabled ? 'on' : 'off',
        incidentsColor: rule?.enabled ? 'good' : 'default',
        incidentsNext: rule?.enabled ? 'off' : 'on',
        incidentsButton: rule?.enabled ? 'Turn off' : 'Turn on',
      },
    };
  },
});
