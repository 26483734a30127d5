import type { ConversationRecord, PendingNotice } from './notice-types.js';

/**
 * What a read-back of a conversation says about one notice: `posted` when the conversation
 * shows it, `not-posted` when the read covered the whole time since the send started and it is
 * not there, `unknown` when the conversation cannot be read or the read was not conclusive.
 */
export type PostedNoticeCheck = 'posted' | 'not-posted' | 'unknown';

/**
 * Tells whether a notice whose send was interrupted (the process stopped, or Teams answered
 * ambiguously) already reached the conversation. The Bot Connector has no idempotency key and
 * cannot list what was posted, so this is asked of another service. Never throws: every failure
 * is `unknown`, and delivery then sends again at the risk of a duplicate.
 */
export interface PostedNoticeFinder {
  check(conversation: ConversationRecord, notice: PendingNotice): Promise<PostedNoticeCheck>;
}
