import type { Activity } from 'botbuilder';
import { z } from 'zod';

const id = z.string().min(1).max(1024);

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
  conversation: z.looseObject({ id }),
  from: z.looseObject({ id: z.string().max(1024) }).optional(),
  recipient: z.looseObject({ id: z.string().max(1024) }).optional(),
});

/**
 * Checks a parsed request body against the activity shape the adapter needs and converts its
 * time stamps to dates as botbuilder's own request path does. Undefined means "not an activity"
 * and is answered with 400 before any authentication or handler work.
 */
export function parseActivity(body: unknown): Activity | undefined {
  const parsed = activitySchema.safeParse(body);
  if (!parsed.success) return undefined;
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

  return activity;
}
