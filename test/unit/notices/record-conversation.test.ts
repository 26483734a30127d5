import { MemoryStorage } from 'botbuilder';
import { beforeEach, describe, expect, it } from 'vitest';
import { createNoticeStore, type NoticeStore } from '../../../src/notices/notice-store.js';
import {
  getConversationKey,
  recordConversation,
} from '../../../src/notices/record-conversation.js';
import { addWatch } from '../../../src/notices/manage-watches.js';
import { loadActivity } from '../../support/activities.js';

const CHANNEL = '19:CHANNEL_ID_PLACEHOLDER@thread.tacv2';
const now = () => new Date('2026-12-03T12:00:00Z');

describe('recordConversation', () => {
  let store: NoticeStore;
  const record = (activity: Record<string, unknown>) =>
    recordConversation(activity, { store, now });

  beforeEach(() => {
    store = createNoticeStore(new MemoryStorage());
  });

  it('(a) registers a team channel from installationUpdate add alone', async () => {
    expect(await record(loadActivity('installation-update-add'))).toBe('installed');

    const conversation = await store.getConversation(CHANNEL);
    expect(conversation).toMatchObject({
      installed: true,
      tenantId: 'TENANT_ID_PLACEHOLDER',
      reference: {
        serviceUrl: 'https://smba.trafficmanager.net/amer/',
        conversation: { id: CHANNEL, tenantId: 'TENANT_ID_PLACEHOLDER' },
        bot: { id: '28:BOT_APP_ID_PLACEHOLDER' },
      },
    });
    expect(await store.listConversationKeys()).toEqual([CHANNEL]);
  });

  it("keeps the team's group id from the install event when later messages lack it", async () => {
    await record(loadActivity('installation-update-add'));
    await record(
      loadActivity('channel-message-mention', {
        conversation: { id: `${CHANNEL};messageid=1`, conversationType: 'channel' },
        channelData: { team: { id: '19:TEAM_ID_PLACEHOLDER@thread.tacv2' } },
      }),
    );

    const conversation = await store.getConversation(CHANNEL);
    expect(conversation?.teamGroupId).toBe('00000000-0000-0000-0000-0000000000g1');
  });

  it('(b) registers it from conversationUpdate with the bot in membersAdded alone', async () => {
    expect(await record(loadActivity('conversation-update-bot-added-team'))).toBe('installed');

    expect((await store.getConversation(CHANNEL))?.installed).toBe(true);
  });

  it('(c) keeps one record when both events arrive', async () => {
    await record(loadActivity('installation-update-add'));
    const second = await record(loadActivity('conversation-update-bot-added-team'));

    expect(second).toBe('refreshed');
    expect(await store.listConversationKeys()).toEqual([CHANNEL]);
  });

  it.each(['add-upgrade', 'Add', 'ADD'])(
    '(d) treats action %s as an idempotent add',
    async (action) => {
      await record(loadActivity('installation-update-add'));
      await addWatch(store, CHANNEL, { now: now(), minSeverity: 'High' });

      expect(await record(loadActivity('installation-update-add', { action }))).toBe('refreshed');
      expect((await store.getConversation(CHANNEL))?.watches).toHaveLength(1);
    },
  );

  it.each(['remove', 'Remove', 'remove-upgrade'])(
    '(e) action %s drops the watches',
    async (action) => {
      await record(loadActivity('installation-update-add'));
      await addWatch(store, CHANNEL, { now: now() });

      expect(await record(loadActivity('installation-update-add', { action }))).toBe('removed');
      expect(await store.getConversation(CHANNEL)).toMatchObject({ installed: false, watches: [] });
    },
  );

  it('treats the bot leaving through conversationUpdate as a removal', async () => {
    await record(loadActivity('installation-update-add'));
    const removal = loadActivity('conversation-update-bot-added-team', {
      membersAdded: undefined,
      membersRemoved: [{ id: '28:BOT_APP_ID_PLACEHOLDER' }],
    });

    expect(await record(removal)).toBe('removed');
  });

  it('(f) a user joining neither registers the team nor re-registers it', async () => {
    const userJoined = loadActivity('conversation-update-bot-added-team', {
      membersAdded: [{ id: '29:U3' }],
    });

    expect(await record(userJoined)).toBe('ignored');
    expect(await store.listConversationKeys()).toEqual([]);

    await record(loadActivity('installation-update-add'));
    await record(loadActivity('installation-update-add', { action: 'remove' }));
    expect(await record(userJoined)).toBe('ignored');
    expect((await store.getConversation(CHANNEL))?.installed).toBe(false);
  });

  it('refreshes serviceUrl and tenant per message, keys channel threads by channel', async () => {
    await record(loadActivity('installation-update-add'));
    const message = loadActivity('channel-message-mention', {
      serviceUrl: 'https://smba.trafficmanager.net/emea/',
    });

    expect(await record(message)).toBe('refreshed');
    const conversation = await store.getConversation(CHANNEL);
    expect(conversation?.reference.serviceUrl).toBe('https://smba.trafficmanager.net/emea/');
    expect(conversation?.reference.conversation?.id).toBe(CHANNEL);
    expect(await store.listConversationKeys()).toEqual([CHANNEL]);
  });

  it('reads the tenant from channelData when the conversation lacks it', async () => {
    expect(await record(loadActivity('personal-message'))).toBe('installed');

    const conversation = await store.getConversation('a:PERSONAL_CONVERSATION_ID_PLACEHOLDER');
    expect(conversation?.tenantId).toBe('TENANT_ID_PLACEHOLDER');
    expect(conversation?.reference.conversation?.tenantId).toBe('TENANT_ID_PLACEHOLDER');
  });

  it('a message after a pause resumes sending there', async () => {
    await record(loadActivity('personal-message'));
    const key = 'a:PERSONAL_CONVERSATION_ID_PLACEHOLDER';
    await store.updateConversation(key, (current) =>
      current ? { ...current, paused: { code: 'ConversationBlockedByUser', at: 'x' } } : undefined,
    );

    await record(loadActivity('personal-message'));

    expect((await store.getConversation(key))?.paused).toBeUndefined();
  });

  it('ignores activities without a conversation or serviceUrl', async () => {
    expect(await record({ type: 'message', text: 'hi' })).toBe('ignored');
  });

  it.each([
    ['19:abc@thread.tacv2;messageid=1759881511856', '19:abc@thread.tacv2'],
    ['a:personal', 'a:personal'],
  ])('keys %s as %s', (id, key) => {
    expect(getConversationKey(id)).toBe(key);
  });
});
