import type {
  AlertSummary,
  HubInfo,
  IotSecurityGateway,
  Severity,
} from '../azure/iot-security-gateway.js';
import { SEVERITIES } from '../azure/iot-security-gateway.js';
import { formatUtc, getSeverityColor } from '../cards/format-card-values.js';
import { ErrorCodes } from '../errors.js';
import { defineCommand } from './command.js';
import { UserFacingError } from './message-reply.js';
import { MAX_PAGED_ROWS, parseAlertFilters, type AlertFilters } from './parse-alert-filters.js';
import { resolveSubscription } from './resolve-subscription.js';

/**
 * `show iot alerts [last N h|d] [severity S] [sub X] [hub H] [top N] [page N]`, newest first.
 */
export const showIotAlertsCommand = defineCommand({
  name: 'show iot alerts',
  aliases: ['iot alerts', 'show alerts', 'alerts'],
  usage: 'show iot alerts [last N h|d] [severity S] [sub X] [hub H] [top N] [page N]',
  example: 'show iot alerts last 24h severity high',
  summary: 'Defender for IoT alerts from Log Analytics, newest first (default last 24 h, top 10).',
  operatorOnly: false,
  verb: 'showIotAlerts',
  // Paging buttons send the card's filters as text plus a page number; both are parsed again
  // like typed text, so a crafted button cannot reach the query with anything unchecked (F22).
  argsFromData: (data) =>
    [
      typeof data.filters === 'string' ? data.filters : '',
      ...['last', 'severity', 'sub', 'hub', 'top', 'page']
        .filter((key) => typeof data[key] === 'string' || typeof data[key] === 'number')
        .filter((key) => String(data[key]) !== '')
        .map((key) => `${key} ${String(data[key])}`),
    ]
      .filter((part) => part !== '')
      .join(' '),
  parse: parseAlertFilters,
  async run({ deps }, filters) {
    const subscription = filters.subscription
      ? await resolveSubscription(deps.azure, filters.subscription)
      : undefined;
    const hub = filters.hub
      ? await findHub(deps.azure, filters.hub, subscription?.subscriptionId)
      : undefined;
    const page = filters.page ?? 1;
    // Log Analytics has no offset: read the newest rows up to the end of this page, keep the page.
    const summary = await deps.azure.queryAlerts({
      hours: filters.hours,
      severity: filters.severity,
      subscriptionId: subscription?.subscriptionId,
      hubId: hub?.id,
      top: filters.top * page,
    });
    const filterText = describeFilters(filters, subscription?.displayName, hub?.name);
    const paging = {
      page,
      skip: filters.top * (page - 1),
      hasNext: summary.total > filters.top * page && filters.top * (page + 1) <= MAX_PAGED_ROWS,
      filterArgs: formatFilterArgs(filters, subscription?.subscriptionId, hub?.name),
    };

    // Counts of severities that were filtered out would read as "none of those exist".
    const severities = filters.severity ? [filters.severity] : SEVERITIES;
    const view = { filterText, paging, severities };

    return renderAlerts({ ...summary, rows: summary.rows.slice(paging.skip) }, view);
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
  parts.push(`${filters.top} a page`);

  return `${parts.join(' · ')} · times in UTC`;
}

/** The filters as argument text for the paging buttons; the subscription goes by its id. */
function formatFilterArgs(filters: AlertFilters, subscriptionId?: string, hubName?: string) {
  return [
    `last ${filters.hours}h`,
    filters.severity ? `severity ${filters.severity}` : '',
    subscriptionId ? `sub ${subscriptionId}` : '',
    hubName ? `hub ${hubName}` : '',
    `top ${filters.top}`,
  ]
    .filter((part) => part !== '')
    .join(' ');
}

interface Paging {
  page: number;
  skip: number;
  hasNext: boolean;
  filterArgs: string;
}

interface AlertsView {
  filterText: string;
  paging: Paging;
  /** The severities whose counts the card shows. */
  severities: readonly Severity[];
}

function renderAlerts(summary: AlertSummary, { filterText, paging, severities }: AlertsView) {
  const counts = severities.map((severity) => ({
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
  const countsText = counts.map((c) => `${c.label} ${c.countText}`).join(', ');
  const fallback = [
    `Defender for IoT alerts: ${summary.total} (${countsText})`,
    ...alerts.map((a) => `${a.time} ${a.severity} ${a.name} (device ${a.device}, hub ${a.hub})`),
  ];

  return {
    card: 'alerts' as const,
    trim: { key: 'alerts', noun: 'alerts' },
    fallbackText: fallback.join('\n'),
    data: {
      title: `Defender for IoT alerts (${summary.total})`,
      filterText:
        alerts.length > 0
          ? `${filterText} · showing ${paging.skip + 1}–${paging.skip + alerts.length}`
          : filterText,
      counts,
      alerts,
      emptyText:
        summary.total === 0
          ? 'No Defender for IoT alerts match these filters.'
          : alerts.length === 0
            ? 'No alerts on this page any more; go back a page or refresh.'
            : '',
      moreCount: Math.max(0, summary.total - paging.skip - alerts.length),
      page: paging.page,
      hasNext: paging.hasNext,
      filterArgs: paging.filterArgs,
    },
  };
}
