import { defineCommand, type Command } from './command.js';

/**
 * `help`: the commands the caller may run, each with one example. Operator-only commands are
 * left out for everyone else, with one line saying that they exist and how to get the role.
 */
export const helpCommand = defineCommand({
  name: 'help',
  aliases: ['?', 'commands'],
  usage: 'help',
  example: 'help',
  summary: 'This list.',
  operatorOnly: false,
  verb: 'help',
  parse: () => undefined,
  async run({ commands, canOperate, caller }) {
    // `incidents` stays listed for everyone: anyone may view the state, only operators switch it.
    const visible = commands.filter((command) => canOperate || command.operatorOnly !== true);
    const hidden = commands.filter((command) => !visible.includes(command));
    const rows = visible.map((command) => ({
      usage: command.usage,
      summary: command.summary,
      example: command.example,
    }));
    const operatorNote = describeHiddenCommands(hidden, caller.aadObjectId);

    return {
      card: 'help',
      fallbackText: [
        'Commands:',
        ...rows.map((row) => `${row.usage}: ${row.summary} Example: ${row.example}`),
        operatorNote,
      ]
        .filter((line) => line !== '')
        .join('\n'),
      data: {
        title: 'What I can do',
        intro:
          'Type a command (in channels, mention me first). X is a subscription name or id; a ' +
          'unique beginning of the name is enough. Commands are not case-sensitive.',
        commands: rows,
        operatorNote,
      },
    };
  },
});

function describeHiddenCommands(hidden: readonly Command[], aadObjectId: string | undefined) {
  if (hidden.length === 0) return '';
  const names = hidden.map((command) => command.name).join(', ');
  // The object id is what an administrator needs to grant the role, so the line gives it.
  const you = aadObjectId ? ` (yours is ${aadObjectId})` : '';

  return (
    `More commands (${names}) are for bot operators: they change Azure, notices or show the ` +
    `audit trail. To become one, ask an administrator to add your Azure AD object id${you} to ` +
    'BOT_OPERATORS.'
  );
}
