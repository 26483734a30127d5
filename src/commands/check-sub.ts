import type { CardColor } from '../cards/format-card-values.js';
import { defineCommand } from './command.js';
import { describeConnector } from './describe-connector.js';
import { ENABLE_DEFENDER_HINT } from './enable-defender-hint.js';
import { resolveSubscription } from './resolve-subscription.js';
import { parseSubscriptionArgument, readSubscriptionData } from './subscription-argument.js';

interface Check {
  mark: string;
  color: CardColor;
  name: string;
  detail: string;
  fix: string;
}

const pass = (name: string, detail: string): Check => ({
  mark: '✓',
  color: 'good',
  name,
  detail,
  fix: '',
});
const fail = (name: string, detail: string, fix: string): Check => ({
  mark: '✗',
  color: 'attention',
  name,
  detail,
  fix,
});

/** `check sub X`: the prerequisites for connecting X, each with ✓/✗ and the fix. */
export const checkSubCommand = defineCommand({
  name: 'check sub',
  aliases: ['check subscription', 'check'],
  usage: 'check sub X',
  example: 'check sub Contoso-OT',
  summary: 'The prerequisites for connecting a subscription, each with ✓ or ✗ and the fix.',
  operatorOnly: false,
  verb: 'checkSub',
  argsFromData: readSubscriptionData,
  parse: parseSubscriptionArgument('check sub X', 'check sub Contoso-OT'),
  async run({ deps }, reference) {
    const asOf = deps.now().toISOString();
    const sub = await resolveSubscription(deps.azure, reference);
    const [hubs, connectors, rule] = await Promise.all([
      deps.azure.listHubs(sub.subscriptionId),
      deps.azure.listIotConnectors(),
      deps.azure.getIncidentRule(),
    ]);
    const defended = hubs.filter((hub) => hub.defenderEnabled);
    const defendedNames = defended.map((hub) => hub.name).join(', ');
    const connector = describeConnector(connectors, sub.subscriptionId);
    const checks: Check[] = [
      defended.length > 0
        ? pass(
            'Defender for IoT on at least one IoT hub',
            `On for ${defended.length} of ${hubs.length}: ${defendedNames}.`,
          )
        : fail(
            'Defender for IoT on at least one IoT hub',
            hubs.length === 0
              ? 'The subscription has no IoT hubs.'
              : `Off for all ${hubs.length}: ${hubs.map((h) => h.name).join(', ')}.`,
            hubs.length === 0
              ? 'Create an IoT hub first, then enable Defender for IoT on it.'
              : ENABLE_DEFENDER_HINT,
          ),
      connector.connected
        ? pass('Sentinel connector', 'Connected: alerts flow into the workspace.')
        : fail(
            'Sentinel connector',
            connector.text + '.',
            `Type \`connect sub ${sub.displayName}\`.`,
          ),
      rule?.enabled
        ? pass('Incident creation', `The rule "${rule.displayName}" is on.`)
        : fail(
            'Incident creation',
            rule ? `The rule "${rule.displayName}" is off.` : 'No incident rule exists yet.',
            'Type `incidents on` to create Sentinel incidents from these alerts.',
          ),
    ];
    const verdict = connector.connected
      ? { text: 'Connected: nothing more is needed to receive alerts.', color: 'good' }
      : defended.length > 0
        ? { text: `Ready to connect: type \`connect sub ${sub.displayName}\`.`, color: 'good' }
        : {
            text: 'Not ready: enable Defender for IoT on at least one hub first.',
            color: 'attention',
          };

    return {
      card: 'check',
      fallbackText: [
        `Prerequisites for ${sub.displayName}`,
        ...checks.map((c) => `${c.mark} ${c.name}: ${c.detail}${c.fix ? ` Fix: ${c.fix}` : ''}`),
        verdict.text,
      ].join('\n'),
      data: {
        title: `Prerequisites for connecting ${sub.displayName}`,
        subtitle: sub.subscriptionId,
        checks,
        verdict: verdict.text,
        verdictColor: verdict.color,
        subscriptionId: sub.subscriptionId,
        // Connect is offered only when every prerequisite for it holds.
        canConnect: !connector.connected && defended.length > 0,
        asOf,
      },
    };
  },
});
