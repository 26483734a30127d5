import type { Severity } from '../azure/iot-security-gateway.js';

/** Adaptive Card text colours the cards use; they read well in Teams' light and dark themes. */
export type CardColor = 'default' | 'good' | 'warning' | 'attention' | 'accent';

const SEVERITY_COLORS: Record<Severity, CardColor> = {
  High: 'attention',
  Medium: 'warning',
  Low: 'accent',
  Informational: 'default',
};

/** Colour for an alert severity; unknown severities are shown in the default colour. */
export function getSeverityColor(severity: string): CardColor {
  return SEVERITY_COLORS[severity as Severity] ?? 'default';
}

/**
 * Formats a time as `2025-10-08 17:33 UTC`. Cards show UTC with the zone written out because
 * people in one channel sit in different time zones; an invalid date gives "unknown time".
 */
export function formatUtc(value: Date | string | undefined): string {
  const date = value instanceof Date ? value : new Date(value ?? Number.NaN);
  if (Number.isNaN(date.getTime())) return 'unknown time';

  return `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** `1 hub`, `3 hubs`. */
export function formatCount(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}
