/** Remembers the answer to each card action so a re-delivered one is answered, not re-run. */
export interface ActionDedupe<T> {
  /**
   * Runs `start` for a key seen for the first time; a key seen before gets the answer of the
   * first run (still pending, or settled) without running anything.
   */
  run(key: string, start: () => Promise<T>): Promise<{ value: T; repeated: boolean }>;
  /** Replaces the remembered answer, e.g. with the final card once slow work has ended. */
  remember(key: string, value: T): void;
}

export interface ActionDedupeOptions {
  /** How long an answer is remembered; Teams re-sends within seconds to minutes. Default 10 min. */
  ttlMs?: number;
  /** At most this many answers are kept; the oldest go first. Default 2000. */
  maxEntries?: number;
  now?: () => number;
}

interface Entry<T> {
  answer: Promise<T>;
  expires: number;
}

/**
 * Builds an in-memory dedupe cache keyed by {@link getActionKey}. Teams re-sends an invoke with
 * the same activity id when it got no answer in time (F17, F08); without this the re-sent click
 * would change Azure a second time. The cache holds the pending answer, so a duplicate that
 * arrives while the first is still running waits for it instead of starting again.
 */
export function createActionDedupe<T>(options: ActionDedupeOptions = {}): ActionDedupe<T> {
  const ttlMs = options.ttlMs ?? 10 * 60_000;
  const maxEntries = options.maxEntries ?? 2000;
  const now = options.now ?? Date.now;
  const entries = new Map<string, Entry<T>>();

  const prune = () => {
    const time = now();
    for (const [key, entry] of entries) {
      if (entry.expires <= time || entries.size > maxEntries) entries.delete(key);
      else break;
    }
  };

  return {
    async run(key, start) {
      prune();
      const known = entries.get(key);
      if (known) return { value: await known.answer, repeated: true };
      const answer = start();
      entries.set(key, { answer, expires: now() + ttlMs });
      // A failed run is not remembered: the error answer says to try again, and a retry may work.
      answer.catch(() => entries.delete(key));

      return { value: await answer, repeated: false };
    },
    remember(key, value) {
      const entry = entries.get(key);
      if (entry) entry.answer = Promise.resolve(value);
    },
  };
}

/** The identity of one delivered activity: Teams re-sends with the same id (F17). */
export function getActionKey(conversationId: string, activityId: string): string {
  return `${conversationId}\n${activityId}`;
}
