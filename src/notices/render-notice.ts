import type { Activity } from 'botbuilder';
import { getSeverityColor } from '../cards/format-card-values.js';
import type { CardReply } from '../cards/render-card.js';
import { compareAlertsWorstFirst } from './match-watch.js';
import { SEVERITIES, type AlertSummary } from './notice-types.js';

/** Alerts shown by name in a digest; the rest are counted as "N more". */
export const DIGEST_LIST_SIZE = 5;

const PLACEHOLDER = '—';
/** Every notice says why it came and how to stop it (Teams' guidance for proactive messages). */
const OPT_OUT =
  'You get this because this conversation watches Defender for IoT alerts. ' +
  'Type `show watches` to see why, `unwatch` to stop.';

/** Cuts text that goes on a card so one long Azure field cannot push a card past Teams' limit. */
function clip(value: string | undefined, max: number): string {
  if (!value || value.trim() === '') return PLACEHOLDER;

  return value.length > max ? `${value.slice(0, max - 1)}…` : value;
}

/** `Contoso-OT (<id>)`: the name other cards use, with the id that tells namesakes apart. */
function describeSubscription(alert: AlertSummary): string {
  if (!alert.subscriptionId) return PLACEHOLDER;
  if (!alert.subscriptionName) return alert.subscriptionId;

  return `${clip(alert.subscriptionName, 80)} (${alert.subscriptionId})`;
}

/** `2026-12-03 16:40 UTC`: cards show UTC with the zone written out. */
export function formatUtc(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function describeAlert(alert: AlertSummary) {
  return {
    alertId: alert.systemAlertId,
    alertName: clip(alert.alertName, 200),
    severity: alert.severity,
    severityColor: getSeverityColor(alert.severity),
    device: clip(alert.deviceId, 120),
    hubName: clip(alert.hubName, 60),
    subscriptionId: alert.subscriptionId || PLACEHOLDER,
    timeUtc: formatUtc(alert.generatedAt),
    portalUrl: alert.portalUrl,
  };
}

/** One alert as the `alert-notice` card: severity as colour, what, where, when, first step. */
export function renderNotice(alert: AlertSummary): CardReply {
  const fallbackText =
    `${alert.severity} Defender for IoT alert: ${clip(alert.alertName, 200)} ` +
    `on ${clip(alert.deviceId, 120)} (hub ${clip(alert.hubName, 60)}).`;

  return {
    card: 'alert-notice',
    fallbackText,
    data: {
      ...describeAlert(alert),
      subscription: describeSubscription(alert),
      status: clip(alert.status, 40),
      firstStep: clip(alert.firstRemediationStep, 500),
      optOut: OPT_OUT,
    },
  };
}

/** Many alerts for one conversation from one poll as one `alert-digest` card. */
export function renderDigest(alerts: AlertSummary[]): CardReply {
  const sorted = [...alerts].sort(compareAlertsWorstFirst);
  const worst = sorted[0]?.severity ?? 'Informational';
  const countsLine = [...SEVERITIES]
    .reverse()
    .map((severity) => ({ severity, count: alerts.filter((a) => a.severity === severity).length }))
    .filter((entry) => entry.count > 0)
    .map((entry) => `${entry.count} ${entry.severity}`)
    .join(' · ');
  const moreCount = Math.max(0, alerts.length - DIGEST_LIST_SIZE);
  const title = `${alerts.length} new Defender for IoT alerts`;

  return {
    card: 'alert-digest',
    fallbackText: `${title}: ${countsLine}.`,
    data: {
      title,
      countsLine,
      severityColor: getSeverityColor(worst),
      worst: sorted.slice(0, DIGEST_LIST_SIZE).map(describeAlert),
      moreCount,
      moreLine: `${moreCount} more: type \`show iot alerts\` to see them all.`,
      optOut: OPT_OUT,
    },
  };
}

/** The short text sent instead when Teams refuses a card as too large (413, F15). */
export function renderTextFallback(alerts: AlertSummary[]): Partial<Activity> {
  const first = alerts[0];
  const text =
    alerts.length === 1 && first
      ? `${first.severity} Defender for IoT alert: ${clip(first.alertName, 200)} ` +
        `(hub ${clip(first.hubName, 60)}, ${formatUtc(first.generatedAt)}). ` +
        `Details: ${first.portalUrl}`
      : `${alerts.length} new Defender for IoT alerts. Type \`show iot alerts\` to see them.`;

  return { type: 'message', text };
}
