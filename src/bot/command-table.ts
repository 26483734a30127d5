import { BotError, ErrorCodes } from '../errors.js';
import type { Command } from '../commands/command.js';
import type { CommandInput } from './read-command-input.js';

/** How an input matched the table. */
export type Resolution =
  | { kind: 'command'; command: Command; args: string }
  | { kind: 'unknown'; input: string; suggestion?: Command }
  | { kind: 'unknown-verb'; verb: string }
  | { kind: 'empty' };

interface Phrase {
  words: string[];
  command: Command;
  presetArgs?: string;
}

/** The registered commands and how typed text and card verbs find them. */
export interface CommandTable {
  readonly commands: readonly Command[];
  /** Adds a command (e.g. `watch alerts` from the notices feature); names must be unique. */
  register(command: Command): void;
  resolve(input: Extract<CommandInput, { kind: 'text' | 'action' }>): Resolution;
}

/**
 * Builds the route table. Text matches the longest command phrase case-insensitively at the start
 * of the input, and the remaining words (original case) are the arguments. Card actions match by
 * `verb`. Unmatched text gets the closest command as a suggestion when one is close enough.
 */
export function createCommandTable(initial: readonly Command[] = []): CommandTable {
  const commands: Command[] = [];
  let phrases: Phrase[] = [];

  const register = (command: Command) => {
    const taken = commands.find((c) => c.name === command.name || c.verb === command.verb);
    if (taken) {
      throw new BotError(ErrorCodes.Internal, `Command "${command.name}" is registered twice`);
    }
    commands.push(command);
    phrases.push({ words: toWords(command.name), command });
    for (const alias of command.aliases) {
      const phrase = typeof alias === 'string' ? alias : alias.phrase;
      const presetArgs = typeof alias === 'string' ? undefined : alias.args;
      phrases.push({ words: toWords(phrase), command, presetArgs });
    }
    // Longest phrase first, so `show iot alerts` wins over a shorter `show …` phrase.
    phrases = phrases.sort((a, b) => b.words.length - a.words.length);
  };
  initial.forEach(register);

  return {
    commands,
    register,
    resolve(input) {
      if (input.kind === 'action') {
        const command = commands.find((c) => c.verb.toLowerCase() === input.verb.toLowerCase());
        if (!command) return { kind: 'unknown-verb', verb: input.verb };
        return { kind: 'command', command, args: command.argsFromData?.(input.data) ?? '' };
      }
      const original = input.text.split(' ').filter((word) => word !== '');
      if (original.length === 0) return { kind: 'empty' };
      const words = original.map((word) => word.toLowerCase());
      const match = phrases.find((p) => p.words.every((word, i) => words[i] === word));
      if (!match)
        return { kind: 'unknown', input: input.text, suggestion: suggest(words, phrases) };
      const rest = original.slice(match.words.length).join(' ');
      const args = [match.presetArgs, rest].filter((part) => part).join(' ');

      return { kind: 'command', command: match.command, args };
    },
  };
}

function toWords(phrase: string): string[] {
  return phrase
    .toLowerCase()
    .split(/\s+/)
    .filter((word) => word !== '');
}

/** The command whose phrase is closest to the input's first words, if it is close enough. */
function suggest(words: string[], phrases: Phrase[]): Command | undefined {
  let best: { command: Command; distance: number } | undefined;
  for (const phrase of phrases) {
    const target = phrase.words.join(' ');
    if (target.length < 3) continue;
    const candidate = words.slice(0, phrase.words.length).join(' ');
    const distance = getEditDistance(candidate, target);
    const allowed = Math.max(2, Math.floor(target.length / 4));
    if (distance <= allowed && (!best || distance < best.distance)) {
      best = { command: phrase.command, distance };
    }
  }

  return best?.command;
}

/** Levenshtein distance: insertions, deletions and substitutions each cost 1. */
export function getEditDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      current.push(
        Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost),
      );
    }
    previous = current;
  }

  return previous[b.length] ?? 0;
}
