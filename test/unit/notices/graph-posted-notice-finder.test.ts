import type { AccessToken, GetTokenOptions, TokenCredential } from '@azure/core-auth';
import { describe, expect, it } from 'vitest';
import {
  createGraphPostedNoticeFinder,
  getGraphMessagesPath,
} from '../../../src/notices/graph-posted-notice-finder.js';
import { getNoticeMarker } from '../../../src/notices/notice-marker.js';
import type { ConversationRecord, PendingNotice } from '../../../src/notices/notice-types.js';
import { createMemoryLogger } from './notice-fakes.js';

const APP_ID = '8c5f3a8e-1d1b-4a43-9d3e-0a0b0c0d0e0f';
const GROUP_CHAT = '19:6a7b8c9d@thread.v2';
const CHANNEL = '19:ops-channel@thread.tacv2';
const TEAM_GROUP = '00000000-0000-0000-0000-0000000000g1';
const SENDING_SINCE = '2026-12-03T12:00:00.000Z';

function conversation(
  id: string,
  conversationType: string,
  extra: Partial<ConversationRecord> = {},
): ConversationRecord {
  return {
    key: id,
    reference: { conversation: { id, conversationType, isGroup: true, name: '' } },
    tenantId: 'tenant-1',
    installed: true,
    watches: [],
    nextWatchId: 1,
    connectChecks: [],
    updatedAt: SENDING_SINCE,
    ...extra,
  };
}

function notice(extra: Partial<PendingNotice> = {}): PendingNotice {
  return {
    id: 'n-1',
    kind: 'notice',
    alerts: [],
    enqueuedAt: SENDING_SINCE,
    sendingSince: SENDING_SINCE,
    ...extra,
  };
}

/** A chatMessage as Graph lists it: the card comes back as a JSON string. */
function message(options: { noticeId?: string; appId?: string; at?: string }) {
  const card = {
    type: 'AdaptiveCard',
    body: [{ type: 'Container', id: getNoticeMarker(options.noticeId ?? 'other'), items: [] }],
  };
  return {
    id: '1733227200000',
    createdDateTime: options.at ?? '2026-12-03T12:00:01.000Z',
    from: { user: null, application: { id: options.appId ?? APP_ID, displayName: 'Sentinel IoT' } },
    body: { contentType: 'html', content: '<attachment id="a1"></attachment>' },
    attachments: [
      {
        id: 'a1',
        contentType: 'application/vnd.microsoft.card.adaptive',
        content: JSON.stringify(card),
      },
    ],
  };
}

function setUp(answer: (url: string, init: RequestInit) => Promise<Response>) {
  const requests: Array<{ url: string; authorization: string | undefined }> = [];
  const tokenCalls: Array<{ scopes: string | string[]; options?: GetTokenOptions }> = [];
  const credential: TokenCredential = {
    async getToken(scopes, options): Promise<AccessToken> {
      tokenCalls.push({ scopes, options });
      return { token: 'graph-token', expiresOnTimestamp: Date.now() + 60_000 };
    },
  };
  const log = createMemoryLogger();
  const fetchStub = async (input: string | URL | Request, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    requests.push({ url: String(input), authorization: headers.get('authorization') ?? undefined });
    return answer(String(input), init);
  };
  const finder = createGraphPostedNoticeFinder(
    { appId: APP_ID, baseUrl: 'http://graph.test/v1.0/', timeoutMs: 50 },
    { credential, logger: log.logger, fetch: fetchStub as typeof fetch },
  );

  return { finder, requests, tokenCalls, log, credential };
}

const page = (value: unknown[]) => async () => Response.json({ value });

