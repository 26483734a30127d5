import type { Activity, ConversationReference, TurnContext } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import {
  createNoticeSender,
  type ProactiveAdapter,
} from '../../../src/notices/create-notice-sender.js';

/** An adapter that runs the logic with a context whose send succeeds or throws. */
function fakeAdapter(outcome: { id?: string; error?: unknown }) {
  const calls: Array<{ appId: string; reference: Partial<ConversationReference> }> = [];
  const sent: Array<Partial<Activity>> = [];
  const adapter: ProactiveAdapter = {
    async continueConversationAsync(appId, reference, logic) {
      calls.push({ appId, reference });
      const handlers: Array<
        (c: unknown, a: Array<Partial<Activity>>, n: () => Promise<unknown>) => Promise<unknown>
      > = [];
      const context = {
        onSendActivities: (handler: (typeof handlers)[number]) => handlers.push(handler),
        sendActivity: async (activity: Partial<Activity>) => {
          const outgoing = [{ ...activity, replyToId: 'continuation-id' }];
          for (const handler of handlers) await handler(context, outgoing, async () => undefined);
          sent.push(...outgoing);
          if (outcome.error) throw outcome.error;
          return { id: outcome.id ?? 'x' };
        },
      };
      // Like CloudAdapter, errors inside the logic would go to onTurnError and vanish.
      await logic(context as unknown as TurnContext).catch(() => undefined);
    },
  };
  return { adapter, calls, sent };
}

const reference: Partial<ConversationReference> = {
  serviceUrl: 'https://smba.trafficmanager.net/amer/',
  conversation: { id: 'a:1', isGroup: false, conversationType: 'personal', name: '' },
};

describe('createNoticeSender', () => {
  it.each([
    ['the configured app id', '8c2f0b7e-1111-2222-3333-444444444444'],
    ['an empty string in local mode', ''],
  ])('passes %s to continueConversationAsync (F14)', async (_name, appId) => {
    const { adapter, calls } = fakeAdapter({ id: 'posted-1' });

    const id = await createNoticeSender(adapter, appId).send(reference, {
      type: 'message',
      text: 'hi',
    });

    expect(id).toBe('posted-1');
    expect(calls).toEqual([{ appId, reference }]);
  });

  it('posts as a new message rather than a reply to the turn that opens the send', async () => {
    const { adapter, sent } = fakeAdapter({});

    await createNoticeSender(adapter, '').send(reference, { type: 'message', text: 'hi' });

    expect(sent).toEqual([{ type: 'message', text: 'hi' }]);
  });

  it('rethrows a failed send instead of letting the turn swallow it', async () => {
    const failure = Object.assign(new Error('throttled'), { status: 429 });
    const { adapter } = fakeAdapter({ error: failure });

    await expect(createNoticeSender(adapter, '').send(reference, { text: 'hi' })).rejects.toBe(
      failure,
    );
  });
});
