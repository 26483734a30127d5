import {
  LogsQueryResultStatus,
  type LogsQueryOptions,
  type LogsQueryResult,
  type LogsTable,
  type QueryTimeInterval,
} from '@azure/monitor-query-logs';
import { parseSeverity } from './match-watch.js';
import type { AlertSummary } from './notice-types.js';

/** The one call of `LogsQueryClient` the poller makes. */
export interface AlertLogsClient {
  queryWorkspace(
    workspaceId: string,
    query: string,
    timespan: QueryTimeInterval,
    options?: LogsQueryOptions,
  ): Promise<LogsQueryResult>;
}

export interface ReadNewAlertsOptions {
  workspaceId: string;
  /** Rows ingested at or after this moment are read. */
  ingestedFrom: Date;
  /** At most this many rows, oldest ingestion first. */
  pageSize: number;
  now: Date;
  serverTimeoutSeconds: number;
  abortSignal?: AbortSignal;
}

/** One page of SecurityAlert rows in ingestion order. */
export interface AlertPage {
  alerts: AlertSummary[];
  /** False for a partial result: rows may be missing, so the watermark must not move. */
  complete: boolean;
  partialErrorCode?: string;
  /** As many rows as asked for: more may follow at the same or later ingestion times. */
  full: boolean;
  /** Ingestion time of the last row read, if any. */
  lastIngestedAt?: string;
}

export const IOT_PRODUCT_NAME = 'Azure Security Center for IoT';

/** Rows can carry a TimeGenerated up to two days before their ingestion (Log Analytics limit). */
const MAX_GENERATION_LAG_MS = 2 * 24 * 3600 * 1000;
const COLUMNS = [
  'SystemAlertId',
  'AlertName',
  'AlertSeverity',
  'Status',
  'ResourceId',
  'CompromisedEntity',
  'Description',
  'RemediationSteps',
  'ExtendedProperties',
  'AlertLink',
  'TimeGenerated',
  'IngestedAt',
];

/**
 * Builds the poll query. It filters on `ingestion_time()`, not `TimeGenerated`, because rows
 * arrive minutes after they are generated (F21). The only value in it is a datetime the bot
 * formatted itself; no user text ever reaches it.
 */
export function buildNewAlertsQuery(ingestedFrom: Date, pageSize: number): string {
  return [
    'SecurityAlert',
    `| where ProductName == "${IOT_PRODUCT_NAME}"`,
    '| extend IngestedAt = ingestion_time()',
    `| where IngestedAt >= datetime(${ingestedFrom.toISOString()})`,
    '| order by IngestedAt asc',
    `| take ${Math.trunc(pageSize)}`,
    `| project ${COLUMNS.join(', ')}`,
  ].join('\n');
}

/**
 * Reads one page of Defender for IoT alert rows ingested since `ingestedFrom`. A partial result
 * (F23) returns the rows it has with `complete: false`; errors (timeouts, credentials not
 * ready, throttling) are thrown unchanged for the poller to back off on.
 */
export async function readNewAlerts(
  client: AlertLogsClient,
  options: ReadNewAlertsOptions,
): Promise<AlertPage> {
  const query = buildNewAlertsQuery(options.ingestedFrom, options.pageSize);
  const timespan = {
    startTime: new Date(options.ingestedFrom.getTime() - MAX_GENERATION_LAG_MS),
    endTime: new Date(options.now.getTime() + 3600 * 1000),
  };
  const result = await client.queryWorkspace(options.workspaceId, query, timespan, {
    serverTimeoutInSeconds: options.serverTimeoutSeconds,
    abortSignal: options.abortSignal,
  });
  // The SDK's result shape depends on the status; `tables` exists only on success.
  const complete = result.status === LogsQueryResultStatus.Success;
  const tables = complete ? result.tables : result.partialTables;
  const rows = tables[0] ? readTable(tables[0]) : [];
  const alerts = rows
    .map(parseAlertRow)
    .filter((alert): alert is AlertSummary => alert !== undefined);

  return {
    alerts,
    complete,
    partialErrorCode: complete ? undefined : (result.partialError?.code ?? 'PartialError'),
    full: rows.length >= options.pageSize,
    lastIngestedAt: alerts.at(-1)?.ingestedAt,
  };
}

function readTable(table: LogsTable): Array<Record<string, unknown>> {
  const names = table.columnDescriptors.map((column) => column.name ?? '');

  return table.rows.map((row) =>
    Object.fromEntries(names.map((name, index) => [name, row[index]])),
  );
}

const HUB_ID = new RegExp(
  '^/subscriptions/([^/]+)/resourceGroups/[^/]+/providers/Microsoft\\.Devices/IotHubs/([^/]+)',
  'i',
);

/** Turns one row into an `AlertSummary`; undefined when it lacks an id or times. */
export function parseAlertRow(row: Record<string, unknown>): AlertSummary | undefined {
  const systemAlertId = text(row.SystemAlertId);
  const generatedAt = isoTime(row.TimeGenerated);
  const ingestedAt = isoTime(row.IngestedAt);
  if (!systemAlertId || !generatedAt || !ingestedAt) return undefined;
  const resourceId = text(row.ResourceId) ?? '';
  const hub = HUB_ID.exec(resourceId);
  const alertLink = text(row.AlertLink);

  return {
    systemAlertId,
    alertName: text(row.AlertName) ?? 'Defender for IoT alert',
    severity: parseSeverity(text(row.AlertSeverity) ?? '') ?? 'Informational',
    status: text(row.Status) ?? 'New',
    subscriptionId: (hub?.[1] ?? '').toLowerCase(),
    hubName: hub?.[2] ?? '',
    resourceId,
    deviceId: readJsonField(row.ExtendedProperties, 'DeviceId') ?? text(row.CompromisedEntity),
    description: text(row.Description),
    firstRemediationStep: readFirstStep(row.RemediationSteps),
    generatedAt,
    ingestedAt,
    portalUrl: buildPortalUrl(alertLink, resourceId),
  };
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

function isoTime(value: unknown): string | undefined {
  const date =
    value instanceof Date ? value : typeof value === 'string' ? new Date(value) : undefined;

  return date && !Number.isNaN(date.getTime()) ? date.toISOString() : undefined;
}

/** Azure keeps these columns as JSON inside a string; a malformed one is simply not shown. */
function readJsonField(value: unknown, field: string): string | undefined {
  try {
    const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
    const found = (parsed as Record<string, unknown> | null)?.[field];
    return text(found);
  } catch {
    return undefined;
  }
}

function readFirstStep(value: unknown): string | undefined {
  try {
    const parsed: unknown = typeof value === 'string' ? JSON.parse(value) : value;
    return Array.isArray(parsed) ? text(parsed[0]) : undefined;
  } catch {
    return text(value);
  }
}

function buildPortalUrl(alertLink: string | undefined, resourceId: string): string {
  if (alertLink?.startsWith('https://portal.azure.com/')) return alertLink;
  if (resourceId.startsWith('/subscriptions/')) {
    return `https://portal.azure.com/#resource${resourceId}/overview`;
  }

  return 'https://portal.azure.com/';
}
