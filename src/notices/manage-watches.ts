import { UsageError } from '../errors.js';
import { parseSeverity } from './match-watch.js';
import type { NoticeStore } from './notice-store.js';
import type { Severity, Watch } from './notice-types.js';

/** The filters of `watch alerts [severity S and above] [sub X] [hub H]`, as typed. */
export interface WatchRequest {
  minSeverity?: Severity;
  /** Subscription id or display name as typed; the caller resolves it to an id. */
  subscription?: string;
  hubName?: string;
}

export type WatchCommand =
  { kind: 'watch'; request: WatchRequest } | { kind: 'unwatch'; id?: number } | { kind: 'show' };

const HUB_NAME = /^[A-Za-z0-9-]{3,50}$/;
const SUBSCRIPTION_TEXT = /^[\w .()-]{1,64}$/;

/**
 * Parses the three watch commands from mention-free text (case and extra spaces ignored).
 *
 * @returns undefined when the text is not a watch command at all.
 * @throws UsageError with the expected form when it is one but the arguments are wrong.
 */
export function parseWatchCommand(text: string): WatchCommand | undefined {
  const words = text.trim().split(/\s+/);
  const verb = words.map((word) => word.toLowerCase());
  if (verb[0] === 'show' && verb[1] === 'watches' && words.length === 2) return { kind: 'show' };
  if (verb[0] === 'unwatch') return parseUnwatch(words.slice(1));
  if (verb[0] === 'watch' && verb[1] === 'alerts') return parseWatch(words.slice(2));

  return undefined;
}

function parseUnwatch(rest: string[]): WatchCommand {
  if (rest.length === 0) return { kind: 'unwatch' };
  const id = Number(rest[0]);
  if (rest.length > 1 || !Number.isInteger(id) || id < 1) {
    throw new UsageError(
      'Type `unwatch` to stop every watch here, or `unwatch N` with a number from `show watches`.',
    );
  }

  return { kind: 'unwatch', id };
}

function parseWatch(rest: string[]): WatchCommand {
  const request: WatchRequest = {};
  const usage =
    'Type `watch alerts [severity High and above] [sub <name or id>] [hub <hub name>]`.';
  let index = 0;
  const isKeyword = (word: string | undefined) =>
    ['severity', 'sub', 'hub'].includes((word ?? '').toLowerCase());
  while (index < rest.length) {
    const keyword = (rest[index] ?? '').toLowerCase();
    index++;
    if (keyword === 'severity' && !request.minSeverity) {
      const severity = parseSeverity(rest[index] ?? '');
      if (!severity)
        throw new UsageError(`Severity must be High, Medium, Low or Informational. ${usage}`);
      request.minSeverity = severity;
      index++;
      // "and above" / "or higher" are optional words: "severity S" already means S and above.
      while (/^(and|or|above|higher)$/i.test(rest[index] ?? '')) index++;
    } else if (keyword === 'sub' && !request.subscription) {
      const parts: string[] = [];
      while (index < rest.length && !isKeyword(rest[index])) parts.push(rest[index++] as string);
      const subscription = parts.join(' ');
      if (!SUBSCRIPTION_TEXT.test(subscription)) {
        throw new UsageError(`Give the subscription's name or id after \`sub\`. ${usage}`);
      }
      request.subscription = subscription;
    } else if (keyword === 'hub' && !request.hubName) {
      const hubName = rest[index++] ?? '';
      if (!HUB_NAME.test(hubName)) {
        throw new UsageError(`An IoT hub name has 3 to 50 letters, digits or hyphens. ${usage}`);
      }
      request.hubName = hubName;
    } else {
      throw new UsageError(`I did not understand "${keyword.slice(0, 40)}". ${usage}`);
    }
  }

  return { kind: 'watch', request };
}

export interface AddWatchOptions {
  minSeverity?: Severity;
  subscriptionId?: string;
  subscriptionName?: string;
  hubName?: string;
  createdBy?: string;
  now: Date;
}

/**
 * Adds a watch to a conversation the bot already knows (its reference was recorded from the
 * activity carrying the command). An identical existing watch is returned instead of a copy.
 */
export async function addWatch(
  store: NoticeStore,
  conversationKey: string,
  options: AddWatchOptions,
): Promise<Watch> {
  let result: Watch | undefined;
  await store.updateConversation(conversationKey, (current) => {
    if (!current) return undefined;
    const same = current.watches.find(
      (watch) =>
        watch.minSeverity === options.minSeverity &&
        watch.subscriptionId === options.subscriptionId?.toLowerCase() &&
        watch.hubName?.toLowerCase() === options.hubName?.toLowerCase(),
    );
    if (same) {
      result = same;
      return undefined;
    }
    result = {
      id: current.nextWatchId,
      ...(options.minSeverity ? { minSeverity: options.minSeverity } : {}),
      ...(options.subscriptionId ? { subscriptionId: options.subscriptionId.toLowerCase() } : {}),
      ...(options.subscriptionName ? { subscriptionName: options.subscriptionName } : {}),
      ...(options.hubName ? { hubName: options.hubName } : {}),
      ...(options.createdBy ? { createdBy: options.createdBy } : {}),
      createdAt: options.now.toISOString(),
    };
    return {
      ...current,
      watches: [...current.watches, result],
      nextWatchId: current.nextWatchId + 1,
    };
  });
  if (!result) {
    throw new UsageError('I do not know this conversation yet. Send me any message here first.');
  }

  return result;
}

/** Removes watch `id`, or every watch when `id` is undefined; returns the removed ones. */
export async function removeWatches(
  store: NoticeStore,
  conversationKey: string,
  id?: number,
): Promise<Watch[]> {
  let removed: Watch[] = [];
  await store.updateConversation(conversationKey, (current) => {
    if (!current) return undefined;
    removed = current.watches.filter((watch) => id === undefined || watch.id === id);
    if (removed.length === 0) return undefined;
    return { ...current, watches: current.watches.filter((watch) => !removed.includes(watch)) };
  });

  return removed;
}

/** This conversation's watches, oldest first. */
export async function listWatches(store: NoticeStore, conversationKey: string): Promise<Watch[]> {
  return (await store.getConversation(conversationKey))?.watches ?? [];
}

/**
 * One line per watch for `show watches`, e.g.
 * `2. High and above, subscription Contoso-OT, hub hub-a`.
 */
export function describeWatch(watch: Watch): string {
  return `${watch.id}. ${describeWatchScope(watch)}`;
}

/**
 * What a watch covers, in words: `all severities, every subscription and hub`,
 * `High and above, hub contoso-ot-hub-weu` or `Low and above, subscription Contoso-OT, every hub`.
 */
export function describeWatchScope(watch: Watch): string {
  const subscription = watch.subscriptionId
    ? `subscription ${watch.subscriptionName ?? watch.subscriptionId}`
    : undefined;
  const hub = watch.hubName ? `hub ${watch.hubName}` : undefined;
  const where =
    subscription && hub
      ? `${subscription}, ${hub}`
      : (hub ?? (subscription ? `${subscription}, every hub` : 'every subscription and hub'));

  return `${watch.minSeverity ? `${watch.minSeverity} and above` : 'all severities'}, ${where}`;
}
