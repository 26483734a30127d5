import type { AuditEntry } from './access-policy.js';

/** How many entries `audit` shows when no number is given. */
export const DEFAULT_AUDIT_LIMIT = 20;
/** The most entries `audit last N` shows, whatever N is. */
export const MAX_AUDIT_LIMIT = 100;

/**
 * Parses `audit`, `audit last N` and `audit N` (case-insensitive, any spacing). N is clamped
 * to 1–100; anything else after `audit` is not this command, so the router can suggest one.
 */
export function parseAuditCommand(text: string): { limit: number } | undefined {
  const match = /^audit(?:\s+(?:last\s+)?(\d{1,6}))?$/i.exec(text.trim().replace(/\s+/g, ' '));
  if (!match) return undefined;
  const asked = match[1] === undefined ? DEFAULT_AUDIT_LIMIT : Number(match[1]);

  return { limit: Math.min(Math.max(asked, 1), MAX_AUDIT_LIMIT) };
}

/** One row of the audit card; every field is display text. */
export interface AuditRow {
  /** `2026-01-07 06:05:03 UTC`. */
  time: string;
  who: string;
  whoId: string;
  action: string;
  target: string;
  result: AuditEntry['result'];
  resultColor: 'good' | 'default' | 'attention' | 'warning';
  correlationId: string;
}

const RESULT_COLORS: Record<AuditEntry['result'], AuditRow['resultColor']> = {
  succeeded: 'good',
  unchanged: 'default',
  failed: 'attention',
  refused: 'warning',
};

/**
 * The audit card's row for an entry. Names and targets come from people and Azure; the card
 * renderer neutralises them as data (F25), so they are passed through unchanged here.
 */
export function toAuditRow(entry: AuditEntry): AuditRow {
  const time = new Date(entry.at);

  return {
    time: Number.isNaN(time.getTime())
      ? 'unknown time'
      : `${time.toISOString().slice(0, 19).replace('T', ' ')} UTC`,
    who: entry.actor.name ?? 'unknown',
    whoId: entry.actor.aadObjectId ?? 'no object id',
    action: entry.action,
    target: entry.target,
    result: entry.result,
    resultColor: RESULT_COLORS[entry.result] ?? 'default',
    correlationId: entry.correlationId ?? '',
  };
}

/**
 * One plain-text line per entry, for the card's text fallback. Names and targets come from people
 * and Azure, so Markdown and card-template characters are escaped: they show as typed and never
 * become links (F25).
 */
export function formatAuditLine(entry: AuditEntry): string {
  const who = entry.actor.name ?? entry.actor.aadObjectId ?? 'unknown';
  const parts = [
    entry.at,
    escapeText(who),
    escapeText(entry.action),
    escapeText(entry.target),
    entry.result,
  ];
  if (entry.correlationId) parts.push(`correlation ${escapeText(entry.correlationId)}`);

  return parts.join(' · ');
}

function escapeText(value: string): string {
  return value
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_[\]()<>#|~!{}$]/g, (char) => `\\${char}`)
    .slice(0, 200);
}
