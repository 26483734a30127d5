import { SEVERITIES, type Severity } from '../azure/iot-security-gateway.js';
import { UsageError } from '../errors.js';

/** What `show iot alerts` was asked for, every value in its strict form (F22). */
export interface AlertFilters {
  hours: number;
  severity?: Severity;
  /** A subscription reference (id or name), resolved to a GUID before any query. */
  subscription?: string;
  /** An IoT hub name, resolved to its ARM id before any query. */
  hub?: string;
  top: number;
  /** Which page of `top` rows, from 1; absent means the first. */
  page?: number;
}

export const DEFAULT_HOURS = 24;
export const DEFAULT_TOP = 10;
export const MAX_TOP = 50;
/** Log Analytics keeps SecurityAlert for 90 days by default. */
export const MAX_HOURS = 90 * 24;
/** Paging reads the newest rows up to the end of the page, so it stops at this many. */
export const MAX_PAGED_ROWS = 500;

/** IoT Hub names: 3–50 letters, digits and hyphens. */
export const HUB_NAME_PATTERN = /^[A-Za-z0-9-]{3,50}$/;

const KEYWORDS = ['last', 'severity', 'sub', 'hub', 'top', 'page'] as const;
type Keyword = (typeof KEYWORDS)[number];

const USAGE =
  'Filters: `last N h` or `last N d`, `severity High|Medium|Low|Informational`, `sub X`, ' +
  '`hub NAME`, `top N` (at most 50), `page N`. ' +
  'For example `show iot alerts last 24h severity high`.';

/**
 * Parses `[last N h|d] [severity S] [sub X] [hub H] [top N]` in any order. Anything else is
 * refused with the list of filters, so no unexpected word can ever reach a query.
 *
 * @throws UsageError naming the part that is not understood.
 */
export function parseAlertFilters(args: string): AlertFilters {
  const words = args
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '');
  const values = new Map<Keyword, string>();
  let index = 0;
  while (index < words.length) {
    const keyword = (words[index] ?? '').toLowerCase() as Keyword;
    if (!KEYWORDS.includes(keyword)) {
      throw new UsageError(`I don't know the filter "${clip(words[index])}". ${USAGE}`);
    }
    if (values.has(keyword)) throw new UsageError(`"${keyword}" is given twice. ${USAGE}`);
    let end = index + 1;
    while (end < words.length && !KEYWORDS.includes(words[end]?.toLowerCase() as Keyword)) end += 1;
    const value = words.slice(index + 1, end).join(' ');
    if (value === '') throw new UsageError(`"${keyword}" needs a value. ${USAGE}`);
    values.set(keyword, value);
    index = end;
  }

  const top = values.has('top') ? parseTop(values.get('top') ?? '') : DEFAULT_TOP;

  return {
    hours: values.has('last') ? parseDuration(values.get('last') ?? '') : DEFAULT_HOURS,
    severity: values.has('severity') ? parseSeverity(values.get('severity') ?? '') : undefined,
    subscription: values.get('sub'),
    hub: values.has('hub') ? parseHubName(values.get('hub') ?? '') : undefined,
    top,
    page: values.has('page') ? parsePage(values.get('page') ?? '', top) : undefined,
  };
}

function parsePage(value: string, top: number): number {
  const page = /^\d{1,3}$/.test(value) ? Number(value) : Number.NaN;
  const last = Math.floor(MAX_PAGED_ROWS / top);
  if (!(page >= 1 && page <= last)) {
    throw new UsageError(`"page" takes a number from 1 to ${last} for ${top} alerts a page.`);
  }

  return page;
}

function parseDuration(value: string): number {
  const match = /^(\d{1,4})\s*(h|hours?|d|days?)$/i.exec(value);
  const amount = Number(match?.[1]);
  if (!match || amount < 1) {
    throw new UsageError(
      `"${clip(value)}" is not a time range: use for example \`last 24h\` or \`last 7d\`.`,
    );
  }
  const hours = match[2]?.toLowerCase().startsWith('d') ? amount * 24 : amount;
  if (hours > MAX_HOURS) throw new UsageError('The time range can be at most 90 days.');

  return hours;
}

function parseSeverity(value: string): Severity {
  const severity = SEVERITIES.find((s) => s.toLowerCase() === value.toLowerCase());
  if (!severity) {
    throw new UsageError(`"${clip(value)}" is not a severity: use ${SEVERITIES.join(', ')}.`);
  }

  return severity;
}

function parseHubName(value: string): string {
  if (!HUB_NAME_PATTERN.test(value)) {
    throw new UsageError(
      `"${clip(value)}" is not an IoT hub name: names have 3 to 50 letters, digits and hyphens.`,
    );
  }

  return value;
}

function parseTop(value: string): number {
  const top = /^\d{1,3}$/.test(value) ? Number(value) : Number.NaN;
  if (!(top >= 1 && top <= MAX_TOP)) {
    throw new UsageError(`"top" takes a number from 1 to ${MAX_TOP}.`);
  }

  return top;
}

/** Echoed input is shortened so a long paste does not fill the card. */
function clip(value: string | undefined): string {
  const text = value ?? '';

  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}
