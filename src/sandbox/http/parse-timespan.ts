/** A query window: rows with `start <= TimeGenerated < end`. */
export interface TimeWindow {
  start: Date;
  end: Date;
}

/**
 * Reads the query API's `timespan`: an ISO 8601 duration ending now (`P1D`, `PT12H`), or
 * `start/end`, `start/duration`, `duration/end`. Returns null when it is not one of these.
 */
export function parseTimespan(text: string, now: Date): TimeWindow | null {
  const parts = text.split('/');
  if (parts.length === 1) {
    const ms = parseDurationMs(text);
    return ms === null ? null : { start: new Date(now.getTime() - ms), end: now };
  }
  if (parts.length !== 2) return null;
  const [first = '', second = ''] = parts;
  const firstDate = parseDate(first);
  const secondDate = parseDate(second);
  if (firstDate && secondDate) return { start: firstDate, end: secondDate };
  const firstMs = parseDurationMs(first);
  const secondMs = parseDurationMs(second);
  if (firstDate && secondMs !== null)
    return { start: firstDate, end: new Date(firstDate.getTime() + secondMs) };
  if (firstMs !== null && secondDate)
    return { start: new Date(secondDate.getTime() - firstMs), end: secondDate };

  return null;
}

function parseDate(text: string): Date | null {
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return null;
  const date = new Date(text);

  return Number.isNaN(date.getTime()) ? null : date;
}

const NUMBER = '(\\d+(?:\\.\\d+)?)';
const DURATION = new RegExp(
  `^P(?:${NUMBER}W)?(?:${NUMBER}D)?(?:T(?:${NUMBER}H)?(?:${NUMBER}M)?(?:${NUMBER}S)?)?$`,
);

function parseDurationMs(text: string): number | null {
  const match = DURATION.exec(text);
  if (!match || text === 'P' || text.endsWith('T')) return null;
  const [, weeks, days, hours, minutes, seconds] = match.map((part) => Number(part ?? 0));

  return ((((weeks! * 7 + days!) * 24 + hours!) * 60 + minutes!) * 60 + seconds!) * 1000;
}
