/** Shown wherever a value is missing, null or empty, so a card never has a blank or `${…}`. */
export const MISSING = '—';

/** Longest text kept for one field; longer text is cut with an ellipsis. */
export const MAX_FIELD_CHARS = 3000;

const ZERO_WIDTH_SPACE = '\u200b';

/**
 * Makes data safe to bind to a card template: null and undefined become {@link MISSING}, colour
 * fields hold only Adaptive Card colours, and text is neutralised so that it can only ever be
 * read, never acted on:
 * - `${` gets a zero-width space, so no host that templates cards again (and no later binding
 *   step) can evaluate Azure or user text as an expression (F25);
 * - Markdown links `[text](url)` get one too, so a crafted alert description cannot show a
 *   harmless label over a link elsewhere;
 * - very long fields are cut.
 * Arrays and objects are walked; numbers and booleans are kept.
 */
export function prepareCardData<T>(value: T): T {
  return prepare(value) as T;
}

/** Fields that hold an Adaptive Card colour; anything else there would make the card invalid. */
const COLOR_FIELD = /^(color|tone)$|Color$/;
const COLORS = new Set(['default', 'dark', 'light', 'accent', 'good', 'warning', 'attention']);

function prepare(value: unknown, key = ''): unknown {
  if (COLOR_FIELD.test(key))
    return typeof value === 'string' && COLORS.has(value) ? value : 'default';
  if (value === null || value === undefined) return MISSING;
  if (typeof value === 'string') return neutraliseText(value);
  if (Array.isArray(value)) return value.map((item) => prepare(item));
  if (value instanceof Date) return value.toISOString();
  if (typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([name, item]) => [name, prepare(item, name)]),
    );
  }

  return value;
}

/** Neutralises one text value as described on {@link prepareCardData}. */
export function neutraliseText(text: string): string {
  const clipped = text.length > MAX_FIELD_CHARS ? `${text.slice(0, MAX_FIELD_CHARS - 1)}…` : text;

  return clipped
    .replaceAll('${', `$${ZERO_WIDTH_SPACE}{`)
    .replaceAll('](', `]${ZERO_WIDTH_SPACE}(`);
}
