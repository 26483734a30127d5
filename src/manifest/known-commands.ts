/**
 * The command words the bot understands, as a user types them before any argument: `connect sub`
 * in `connect sub Contoso-OT`, `show iot alerts` in `show iot alerts last 24h severity high`.
 * Aliases are listed too, so a menu may show either form.
 *
 * The app manifest's `bots.commandLists` titles are checked against this list, because Teams puts
 * a menu title into the compose box verbatim and the user sends it as typed. The list stays
 * static so the manifest build needs no bot code; test/unit/manifest/known-commands-routing.test.ts
 * checks it against the real route table in both directions.
 */
export const KNOWN_COMMAND_WORDS = [
  'help',
  '?',
  'show subs',
  'list subs',
  'subs',
  'show hubs',
  'check sub',
  'connect sub',
  'disconnect sub',
  'incidents',
  'incidents on',
  'incidents off',
  'enable incidents',
  'disable incidents',
  'show iot alerts',
  'show alert',
  'status',
  'watch alerts',
  'unwatch',
  'show watches',
  'audit',
] as const;

/** One of the command words in {@link KNOWN_COMMAND_WORDS}. */
export type KnownCommandWord = (typeof KNOWN_COMMAND_WORDS)[number];

/** True when `text` is exactly one of the known command words (case and spacing as listed). */
export function isKnownCommandWord(text: string): text is KnownCommandWord {
  return (KNOWN_COMMAND_WORDS as readonly string[]).includes(text);
}
