/** A KQL `timespan`, held in milliseconds (the service counts 100 ns ticks). */
export class Timespan {
  constructor(readonly ms: number) {}
}

/** A KQL `dynamic` value (parsed JSON). */
export class Dynamic {
  constructor(readonly value: unknown) {}
}

export type KqlValue = string | number | boolean | Date | Timespan | Dynamic | null;

/** Row under evaluation: cells by column name, plus the hidden ingestion time of table rows. */
export interface EvalRow {
  cells: Record<string, KqlValue>;
  ingestedAt: Date | null;
}

/** `tostring()`: strings as is, dynamic scalars unwrapped, JSON for objects, empty for null. */
export function toKqlString(value: KqlValue): string {
  if (value === null) return '';
  if (value instanceof Date) return formatDatetime(value);
  if (value instanceof Timespan) return formatTimespan(value);
  if (value instanceof Dynamic) {
    const inner = value.value;
    if (inner === null || inner === undefined) return '';

    return typeof inner === 'string' ? inner : JSON.stringify(inner);
  }

  return String(value);
}

/** A dynamic scalar seen as the plain value it holds, for comparisons. */
export function unwrap(value: KqlValue): KqlValue {
  if (!(value instanceof Dynamic)) return value;
  const inner = value.value;
  if (inner === null || inner === undefined) return null;
  if (typeof inner === 'string' || typeof inner === 'number' || typeof inner === 'boolean') {
    return inner;
  }

  return value;
}

/** Kusto's datetime text: seven fractional digits and `Z`. */
export function formatDatetime(date: Date): string {
  return date.toISOString().replace(/\.(\d{3})Z$/, '.$10000Z');
}

/** Kusto's timespan text: `[-][d.]hh:mm:ss[.fffffff]`. */
export function formatTimespan(span: Timespan): string {
  const sign = span.ms < 0 ? '-' : '';
  let rest = Math.abs(span.ms);
  const days = Math.floor(rest / 86_400_000);
  rest -= days * 86_400_000;
  const pad = (n: number) => String(n).padStart(2, '0');
  const hours = Math.floor(rest / 3_600_000);
  const minutes = Math.floor((rest % 3_600_000) / 60_000);
  const seconds = Math.floor((rest % 60_000) / 1000);
  const fraction = rest % 1000 ? `.${String(rest % 1000).padStart(3, '0')}0000` : '';

  return `${sign}${days ? `${days}.` : ''}${pad(hours)}:${pad(minutes)}:${pad(seconds)}${fraction}`;
}

/**
 * Orders two values as `sort` does; null sorts before everything (callers place nulls per the
 * `nulls first|last` rule before calling).
 */
export function compareValues(left: KqlValue, right: KqlValue): number {
  const a = unwrap(left);
  const b = unwrap(right);
  if (a === null || b === null) return a === b ? 0 : a === null ? -1 : 1;
  const ka = sortKey(a);
  const kb = sortKey(b);
  if (typeof ka === 'number' && typeof kb === 'number') return ka - kb;

  return String(ka) < String(kb) ? -1 : String(ka) > String(kb) ? 1 : 0;
}

function sortKey(value: Exclude<KqlValue, null>): number | string {
  if (value instanceof Date) return value.getTime();
  if (value instanceof Timespan) return value.ms;
  if (value instanceof Dynamic) return JSON.stringify(value.value);
  if (typeof value === 'boolean') return value ? 1 : 0;

  return value;
}

/** Equality as `==` sees it: same type and value; null equals nothing. */
export function areEqual(left: KqlValue, right: KqlValue): boolean | null {
  const a = unwrap(left);
  const b = unwrap(right);
  if (a === null || b === null) return null;

  return compareValues(a, b) === 0 && typeof sortKey(a) === typeof sortKey(b);
}

/**
 * `has`: the needle is a whole term of the text, ignoring case. Terms are taken as runs of
 * letters, digits and underscores, so `IoT_Cert_Expired` has `IoT_Cert_Expired` but not `cert`.
 */
export function hasTerm(text: string, needle: string): boolean {
  const haystack = text.toLowerCase();
  const term = needle.toLowerCase();
  if (term === '') return true;
  const isWordChar = (c: string | undefined) => c !== undefined && /[\p{L}\p{N}_]/u.test(c);
  for (let at = haystack.indexOf(term); at >= 0; at = haystack.indexOf(term, at + 1)) {
    const before = haystack[at - 1];
    const after = haystack[at + term.length];
    const startsOk = !isWordChar(term[0]) || !isWordChar(before);
    const endsOk = !isWordChar(term[term.length - 1]) || !isWordChar(after);
    if (startsOk && endsOk) return true;
  }

  return false;
}
