import { describe, expect, it } from 'vitest';
import { createCommandTable, getEditDistance } from '../../../src/bot/command-table.js';
import { BUILT_IN_COMMANDS } from '../../../src/commands/built-in-commands.js';
import { defineCommand } from '../../../src/commands/command.js';

const table = createCommandTable(BUILT_IN_COMMANDS);
const text = (value: string) => table.resolve({ kind: 'text', text: value });

describe('the command table', () => {
  it.each([
    ['help', 'help', ''],
    ['?', 'help', ''],
    ['SHOW SUBS', 'show subs', ''],
    ['list subs', 'show subs', ''],
    ['subs', 'show subs', ''],
    ['show hubs sub Contoso-OT', 'show hubs', 'sub Contoso-OT'],
    ['connect sub Contoso-OT', 'connect sub', 'Contoso-OT'],
    ['Disconnect Sub Contoso-Plant-Lab', 'disconnect sub', 'Contoso-Plant-Lab'],
    ['enable incidents', 'incidents', 'on'],
    ['disable incidents', 'incidents', 'off'],
    ['incidents on', 'incidents', 'on'],
    ['show iot alerts last 24h severity high', 'show iot alerts', 'last 24h severity high'],
    ['show alert abc-1', 'show alert', 'abc-1'],
    ['status', 'status', ''],
  ])('matches %j to %s with arguments %j', (input, name, args) => {
    expect(text(input)).toMatchObject({ kind: 'command', command: { name }, args });
  });

  it.each([
    ['shwo subs', 'show subs'],
    ['conect sub x', 'connect sub'],
    ['staus', 'status'],
    ['hlep', 'help'],
    ['show iot alrets', 'show iot alerts'],
  ])('suggests the closest command for %j', (input, name) => {
    expect(text(input)).toMatchObject({ kind: 'unknown', suggestion: { name } });
  });

  it('suggests nothing for unrelated text', () => {
    expect(text('what is the weather like')).toEqual({
      kind: 'unknown',
      input: 'what is the weather like',
      suggestion: undefined,
    });
  });

  it('routes a card verb through the same command with argument text from its data', () => {
    const resolution = table.resolve({
      kind: 'action',
      verb: 'connectSub',
      data: { verb: 'connectSub', subscriptionId: '11111111-2222-3333-4444-555555555555' },
    });

    expect(resolution).toMatchObject({
      kind: 'command',
      command: { name: 'connect sub' },
      args: '11111111-2222-3333-4444-555555555555',
    });
  });

  it('reports an unknown verb', () => {
    expect(table.resolve({ kind: 'action', verb: 'doesNotExist', data: {} })).toEqual({
      kind: 'unknown-verb',
      verb: 'doesNotExist',
    });
  });

  it('lets other features register commands, and refuses a duplicate name', () => {
    const own = createCommandTable(BUILT_IN_COMMANDS);
    const watch = defineCommand({
      name: 'watch alerts',
      aliases: [],
      usage: 'watch alerts',
      example: 'watch alerts',
      summary: 'Post new alerts here.',
      operatorOnly: true,
      verb: 'watchAlerts',
      parse: () => undefined,
      run: async () => ({ card: 'message', data: {}, fallbackText: '' }),
    });

    own.register(watch);

    expect(own.resolve({ kind: 'text', text: 'Watch Alerts' })).toMatchObject({
      command: { name: 'watch alerts' },
    });
    expect(() => own.register(watch)).toThrow(/registered twice/);
  });

  it('computes edit distances', () => {
    expect(getEditDistance('kitten', 'sitting')).toBe(3);
    expect(getEditDistance('', 'abc')).toBe(3);
    expect(getEditDistance('same', 'same')).toBe(0);
  });
});
