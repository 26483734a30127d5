import type { Activity } from 'botbuilder';
import { CARD_CONTENT_TYPE } from '../cards/render-card.js';

const MARKER_PREFIX = 'sentinel-notice-';

/**
 * The stable mark every posted notice carries, derived from its outbox id only, so the copy
 * posted before a crash and the one a restart would post carry the same mark.
 */
export function getNoticeMarker(noticeId: string): string {
  return `${MARKER_PREFIX}${noticeId}`;
}

/**
 * Marks a notice's Adaptive Card: the mark goes into the `id` of the card's first body element.
 * An element id is part of the card schema, invisible to readers and kept when Microsoft Graph
 * returns the card as `attachments[].content`, which is what a read-back after a restart
 * looks for. A message without a card is returned unchanged and cannot be recognised later.
 */
export function markNoticeActivity(
  activity: Partial<Activity>,
  noticeId: string,
): Partial<Activity> {
  const attachments = activity.attachments?.map((attachment) => {
    const content = attachment.content as { body?: Array<Record<string, unknown>> } | undefined;
    const [first, ...rest] = content?.body ?? [];
    if (attachment.contentType !== CARD_CONTENT_TYPE || !content || !first) return attachment;

    return {
      ...attachment,
      content: { ...content, body: [{ ...first, id: getNoticeMarker(noticeId) }, ...rest] },
    };
  });

  return attachments ? { ...activity, attachments } : activity;
}

/**
 * True when a card, as an object or as the JSON string Graph returns, carries the notice's
 * mark as the id of its first body element.
 */
export function hasNoticeMarker(card: unknown, noticeId: string): boolean {
  let parsed: unknown = card;
  if (typeof card === 'string') {
    try {
      parsed = JSON.parse(card);
    } catch {
      // Not JSON: some other kind of attachment, never one of ours.
      return false;
    }
  }
  const body = (parsed as { body?: unknown } | null)?.body;
  const first = Array.isArray(body) ? (body[0] as { id?: unknown } | undefined) : undefined;

  return first?.id === getNoticeMarker(noticeId);
}
