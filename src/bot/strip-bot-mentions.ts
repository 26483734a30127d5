/** The parts of a Teams message activity that mention handling reads. */
export interface MentionSource {
  text?: string;
  recipient?: { id?: string; name?: string };
  entities?: Array<{ type?: string; text?: string; mentioned?: { id?: string; name?: string } }>;
}

/**
 * Removes every mention of the bot from a message's text and keeps the rest, with other people's
 * mentions turned into plain `@Name`.
 *
 * Teams is inconsistent here (F01–F03): the bot can be mentioned more than once, an entity can
 * lack `text` (names with `&`), and an entity's `text` can differ from the span in the message
 * (`<at>@Name</at>` vs `<at>Name</at>`). So the bot's mentions are recognised twice over: by the
 * exact entity text, and by any `<at>…</at>` span whose decoded name is the bot's own name.
 */
export function stripBotMentions(source: MentionSource): string {
  let text = source.text ?? '';
  const botId = source.recipient?.id;
  const botNames = new Set<string>();
  if (source.recipient?.name) botNames.add(normaliseName(source.recipient.name));

  for (const entity of source.entities ?? []) {
    if (entity.type !== 'mention' || !botId || entity.mentioned?.id !== botId) continue;
    if (entity.mentioned.name) botNames.add(normaliseName(entity.mentioned.name));
    if (entity.text) text = text.split(entity.text).join(' ');
  }
  text = text.replace(/<at>([\s\S]*?)<\/at>/gi, (_span, inner: string) => {
    const name = decodeHtml(inner).trim();
    return botNames.has(normaliseName(name)) ? ' ' : ` @${name} `;
  });

  return decodeHtml(text);
}

/**
 * True when a message mentions the bot, by a mention entity with the bot's id or by an
 * `<at>…</at>` span with its name. Unknown (no recipient) counts as mentioned.
 */
export function isBotMentioned(source: MentionSource): boolean {
  const botId = source.recipient?.id;
  if (!botId) return true;
  const mentionedById = (source.entities ?? []).some(
    (entity) => entity.type === 'mention' && entity.mentioned?.id === botId,
  );
  const botName = source.recipient?.name ? normaliseName(source.recipient.name) : undefined;
  const spans = [...(source.text ?? '').matchAll(/<at>([\s\S]*?)<\/at>/gi)];

  return (
    mentionedById ||
    (botName !== undefined &&
      spans.some((span) => normaliseName(decodeHtml(span[1] ?? '')) === botName))
  );
}

/** Collapses all whitespace (including non-breaking spaces, CR and LF) to single spaces. */
export function collapseWhitespace(text: string): string {
  return text.replace(/[\s\u00a0]+/g, ' ').trim();
}

function normaliseName(name: string): string {
  return collapseWhitespace(name.replace(/^@/, '')).toLowerCase();
}

const NAMED_ENTITIES: Record<string, string> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: ' ',
};

/** Decodes the HTML entities Teams uses in message text. */
export function decodeHtml(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (entity, body: string) => {
    if (body.startsWith('#x') || body.startsWith('#X')) {
      return safeCodePoint(Number.parseInt(body.slice(2), 16)) ?? entity;
    }
    if (body.startsWith('#')) return safeCodePoint(Number.parseInt(body.slice(1), 10)) ?? entity;

    return NAMED_ENTITIES[body.toLowerCase()] ?? entity;
  });
}

function safeCodePoint(code: number): string | undefined {
  return Number.isInteger(code) && code > 0 && code <= 0x10ffff
    ? String.fromCodePoint(code)
    : undefined;
}
