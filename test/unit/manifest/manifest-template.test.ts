import { readFile } from 'node:fs/promises';
import path from 'node:path';

import { beforeAll, describe, expect, it } from 'vitest';

import {
  DEFAULT_MANIFEST_DIR,
  type TeamsManifest,
} from '../../../src/manifest/build-app-package.js';
import { KNOWN_COMMAND_WORDS, isKnownCommandWord } from '../../../src/manifest/known-commands.js';
import { ICON_BACKGROUND } from '../../../src/manifest/render-icons.js';
import {
  createManifestValidator,
  type ManifestValidator,
} from '../../../src/manifest/validate-manifest.js';

interface CommandList {
  scopes: string[];
  commands: Array<{ title: string; description: string }>;
}

let validate: ManifestValidator;
let template: TeamsManifest;
let commandLists: CommandList[];

beforeAll(async () => {
  validate = await createManifestValidator();
  const text = await readFile(path.join(DEFAULT_MANIFEST_DIR, 'manifest.json'), 'utf8');
  template = JSON.parse(text) as TeamsManifest;
  commandLists = template.bots?.[0]?.commandLists as CommandList[];
});

describe('manifest/manifest.json', () => {
  it('validates against the Teams manifest schema 1.25 as committed', () => {
    expect(validate(template)).toEqual([]);
    expect(template.manifestVersion).toBe('1.25');
    expect(template.$schema).toBe(
      'https://developer.microsoft.com/json-schemas/teams/v1.25/MicrosoftTeams.schema.json',
    );
  });

  it('declares one conversational bot for personal, team and group chats', () => {
    expect(template.bots).toHaveLength(1);
    expect(template.bots?.[0]).toMatchObject({
      scopes: ['personal', 'team', 'groupChat'],
      isNotificationOnly: false,
    });
  });

  it('asks each chat and team for the read-back permissions of interrupted notices', () => {
    expect(template.webApplicationInfo).toMatchObject({ id: template.id });
    expect(template.authorization).toEqual({
      permissions: {
        resourceSpecific: [
          { name: 'ChatMessage.Read.Chat', type: 'Application' },
          { name: 'ChannelMessage.Read.Group', type: 'Application' },
        ],
      },
    });
  });

  it('has one command list per scope, each within 12 commands and starting with help', () => {
    expect(commandLists.map((list) => list.scopes)).toEqual([
      ['personal'],
      ['team'],
      ['groupChat'],
    ]);
    for (const list of commandLists) {
      expect(list.commands.length).toBeGreaterThan(0);
      expect(list.commands.length).toBeLessThanOrEqual(12);
      expect(list.commands[0]?.title).toBe('help');
    }
  });

  it('titles every menu entry with a command word the bot understands', () => {
    const titles = commandLists.flatMap((list) => list.commands.map((command) => command.title));
    const unknown = titles.filter((title) => !isKnownCommandWord(title));

    expect(unknown).toEqual([]);
    expect(new Set(titles)).toEqual(
      new Set([
        'help',
        'show subs',
        'show hubs',
        'check sub',
        'connect sub',
        'disconnect sub',
        'incidents',
        'show iot alerts',
        'show alert',
        'watch alerts',
        'show watches',
        'unwatch',
        'audit',
        'status',
      ]),
    );
  });

  it('repeats no title within a list', () => {
    for (const list of commandLists) {
      const titles = list.commands.map((command) => command.title);
      expect(new Set(titles).size).toBe(titles.length);
    }
  });

  // Older Teams clients cut titles at 32 and descriptions at 128 characters (PLATFORM.md).
  it('keeps titles within 32 and descriptions within 128 characters for older clients', () => {
    for (const command of commandLists.flatMap((list) => list.commands)) {
      expect(command.title.length, command.title).toBeLessThanOrEqual(32);
      expect(command.description.length, command.title).toBeLessThanOrEqual(128);
      expect(command.description.trim().length, command.title).toBeGreaterThan(10);
    }
  });

  it('describes the data the bot reads, what it changes and what it posts', () => {
    const full = (template.description as { full: string }).full;

    for (const phrase of [
      'Azure subscriptions',
      'IoT hubs',
      'Defender for IoT status',
      'Sentinel data connectors and analytics rules',
      'SecurityAlert rows',
      'Log Analytics',
      'creates or removes the Defender for IoT data connector',
      'incident-creation rule',
      'notices of new Defender for IoT alerts',
    ]) {
      expect(full).toContain(phrase);
    }
  });

  it('uses the icon background as the accent colour and names both icons', () => {
    expect(template.accentColor).toBe(ICON_BACKGROUND);
    expect(template.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
  });
});

describe('KNOWN_COMMAND_WORDS', () => {
  it('holds lower-case words without surrounding spaces and no duplicates', () => {
    for (const word of KNOWN_COMMAND_WORDS) {
      expect(word).toBe(word.trim().toLowerCase());
    }
    expect(new Set(KNOWN_COMMAND_WORDS).size).toBe(KNOWN_COMMAND_WORDS.length);
  });

  it('does not accept a command with its arguments or a misspelt word', () => {
    expect(isKnownCommandWord('show iot alerts')).toBe(true);
    expect(isKnownCommandWord('connect sub Contoso-OT')).toBe(false);
    expect(isKnownCommandWord('show iot alert')).toBe(false);
  });
});

describe('createManifestValidator', () => {
  it('reports a 13th command and an over-long title with their paths', () => {
    const broken = structuredClone(template);
    const lists = broken.bots?.[0]?.commandLists as CommandList[];
    lists[0]!.commands.push({ title: 'x'.repeat(129), description: 'too many' });

    expect(validate(broken)).toEqual([
      '/bots/0/commandLists/0/commands must NOT have more than 12 items',
      '/bots/0/commandLists/0/commands/12/title must NOT have more than 128 characters',
    ]);
  });

  it('reports a developer URL that is not web and a $schema that is not a URI', () => {
    const broken = structuredClone(template);
    (broken.developer as { websiteUrl: string }).websiteUrl = 'ftp://sentinel-iot-bot.example.com';
    broken.$schema = 'teams manifest 1.25';

    expect(validate(broken)).toEqual([
      '/$schema must match format "uri"',
      '/developer/websiteUrl must match pattern "^[Hh][Tt][Tt][Pp][Ss]?://"',
    ]);
  });
});
