import { defineCommand } from './command.js';

/** `help`: the commands the caller may run, each with one example. */
export const helpCommand = defineCommand({
  name: 'help',
  aliases: ['?', 'commands'],
  usage: 'help',
  example: 'help',
  summary: 'This list.',
  operatorOnly: false,
  verb: 'help',
  parse: () => undefined,
  async run({ commands, canOperate }) {
    // People see only what they may run; `incidents` is listed because anyone may view the state.
    const visible = commands.filter((command) => canOperate || command.operatorOnly !== true);
    const rows = visible.map((command) => ({
      usage: command.usage,
      summary: command.summary,
      example: command.example,
    }));

    return {
      card: 'help',
      fallbackText: [
        'Commands:',
        ...rows.map((row) => `${row.usage}: ${row.summary} Example: ${row.example}`),
      ].join('\n'),
      data: {
        title: 'What I can do',
        intro:
          'Type a command (in channels, mention me first). X is a subscription name or id; a ' +
          'unique beginning of the name is enough. Commands are not case-sensitive.',
        commands: rows,
      },
    };
  },
});
