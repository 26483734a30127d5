/**
 * SecurityAlert keeps `ExtendedProperties`, `Entities` and `RemediationSteps` as JSON text in
 * string columns, and Log Analytics does not parse them. These readers parse them defensively: a
 * malformed or unexpected value gives `undefined` (shown as "not available"), never an exception.
 */

/**
 * `ExtendedProperties`: a JSON object; values are shown as text. A list of strings, whether a
 * JSON array or JSON text of one (Defender for IoT nests some lists as text, like `["pi"]`), is
 * shown as its non-empty items joined with ", ", or "—" when none is left.
 */
export function parseExtendedProperties(value: unknown): Record<string, string> | undefined {
  const parsed = parseJsonText(value);
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;

  return Object.fromEntries(
    Object.entries(parsed).map(([key, item]) => [key, formatPropertyValue(item)]),
  );
}

function formatPropertyValue(item: unknown): string {
  const list = readStringList(item);
  if (list) {
    const items = list.map((entry) => entry.trim()).filter((entry) => entry !== '');
    return items.length > 0 ? items.join(', ') : '—';
  }

  return typeof item === 'string' ? item : JSON.stringify(item);
}

function readStringList(item: unknown): string[] | undefined {
  const parsed =
    typeof item === 'string' && item.trim().startsWith('[') ? parseJsonText(item) : item;
  if (!Array.isArray(parsed) || !parsed.every((entry) => typeof entry === 'string')) {
    return undefined;
  }

  return parsed;
}

/** `Entities`: a JSON array of objects. */
export function parseEntities(value: unknown): Array<Record<string, unknown>> | undefined {
  const parsed = parseJsonText(value);
  if (!Array.isArray(parsed)) return undefined;
  const objects = parsed.filter(
    (item): item is Record<string, unknown> =>
      item !== null && typeof item === 'object' && !Array.isArray(item),
  );

  return objects.length === parsed.length ? objects : undefined;
}

/** `RemediationSteps`: a JSON array of strings (IoT alerts); a plain sentence is one step. */
export function parseRemediationSteps(value: unknown): string[] | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  if (!value.trim().startsWith('[')) return [value.trim()];
  const parsed = parseJsonText(value);
  if (!Array.isArray(parsed) || !parsed.every((step) => typeof step === 'string')) {
    return undefined;
  }

  return parsed;
}

function parseJsonText(value: unknown): unknown {
  if (typeof value === 'object' && value !== null) return value;
  if (typeof value !== 'string') return undefined;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    // Malformed JSON from Azure is shown as "not available" rather than failing the card.
    return undefined;
  }
}
