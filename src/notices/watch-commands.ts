import { defineCommand, type Command } from '../commands/command.js';
import { createMessageReply } from '../commands/message-reply.js';
import { resolveSubscription } from '../commands/resolve-subscription.js';
import { UsageError } from '../errors.js';
import { recordChangeAttempt } from '../security/change-attempts.js';
import {
  addWatch,
  describeWatch,
  describeWatchScope,
  listWatches,
  parseWatchCommand,
  removeWatches,
  type WatchRequest,
} from './manage-watches.js';
import type { NoticeStore } from './notice-store.js';
import { getConversationKey } from './record-conversation.js';

const HUB_NAME = /^[A-Za-z0-9-]{3,50}$/;

function parseWatchArgs(args: string): WatchRequest {
  const parsed = parseWatchCommand(`watch alerts ${args}`);
  if (parsed?.kind !== 'watch') throw new UsageError('Type `watch alerts` with optional filters.');

  return parsed.request;
}

/**
 * The watch commands for the route table. Adding and removing watches changes what other people
 * in the conversation receive, so both are operator-only; listing is open to everyone.
 */
export function createWatchCommands(store: NoticeStore): Command[] {
  const watchAlerts = defineCommand({
    name: 'watch alerts',
    aliases: [],
    usage: 'watch alerts [severity S and above] [sub X] [hub H]',
    example: 'watch alerts severity High and above sub Contoso-OT',
    summary: 'Post new Defender for IoT alerts in this conversation as they arrive.',
    operatorOnly: true,
    verb: 'watchAlerts',
    parse: parseWatchArgs,
    async run({ deps, caller, conversationId }, request) {
      const sub = request.subscription
        ? await resolveSubscription(deps.azure, request.subscription)
        : undefined;
      const watch = await addWatch(store, getConversationKey(conversationId), {
        minSeverity: request.minSeverity,
        subscriptionId: sub?.subscriptionId,
        subscriptionName: sub?.displayName,
        hubName: request.hubName,
        createdBy: caller.name,
        now: deps.now(),
      });
      await recordChangeAttempt(
        { caller, deps },
        {
          action: 'watch alerts',
          target: conversationId,
          result: 'succeeded',
          detail: describeWatch(watch),
        },
      );

      return createMessageReply({
        title: 'Watching Defender for IoT alerts here',
        tone: 'good',
        text: `Watch ${watch.id} posts new alerts here: ${describeWatchScope(watch)}.`,
        hint: 'Type `show watches` to list the watches here, `unwatch` to stop.',
      });
    },
  });

  const watchHubOnly = defineCommand({
    name: 'watch only hub',
    aliases: [],
    usage: 'watch only hub H [sub X]',
    example: 'watch only hub contoso-ot-hub-weu',
    summary: 'Replace the watches here with one for a single IoT hub (the card button).',
    operatorOnly: true,
    verb: 'watchHubOnly',
    argsFromData: (data) =>
      [data.hubName, data.subscriptionId ? `sub ${String(data.subscriptionId)}` : '']
        .filter((part) => typeof part === 'string' && part !== '')
        .join(' '),
    parse(args: string) {
      const [hubName, ...rest] = args.trim().split(/\s+/);
      if (!hubName || !HUB_NAME.test(hubName)) {
        throw new UsageError(
          'Type `watch only hub <hub name>`, for example `watch only hub contoso-ot-hub-weu`.',
        );
      }
      return { ...parseWatchArgs(rest.join(' ')), hubName };
    },
    async run({ deps, caller, conversationId }, request) {
      const key = getConversationKey(conversationId);
      const sub = request.subscription
        ? await resolveSubscription(deps.azure, request.subscription)
        : undefined;
      await removeWatches(store, key);
      const watch = await addWatch(store, key, {
        subscriptionId: sub?.subscriptionId,
        subscriptionName: sub?.displayName,
        hubName: request.hubName,
        createdBy: caller.name,
        now: deps.now(),
      });
      await recordChangeAttempt(
        { caller, deps },
        {
          action: 'watch only hub',
          target: conversationId,
          result: 'succeeded',
          detail: describeWatch(watch),
        },
      );

      return createMessageReply({
        title: `Watching only ${request.hubName} here`,
        tone: 'good',
        text:
          'The other watches of this conversation were removed. ' +
          `Watch ${watch.id} posts new alerts here: ${describeWatchScope(watch)}.`,
      });
    },
  });

  const unwatch = defineCommand({
    name: 'unwatch',
    aliases: [],
    usage: 'unwatch [N]',
    example: 'unwatch 2',
    summary: 'Stop every watch in this conversation, or watch number N.',
    operatorOnly: true,
    verb: 'unwatch',
    argsFromData: (data) => (typeof data.watchId === 'number' ? String(data.watchId) : ''),
    parse(args: string) {
      const parsed = parseWatchCommand(`unwatch ${args}`);
      return parsed?.kind === 'unwatch' ? parsed.id : undefined;
    },
    async run({ conversationId, caller, deps }, id) {
      const removed = await removeWatches(store, getConversationKey(conversationId), id);
      await recordChangeAttempt(
        { caller, deps },
        {
          action: 'unwatch',
          target: conversationId,
          result: removed.length === 0 ? 'unchanged' : 'succeeded',
          detail: removed.length === 0 ? 'no such watch' : removed.map(describeWatch).join('; '),
        },
      );
      if (removed.length === 0) {
        return createMessageReply({
          title: id === undefined ? 'Nothing was watched here' : `There is no watch ${id} here`,
          tone: 'warning',
          hint: 'Type `show watches` to list the watches of this conversation.',
        });
      }

      return createMessageReply({
        title: `Stopped ${removed.length === 1 ? 'a watch' : `${removed.length} watches`}`,
        tone: 'good',
        items: removed.map(describeWatch),
      });
    },
  });

  const showWatches = defineCommand({
    name: 'show watches',
    aliases: ['watches', 'list watches'],
    usage: 'show watches',
    example: 'show watches',
    summary: 'The alert watches of this conversation.',
    operatorOnly: false,
    verb: 'showWatches',
    parse: () => undefined,
    async run({ conversationId }) {
      const key = getConversationKey(conversationId);
      const [watches, conversation] = await Promise.all([
        listWatches(store, key),
        store.getConversation(key),
      ]);
      const paused = conversation?.paused
        ? `Paused since ${conversation.paused.at.slice(0, 16).replace('T', ' ')} UTC: ` +
          `Teams refused posts here (${conversation.paused.code}). ` +
          'Any message to me here resumes them.'
        : undefined;

      return createMessageReply({
        title: watches.length === 0 ? 'No alert watches here' : 'Alert watches here',
        tone: paused ? 'warning' : 'default',
        text: paused,
        items: watches.map(describeWatch),
        hint:
          watches.length === 0
            ? 'Type `watch alerts` (optionally `severity High and above`, `sub X`, `hub H`).'
            : 'Type `unwatch N` to stop one, `unwatch` to stop all.',
      });
    },
  });

  return [watchAlerts, watchHubOnly, unwatch, showWatches];
}
