import type { TokenCredential } from '@azure/core-auth';
import type { Logger } from '../logging/create-logger.js';
import { hasNoticeMarker } from './notice-marker.js';
import type { ConversationRecord, PendingNotice } from './notice-types.js';
import type { PostedNoticeCheck, PostedNoticeFinder } from './posted-notice-finder.js';

export const GRAPH_BASE_URL = 'https://graph.microsoft.com/v1.0';
export const GRAPH_SCOPE = 'https://graph.microsoft.com/.default';
/** Graph's largest page for chat and channel messages. */
const PAGE_SIZE = 50;

export interface GraphNoticeFinderOptions {
  /** The bot's app id: only messages Graph attributes to it count; '' accepts any sender. */
  appId: string;
  /** Graph root including the version; default {@link GRAPH_BASE_URL}. */
  baseUrl?: string;
  /** Budget for the token and the one request, in ms; default 5,000. */
  timeoutMs?: number;
  /** How long before `sendingSince` messages still count (clock skew), in ms; default 2 min. */
  marginMs?: number;
}

export interface GraphNoticeFinderDeps {
  /** Gets app-only tokens for Graph; called with the conversation's tenant. */
  credential: TokenCredential;
  logger: Logger;
  fetch?: typeof fetch;
}

type PageRead = { messages: GraphMessage[] } | { failure: string; status?: number };

/** The fields of Graph's `chatMessage` the read-back uses. */
interface GraphMessage {
  id?: string;
  createdDateTime?: string;
  from?: { application?: { id?: string } | null } | null;
  attachments?: Array<{ contentType?: string; content?: string | null }>;
}

/**
 * Reads back the most recent page of a chat's or channel's messages through Microsoft Graph
 * and looks for the notice's mark (see `notice-marker.ts`). Needs the resource-specific
 * permissions `ChatMessage.Read.Chat` (group chats) and `ChannelMessage.Read.Group` (channels)
 * consented where the app is installed, or the tenant-wide application permissions.
 *
 * Personal chats are not read: the Bot Framework addresses them as `a:…` while Graph knows them
 * as `19:…@unq.gbl.spaces`, with no documented mapping, and no resource-specific permission
 * covers them. They, text notices and every failure answer `unknown`.
 */
export function createGraphPostedNoticeFinder(
  options: GraphNoticeFinderOptions,
  deps: GraphNoticeFinderDeps,
): PostedNoticeFinder {
  const baseUrl = (options.baseUrl ?? GRAPH_BASE_URL).replace(/\/+$/, '');
  const timeoutMs = options.timeoutMs ?? 5_000;
  const marginMs = options.marginMs ?? 120_000;
  const fetchImpl = deps.fetch ?? fetch;

  /** One page of messages, or why there is none; a failed token request throws to the caller. */
  const readPage = async (path: string, tenantId: string | undefined): Promise<PageRead> => {
    const signal = AbortSignal.timeout(timeoutMs);
    const token = await deps.credential.getToken(GRAPH_SCOPE, {
      abortSignal: signal,
      ...(tenantId ? { tenantId } : {}),
    });
    if (!token) return { failure: 'no token' };
    const response = await fetchImpl(`${baseUrl}${path}`, {
      headers: { authorization: `Bearer ${token.token}`, accept: 'application/json' },
      signal,
    });
    if (!response.ok) return { failure: 'refused', status: response.status };
    const body = (await response.json()) as { value?: unknown };
    if (!Array.isArray(body.value)) return { failure: 'no message list' };

    return { messages: body.value as GraphMessage[] };
  };

  return {
    async check(conversation, notice) {
      const log = deps.logger.child({ conversationKey: conversation.key, noticeId: notice.id });
      const path = getGraphMessagesPath(conversation);
      if (!path || notice.kind === 'text' || !notice.sendingSince) {
        log.debug({ kind: notice.kind, mapped: Boolean(path) }, 'notice cannot be read back');
        return 'unknown';
      }
      let read: PageRead;
      try {
        read = await readPage(path, conversation.tenantId);
      } catch (error) {
        // A timeout, a network failure or a credential that cannot get a token.
        read = { failure: (error as { name?: string }).name ?? 'error' };
      }
      if ('failure' in read) {
        log.warn({ reason: read.failure, status: read.status }, 'reading back from Graph failed');
        return 'unknown';
      }

      return judgePage(read.messages, notice, {
        appId: options.appId,
        since: Date.parse(notice.sendingSince) - marginMs,
      });
    },
  };
}

/**
 * The Graph path that lists a conversation's recent messages, newest first, or undefined when
 * the conversation cannot be addressed in Graph.
 */
export function getGraphMessagesPath(conversation: ConversationRecord): string | undefined {
  const id = conversation.key;
  const type = conversation.reference.conversation?.conversationType;
  const page = `?$top=${PAGE_SIZE}`;
  if (type === 'channel') {
    if (!conversation.teamGroupId) return undefined;
    const team = encodeURIComponent(conversation.teamGroupId);
    return `/teams/${team}/channels/${encodeURIComponent(id)}/messages${page}`;
  }
  // Group chats (and meeting chats) carry the same `19:…` id in the Bot Framework and in Graph.
  if (!id.startsWith('19:')) return undefined;

  return `/chats/${encodeURIComponent(id)}/messages${page}&$orderby=createdDateTime desc`;
}

/** Decides from one page: found, surely absent, or not covered far enough back. */
function judgePage(
  messages: GraphMessage[],
  notice: PendingNotice,
  scope: { appId: string; since: number },
): PostedNoticeCheck {
  const ours = messages.filter(
    (message) => !scope.appId || message.from?.application?.id === scope.appId,
  );
  const found = ours.some((message) =>
    (message.attachments ?? []).some((attachment) =>
      hasNoticeMarker(attachment.content, notice.id),
    ),
  );
  if (found) return 'posted';
  // A full page whose oldest message is still newer than the send may hide the notice further back.
  const times = messages.map((message) => Date.parse(message.createdDateTime ?? ''));
  const oldest = Math.min(...times.map((time) => (Number.isNaN(time) ? -Infinity : time)));
  if (messages.length >= PAGE_SIZE && oldest >= scope.since) return 'unknown';

  return 'not-posted';
}
