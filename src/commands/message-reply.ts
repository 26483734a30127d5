import type { CardReply } from '../cards/render-card.js';
import type { CardColor } from '../cards/format-card-values.js';
import { BotError, type BotErrorOptions, type ErrorCode } from '../errors.js';

export interface MessageContent {
  title: string;
  tone?: CardColor;
  text?: string;
  facts?: Array<{ title: string; value: string }>;
  /** A bulleted list (matches, hubs, steps). */
  items?: string[];
  /** What to do next, shown last in a quieter style. */
  hint?: string;
}

/** A reply with the generic `message` card; its fallback text repeats everything in plain text. */
export function createMessageReply(content: MessageContent): CardReply {
  const lines = [
    content.title,
    content.text,
    ...(content.facts ?? []).map((fact) => `${fact.title}: ${fact.value}`),
    ...(content.items ?? []).map((item) => `- ${item}`),
    content.hint,
  ].filter((line): line is string => Boolean(line));

  return {
    card: 'message',
    fallbackText: lines.join('\n'),
    data: {
      title: content.title,
      tone: content.tone ?? 'default',
      text: content.text ?? '',
      facts: content.facts ?? [],
      items: content.items ?? [],
      hint: content.hint ?? '',
    },
  };
}

/**
 * An error whose whole content is meant for the person who asked: a lookup that found nothing or
 * too much, a value that is not allowed. The error boundary shows it as a message card.
 */
export class UserFacingError extends BotError {
  readonly content: MessageContent;

  constructor(code: ErrorCode, content: MessageContent, options: BotErrorOptions = {}) {
    super(code, content.text ?? content.title, options);
    this.content = content;
  }
}
