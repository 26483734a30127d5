import { MemoryStorage } from 'botbuilder';
import { beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../../src/errors.js';
import {
  addWatch,
  describeWatch,
  describeWatchScope,
  listWatches,
  parseWatchCommand,
  removeWatches,
} from '../../../src/notices/manage-watches.js';
import { createNoticeStore, type NoticeStore } from '../../../src/notices/notice-store.js';
import { recordConversation } from '../../../src/notices/record-conversation.js';
import { loadActivity } from '../../support/activities.js';

const KEY = 'a:PERSONAL_CONVERSATION_ID_PLACEHOLDER';
const now = new Date('2026-12-03T12:00:00Z');

describe('parseWatchCommand', () => {
  it.each([
    ['watch alerts', { kind: 'watch', request: {} }],
    ['  WATCH   Alerts  ', { kind: 'watch', request: {} }],
    ['watch alerts severity high and above', { kind: 'watch', request: { minSeverity: 'High' } }],
    ['watch alerts severity Medium', { kind: 'watch', request: { minSeverity: 'Medium' } }],
    [
      'watch alerts severity low or higher sub Contoso OT hub hub-a',
      {
        kind: 'watch',
        request: { minSeverity: 'Low', subscription: 'Contoso OT', hubName: 'hub-a' },
      },
    ],
    [
      'watch alerts hub plant-7 sub 11111111-2222-3333-4444-555555555555',
      {
        kind: 'watch',
        request: { hubName: 'plant-7', subscription: '11111111-2222-3333-4444-555555555555' },
      },
    ],
    ['unwatch', { kind: 'unwatch' }],
    ['unwatch 3', { kind: 'unwatch', id: 3 }],
    ['show watches', { kind: 'show' }],
    ['Show Watches', { kind: 'show' }],
  ])('reads %j', (text, expected) => {
    expect(parseWatchCommand(text)).toEqual(expected);
  });

  it.each(['show subs', 'watch', 'watcher alerts', 'show watches now'])(
    'leaves %j to other commands',
    (text) => {
      expect(parseWatchCommand(text)).toBeUndefined();
    },
  );

  it.each([
    ['watch alerts severity critical', /High, Medium, Low or Informational/],
    ['watch alerts hub x', /3 to 50/],
    ["watch alerts hub a'b|c", /3 to 50/],
    ["watch alerts sub x' or 1==1", /subscription/],
    ['watch alerts colour red', /did not understand "colour"/],
    ['unwatch two', /unwatch N/],
    ['unwatch 0', /unwatch N/],
  ])('answers %j with the expected form', (text, message) => {
    expect(() => parseWatchCommand(text)).toThrow(UsageError);
    expect(() => parseWatchCommand(text)).toThrow(message);
  });
});

describe('watch storage', () => {
  let store: NoticeStore;

  beforeEach(async () => {
    store = createNoticeStore(new MemoryStorage());
    await recordConversation(loadActivity('personal-message'), { store, now: () => now });
  });

  it('numbers watches, lists them and keeps one copy of an identical watch', async () => {
    const first = await addWatch(store, KEY, { now, minSeverity: 'High' });
    const second = await addWatch(store, KEY, {
      now,
      subscriptionId: '11111111-2222-3333-4444-555555555555',
      subscriptionName: 'Contoso OT',
      hubName: 'hub-a',
    });
    const again = await addWatch(store, KEY, { now, minSeverity: 'High' });

    expect([first.id, second.id, again.id]).toEqual([1, 2, 1]);
    expect((await listWatches(store, KEY)).map(describeWatch)).toEqual([
      '1. High and above, every subscription and hub',
      '2. all severities, subscription Contoso OT, hub hub-a',
    ]);
  });

  it.each([
    [{}, 'all severities, every subscription and hub'],
    [{ minSeverity: 'High', hubName: 'hub-a' }, 'High and above, hub hub-a'],
    [
      { subscriptionId: 'sub-1', subscriptionName: 'Contoso OT' },
      'all severities, subscription Contoso OT, every hub',
    ],
    [
      { minSeverity: 'Low', subscriptionId: 'sub-1' },
      'Low and above, subscription sub-1, every hub',
    ],
  ] as const)('describes what watch %j covers in words', (fields, words) => {
    expect(describeWatchScope({ id: 1, createdAt: now.toISOString(), ...fields })).toBe(words);
  });

  it('removes one watch by number or all of them, and never reuses a number', async () => {
    await addWatch(store, KEY, { now, minSeverity: 'High' });
    await addWatch(store, KEY, { now, minSeverity: 'Low' });

    expect((await removeWatches(store, KEY, 1)).map((w) => w.id)).toEqual([1]);
    expect(await removeWatches(store, KEY, 7)).toEqual([]);
    expect((await addWatch(store, KEY, { now, hubName: 'hub-b' })).id).toBe(3);
    expect((await removeWatches(store, KEY)).map((w) => w.id)).toEqual([2, 3]);
    expect(await listWatches(store, KEY)).toEqual([]);
  });

  it('refuses a watch in a conversation it never saw', async () => {
    await expect(addWatch(store, 'a:unknown', { now })).rejects.toThrow(UsageError);
  });
});
