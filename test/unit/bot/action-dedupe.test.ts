import { describe, expect, it } from 'vitest';
import { createActionDedupe, getActionKey } from '../../../src/bot/action-dedupe.js';

describe('createActionDedupe', () => {
  it('runs the first delivery and answers a re-delivery with the same answer', async () => {
    const dedupe = createActionDedupe<string>();
    let runs = 0;
    const start = async () => `answer ${++runs}`;

    const first = await dedupe.run('k', start);
    const second = await dedupe.run('k', start);

    expect(first).toEqual({ value: 'answer 1', repeated: false });
    expect(second).toEqual({ value: 'answer 1', repeated: true });
    expect(runs).toBe(1);
  });

  it('makes a re-delivery during the first run wait for it instead of starting', async () => {
    const dedupe = createActionDedupe<string>();
    let release: (value: string) => void = () => undefined;
    let runs = 0;
    const start = () => {
      runs += 1;
      return new Promise<string>((resolve) => (release = resolve));
    };

    const first = dedupe.run('k', start);
    const second = dedupe.run('k', start);
    release('done');

    expect(await first).toEqual({ value: 'done', repeated: false });
    expect(await second).toEqual({ value: 'done', repeated: true });
    expect(runs).toBe(1);
  });

  it('answers with the remembered final answer once slow work has ended', async () => {
    const dedupe = createActionDedupe<string>();
    await dedupe.run('k', async () => 'working');

    dedupe.remember('k', 'final card');

    expect((await dedupe.run('k', async () => 'again')).value).toBe('final card');
  });

  it('runs again after the answer expired', async () => {
    let time = 0;
    const dedupe = createActionDedupe<string>({ ttlMs: 1000, now: () => time });
    await dedupe.run('k', async () => 'first');

    time = 1001;
    const later = await dedupe.run('k', async () => 'second');

    expect(later).toEqual({ value: 'second', repeated: false });
  });

  it('keeps at most maxEntries answers, dropping the oldest', async () => {
    const dedupe = createActionDedupe<string>({ maxEntries: 2 });
    for (const key of ['a', 'b', 'c']) await dedupe.run(key, async () => key);

    expect((await dedupe.run('a', async () => 'a again')).repeated).toBe(false);
    expect((await dedupe.run('c', async () => 'c again')).repeated).toBe(true);
  });

  it('forgets a run that failed, so a retry can succeed', async () => {
    const dedupe = createActionDedupe<string>();
    await expect(dedupe.run('k', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');

    expect(await dedupe.run('k', async () => 'ok')).toEqual({ value: 'ok', repeated: false });
  });

  it('keys by conversation and activity id together', () => {
    expect(getActionKey('a:1', 'f:2')).not.toBe(getActionKey('a:2', 'f:2'));
    expect(getActionKey('a:1', 'f:2')).toBe(getActionKey('a:1', 'f:2'));
  });
});
