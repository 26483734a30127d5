import type { AlertSummary, HubInfo, IotSecurityGateway } from '../azure/iot-security-gateway.js';
import { SEVERITIES } from '../azure/iot-security-gateway.js';
import { formatUtc, getSeverityColor } from '../cards/format-card-values.js';
import { ErrorCodes } from '../errors.js';
import { defineCommand } from './command.js';
import { UserFacingError } from './message-reply.js';
import { parseAlertFilters, type AlertFilters } from './parse-alert-filters.js';
import { resolveSubscription } from './resolve-subscription.js';

/** `show iot alerts [last N h|d] [severity S] [sub X] [hub H] [top N]`, newest first. */
export const showIotAlertsCommand = defineCommand({
  name: 'show iot alerts',
  aliases: ['iot alerts', 'show alerts', 'alerts'],
  usage: 'show iot alerts [last N h|d] [severity S] [sub X] [hub H] [top N]',
  example: 'show iot alerts last 24h severity high',
  summary: 'Defender for IoT alerts from Log Analytics, newest first (default last 24 h, top 10).',
  operatorOnly: false,
  verb: 'showIotAlerts',
  argsFromData: (data) =>
    ['last', 'severity', 'sub', 'hub', 'top']
      .filter((key) => typeof data[key] === 'string' || typeof data[key] === 'number')
      .map((key) => `${key} ${String(data[key])}`)
      .join(' '),
  parse: parseAlertFilters,
  async run({ deps }, filters) {
    const subscription = filters.subscription
      ? await resolveSubscription(deps.azure, filters.subscription)
      : undefined;
    const hub = filters.hub
      ? await findHub(deps.azure, filters.hub, subscription?.subscriptionId)
      : undefined;
    const summary = await deps.azure.queryAlerts({
      hours: filters.hours,
      severity: filters.severity,
      subscriptionId: subscription?.subscriptionId,
      hubId: hub?.id,
      top: filters.top,
    });
    const filterText = describeFilters(filters, subscription?.displayName, hub?.name);

    return renderAlerts(summary, filterText);
  },
});

async function findHub(
  azure: IotSecurityGateway,
  name: string,
  subscriptionId: string | undefined,
): Promise<HubInfo> {
  const subscriptionIds = subscriptionId
    ? [subscriptionId]
    : (await azure.listSubscriptions()).map((sub) => sub.subscriptionId);
  const hubs = (await Promise.all(subscriptionIds.map((id) => azure.listHubs(id)))).flat();
  const hub = hubs.find((candidate) => candidate.name.toLowerCase() === name.toLowerCase());
  if (hub) return hub;

  throw new UserFacingError(ErrorCodes.HubNotFound, {
    title: `No IoT hub is named "${name}"`,
    tone: 'warning',
    text: hubs.length > 0 ? 'These are the IoT hubs the bot can see:' : 'The bot sees no IoT hubs.',
    items: hubs.map((h) => h.name),
  });
}

function describeFilters(filters: AlertFilters, subName?: string, hubName?: string): string {
  const range =
    filters.hours >= 48 && filters.hours % 24 === 0
      ? `${filters.hours / 24} d`
      : `${filters.hours} h`;
  const parts = [`Last ${range}`];
  if (filters.severity) parts.push(`severity ${filters.severity}`);
  if (subName) parts.push(`subscription ${subName}`);
  if (hubName) parts.push(`hub ${hubName}`);
  parts.push(`newest ${filters.top} shown`);

  return `${parts.join(' · ')} · times in UTC`;
}

function renderAlerts(summary: AlertSummary, filterText: string) {
  const counts = SEVERITIES.map((severity) => ({
    label: severity,
    color: getSeverityColor(severity),
    countText: String(summary.countsBySeverity[severity] ?? 0),
  }));
  const alerts = summary.rows.map((row) => ({
    id: row.systemAlertId,
    severity: row.severity,
    color: getSeverityColor(row.severity),
    name: row.name,
    time: formatUtc(row.timeGenerated),
    device: row.device || '—',
    hub: row.hub || '—',
  }));
  const fallback = [
    `Defender for IoT alerts: ${summary.total} (${counts.map((c) => `${c.label} ${c.countText}`).join(', ')})`,
    ...alerts.map((a) => `${a.time} ${a.severity} ${a.name} (device ${a.device}, hub ${a.hub})`),
  ];

  return {
    card: 'alerts' as const,
    trim: { key: 'alerts', noun: 'alerts' },
    fallbackText: fallback.join('\n'),
    data: {
      title: `Defender for IoT alerts (${summary.total})`,
      filterText,
      counts,
      alerts,
      emptyText: summary.total === 0 ? 'No Defender for IoT alerts match these filters.' : '',
      moreCount: Math.max(0, summary.total - alerts.length),
    },
  };
}