describe('the Graph read-back of interrupted notices', () => {
  it('finds a notice by the mark in a card Graph returns as a JSON string', async () => {
    const { finder, requests, tokenCalls } = setUp(
      page([message({ noticeId: 'n-0' }), message({ noticeId: 'n-1' })]),
    );

    expect(await finder.check(conversation(GROUP_CHAT, 'groupChat'), notice())).toBe('posted');
    expect(requests).toEqual([
      {
        url:
          'http://graph.test/v1.0/chats/19%3A6a7b8c9d%40thread.v2/messages' +
          '?$top=50&$orderby=createdDateTime desc',
        authorization: 'Bearer graph-token',
      },
    ]);
    expect(tokenCalls).toMatchObject([
      { scopes: 'https://graph.microsoft.com/.default', options: { tenantId: 'tenant-1' } },
    ]);
  });

  it('answers not-posted when the recent messages hold other notices only', async () => {
    const { finder } = setUp(page([message({ noticeId: 'n-0' }), message({ noticeId: 'n-2' })]));

    expect(await finder.check(conversation(GROUP_CHAT, 'groupChat'), notice())).toBe('not-posted');
  });

  it('does not count a marked card that another app posted', async () => {
    const { finder } = setUp(page([message({ noticeId: 'n-1', appId: 'someone-else' })]));

    expect(await finder.check(conversation(GROUP_CHAT, 'groupChat'), notice())).toBe('not-posted');
  });

  it('reads a channel through its team group id', async () => {
    const { finder, requests } = setUp(page([message({ noticeId: 'n-1' })]));
    const channel = conversation(CHANNEL, 'channel', { teamGroupId: TEAM_GROUP });

    expect(await finder.check(channel, notice())).toBe('posted');
    expect(requests.map((request) => request.url)).toEqual([
      `http://graph.test/v1.0/teams/${TEAM_GROUP}/channels/19%3Aops-channel%40thread.tacv2` +
        '/messages?$top=50',
    ]);
  });

  it.each([
    ['a personal chat, whose a: id Graph does not know', conversation('a:1xyz', 'personal')],
    ['a channel without its team group id', conversation(CHANNEL, 'channel')],
  ])('answers unknown without asking Graph for %s', async (_name, target) => {
    const { finder, requests } = setUp(page([message({ noticeId: 'n-1' })]));

    expect(await finder.check(target, notice())).toBe('unknown');
    expect(requests).toEqual([]);
  });

  it('answers unknown for a text notice, which carries no mark', async () => {
    const { finder, requests } = setUp(page([]));
    const text = notice({ kind: 'text', text: '12 new alerts' });

    expect(await finder.check(conversation(GROUP_CHAT, 'groupChat'), text)).toBe('unknown');
    expect(requests).toEqual([]);
  });

  it('answers unknown when a full page does not reach back to the send', async () => {
    const recent = Array.from({ length: 50 }, () => message({ at: '2026-12-03T12:00:30.000Z' }));
    const { finder } = setUp(page(recent));

    expect(await finder.check(conversation(GROUP_CHAT, 'groupChat'), notice())).toBe('unknown');
  });

  it('answers not-posted when a full page reaches back past the send and its margin', async () => {
    const older = Array.from({ length: 50 }, () => message({ at: '2026-12-03T11:50:00.000Z' }));
    const { finder } = setUp(page(older));

    expect(await finder.check(conversation(GROUP_CHAT, 'groupChat'), notice())).toBe('not-posted');
  });

  it.each([
    [
      'a 403 without consent',
      async () => new Response('{}', { status: 403 }),
      { reason: 'refused', status: 403 },
    ],
    [
      'a 404 for an unknown chat',
      async () => new Response('{}', { status: 404 }),
      { reason: 'refused', status: 404 },
    ],
    [
      'an answer without a message list',
      async () => Response.json({ error: 'x' }),
      { reason: 'no message list' },
    ],
    [
      'a network failure',
      async () => {
        throw new TypeError('fetch failed');
      },
      { reason: 'TypeError' },
    ],
    [
      'no answer within the time budget',
      (_url: string, init: RequestInit) =>
        new Promise<Response>((_resolve, reject) =>
          init.signal?.addEventListener('abort', () => reject(init.signal?.reason)),
        ),
      { reason: 'TimeoutError' },
    ],
  ])('answers unknown and logs a warning for %s', async (_name, answer, logged) => {
    const { finder, log } = setUp(answer);

    expect(await finder.check(conversation(GROUP_CHAT, 'groupChat'), notice())).toBe('unknown');
    const warnings = log.lines().filter((line) => line.msg === 'reading back from Graph failed');
    expect(warnings).toMatchObject([{ level: 'warn', noticeId: 'n-1', ...logged }]);
  });

  it('answers unknown when no token can be had, and never logs the token', async () => {
    const { finder, log, credential } = setUp(page([message({ noticeId: 'n-1' })]));
    credential.getToken = async () => {
      throw new Error('AADSTS7000215: Invalid client secret provided.');
    };

    expect(await finder.check(conversation(GROUP_CHAT, 'groupChat'), notice())).toBe('unknown');
    expect(JSON.stringify(log.lines())).not.toContain('graph-token');
    expect(JSON.stringify(log.lines())).not.toContain('AADSTS');
  });
});

describe('getGraphMessagesPath', () => {
  it.each([
    [conversation(GROUP_CHAT, 'groupChat'), '/chats/19%3A6a7b8c9d%40thread.v2/messages'],
    [
      conversation('19:meeting_x@thread.v2', 'groupChat'),
      '/chats/19%3Ameeting_x%40thread.v2/messages',
    ],
    [conversation('a:1xyz', 'personal'), undefined],
    [conversation(CHANNEL, 'channel'), undefined],
  ])('maps %# to its Graph messages list', (target, prefix) => {
    const path = getGraphMessagesPath(target);

    expect(path?.split('?')[0]).toBe(prefix);
  });
});
