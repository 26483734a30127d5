import { recordChangeAttempt } from '../security/change-attempts.js';
import { UsageError } from '../errors.js';
import { defineCommand } from './command.js';
import { createMessageReply } from './message-reply.js';

type Switch = 'show' | 'on' | 'off';

/**
 * `incidents [on|off]`: shows or switches the one rule that creates Sentinel incidents from
 * Defender for IoT alerts. Switching to the state it already has writes nothing.
 */
export const incidentsCommand = defineCommand<Switch>({
  name: 'incidents',
  aliases: [
    { phrase: 'enable incidents', args: 'on' },
    { phrase: 'disable incidents', args: 'off' },
  ],
  usage: 'incidents [on|off]',
  example: 'incidents on',
  summary: 'Show, or switch on or off, the rule that creates Sentinel incidents from the alerts.',
  operatorOnly: (change) => change !== 'show',
  verb: 'incidents',
  argsFromData: (data) => (typeof data.state === 'string' ? data.state : ''),
  parse(args: string): Switch {
    const value = args.trim().toLowerCase();
    if (value === '' || value === 'show' || value === 'status') return 'show';
    if (value === 'on' || value === 'enable') return 'on';
    if (value === 'off' || value === 'disable') return 'off';
    throw new UsageError('Type `incidents` to see the state, or `incidents on` / `incidents off`.');
  },
  async run({ deps, caller }, change) {
    const current = await deps.azure.getIncidentRule();
    const wanted = change === 'on';
    if (change === 'show' || (current?.enabled ?? false) === wanted) {
      if (change !== 'show') {
        // The workspace is the target in every row, typed or clicked; the rule is the detail.
        await recordChangeAttempt(
          { caller, deps },
          {
            action: `incidents ${change}`,
            target: deps.azure.workspace.workspaceName,
            result: 'unchanged',
            detail: current?.id ?? 'no rule',
          },
        );
      }
      return describeRule(current, change === 'show' ? undefined : 'Nothing was changed: ');
    }

    const rule = await deps.azure.setIncidentRule(wanted);
    await recordChangeAttempt(
      { caller, deps },
      {
        action: `incidents ${change}`,
        target: deps.azure.workspace.workspaceName,
        result: 'succeeded',
        detail: rule.id,
      },
    );
    return describeRule(rule, 'Switched: ');
  },
});

function describeRule(
  rule: { id: string; displayName: string; enabled: boolean } | undefined,
  prefix = '',
) {
  const on = rule?.enabled ?? false;

  return createMessageReply({
    title: `Incident creation is ${on ? 'on' : 'off'}`,
    tone: on ? 'good' : 'default',
    text:
      prefix +
      (on
        ? 'Sentinel creates an incident for every Defender for IoT alert.'
        : 'Defender for IoT alerts reach Sentinel, but no incidents are created from them.'),
    facts: rule
      ? [
          { title: 'Rule', value: rule.displayName },
          { title: 'Rule id', value: rule.id },
        ]
      : [{ title: 'Rule', value: 'none yet (created by `incidents on`)' }],
    hint: on ? 'Type `incidents off` to stop.' : 'Type `incidents on` to start.',
  });
}
