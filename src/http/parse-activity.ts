import type { Activity } from 'botbuilder';
import { z } from 'zod';

// Real channel ids are printable ASCII; the conversation id also travels in an HTTP header of
// every reply (x-ms-conversation-id), where anything else makes Node refuse to send it.
const id = z
  .string()
  .min(1)
  .max(1024)
  .regex(/^[\x20-\x7e]+$/);
const text = z.string().max(1024).optional();

// botbuilder copies these into every reply's conversation reference, and its serializer throws
// on a wrong type there, so both the reply and the apology would fail: check them up front.
const account = z.looseObject({
  id: z.string().max(1024),
  name: text,
  aadObjectId: text,
  role: text,
});
const conversationAccount = z.looseObject({
  id,
  name: text,
  conversationType: text,
  tenantId: text,
  aadObjectId: text,
  role: text,
  isGroup: z.boolean().optional(),
});

/**
 * The fields botbuilder needs before a turn can start. Everything else is passed through for the
 * handlers, which must treat it as untrusted. A URL other than http(s) is refused because
 * replies are sent to `serviceUrl`.
 */
const activitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: id.optional(),
  channelId: id,
  serviceUrl: z
    .string()
    .max(2048)
    .refine((value) => /^https?:\/\/[^\s/]+/i.test(value) && URL.canParse(value)),
  conversation: conversationAccount,
  from: account.optional(),
  recipient: account.optional(),
  locale: text,
  replyToId: text,
});

/** An activity ready for the adapter, or the first field that is missing or malformed. */
export type ParsedActivity = { ok: true; activity: Activity } | { ok: false; field: string };

/**
 * Checks a parsed request body against the activity shape the adapter needs and converts its
 * time stamps to dates as botbuilder's own request path does. A body that is not an activity is
 * answered with 400 before any authentication or handler work; `field` names the first problem
 * (a path such as `conversation.id`, never a value) for the log.
 */
export function parseActivity(body: unknown): ParsedActivity {
  const parsed = activitySchema.safeParse(body);
  if (!parsed.success) {
    const path = parsed.error.issues[0]?.path ?? [];
    return { ok: false, field: path.map(String).join('.') || '(body)' };
  }
  const activity = parsed.data as unknown as Activity & Record<string, unknown>;
  for (const [field, raw] of [
    ['timestamp', 'rawTimestamp'],
    ['localTimestamp', 'rawLocalTimestamp'],
    ['expiration', 'rawExpiration'],
  ] as const) {
    const value = activity[field];
    if (typeof value === 'string') {
      activity[raw] = value;
      activity[field] = new Date(value);
    }
  }

  return { ok: true, activity };
}
