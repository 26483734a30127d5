import { MemoryStorage } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { KNOWN_COMMAND_WORDS } from '../../../src/manifest/known-commands.js';
import { createNoticeStore } from '../../../src/notices/notice-store.js';
import { createAuditTrail } from '../../../src/security/create-audit-trail.js';
import { createBotCommandTable } from '../../../src/start-bot.js';

/** Commands only card buttons send; the menus need not offer them. */
const BUTTON_ONLY = new Set(['watch only hub']);

const storage = new MemoryStorage();
const table = createBotCommandTable({
  watches: createNoticeStore(storage),
  audit: createAuditTrail(storage),
});

describe('the manifest menu words and the route table', () => {
  it.each(KNOWN_COMMAND_WORDS.map((word) => [word]))(
    'routes the menu word %j to a command as typed',
    (word) => {
      const resolution = table.resolve({ kind: 'text', text: word });
      if (resolution.kind !== 'command') throw new Error(`"${word}" is not routed`);
      const { command, args } = resolution;
      const phrases = [
        command.name,
        ...command.aliases.map((a) => (typeof a === 'string' ? a : a.phrase)),
      ];

      // The word is one of the command's phrases, or a phrase plus arguments the command takes.
      expect(phrases.some((phrase) => word === phrase || word.startsWith(`${phrase} `))).toBe(true);
      if (args !== '') expect(() => command.parse(args)).not.toThrow();
    },
  );

  it('offers every typed command in the menu words, under its own name', () => {
    const missing = table.commands
      .map((command) => command.name)
      .filter((name) => !BUTTON_ONLY.has(name))
      .filter((name) => !(KNOWN_COMMAND_WORDS as readonly string[]).includes(name));

    expect(missing).toEqual([]);
  });

  it('routes audit to the operator-only command that reads the trail', () => {
    const resolution = table.resolve({ kind: 'text', text: 'audit last 5' });

    expect(resolution).toMatchObject({ kind: 'command', args: 'last 5' });
    if (resolution.kind !== 'command') return;
    expect([resolution.command.name, resolution.command.operatorOnly]).toEqual(['audit', true]);
    expect(resolution.command.parse(resolution.args)).toBe(5);
  });
});
