import type { LogsQueryResult, LogsTable, QueryTimeInterval } from '@azure/monitor-query-logs';
import type {
  AlertDetail,
  AlertQuery,
  AlertRow,
  AlertSummary,
  WorkspaceRef,
} from './iot-security-gateway.js';
import {
  parseEntities,
  parseExtendedProperties,
  parseRemediationSteps,
} from './parse-alert-columns.js';
import { quoteKqlString } from './quote-kql-string.js';

/** The narrow part of `LogsQueryClient` the alert queries use. */
export interface LogsQueryApi {
  queryWorkspace(
    workspaceId: string,
    query: string,
    timespan: QueryTimeInterval,
  ): Promise<LogsQueryResult>;
}

/** The product name Defender for IoT alerts carry in SecurityAlert. */
export const IOT_PRODUCT_NAME = 'Azure Security Center for IoT';

/** How far back `show alert ID` looks. */
export const ALERT_LOOKUP_DAYS = 90;

type Cells = Record<string, unknown>;

/**
 * Builds the filtered, de-duplicated alert query. Only validated values reach it and each goes
 * through {@link quoteKqlString}; numbers are checked to be integers.
 */
export function buildAlertQuery(query: AlertQuery): string {
  const lines = [
    'SecurityAlert',
    `| where ProductName == ${quoteKqlString(IOT_PRODUCT_NAME)}`,
    `| where TimeGenerated > ago(${toInteger(query.hours)}h)`,
  ];
  if (query.severity) lines.push(`| where AlertSeverity == ${quoteKqlString(query.severity)}`);
  if (query.subscriptionId) {
    lines.push(
      `| where ResourceId startswith ${quoteKqlString(`/subscriptions/${query.subscriptionId}/`)}`,
    );
  }
  if (query.hubId) lines.push(`| where ResourceId =~ ${quoteKqlString(query.hubId)}`);
  // An alert gets a new row whenever its status changes; count and show each alert once.
  lines.push('| summarize arg_max(TimeGenerated, *) by SystemAlertId');

  return lines.join('\n');
}

/** Runs the counts and the newest rows for a filter. */
export async function queryIotAlerts(
  api: LogsQueryApi,
  workspace: WorkspaceRef,
  query: AlertQuery,
): Promise<AlertSummary> {
  const base = buildAlertQuery(query);
  const timespan = { duration: `PT${toInteger(query.hours)}H` };
  const counts = await runQuery(
    api,
    workspace,
    `${base}\n| summarize Count = count() by AlertSeverity`,
    timespan,
  );
  const rows = await runQuery(
    api,
    workspace,
    `${base}\n| sort by TimeGenerated desc\n| take ${toInteger(query.top)}`,
    timespan,
  );
  const countsBySeverity: Record<string, number> = {};
  for (const row of counts) {
    countsBySeverity[String(row.AlertSeverity)] = Number(row.Count ?? 0);
  }

  return {
    countsBySeverity,
    total: Object.values(countsBySeverity).reduce((sum, count) => sum + count, 0),
    rows: rows.map(toAlertRow),
  };
}

/** Reads one alert, newest row first, from the last {@link ALERT_LOOKUP_DAYS} days. */
export async function getIotAlert(
  api: LogsQueryApi,
  workspace: WorkspaceRef,
  systemAlertId: string,
): Promise<AlertDetail | undefined> {
  const hours = ALERT_LOOKUP_DAYS * 24;
  const query = [
    'SecurityAlert',
    `| where ProductName == ${quoteKqlString(IOT_PRODUCT_NAME)}`,
    `| where TimeGenerated > ago(${hours}h)`,
    `| where SystemAlertId == ${quoteKqlString(systemAlertId)}`,
    '| sort by TimeGenerated desc',
    '| take 1',
  ].join('\n');
  const [row] = await runQuery(api, workspace, query, { duration: `P${ALERT_LOOKUP_DAYS}D` });
  if (!row) return undefined;

  return {
    ...toAlertRow(row),
    description: text(row.Description),
    status: text(row.Status),
    alertType: text(row.AlertType),
    resourceId: text(row.ResourceId),
    productName: text(row.ProductName),
    providerName: text(row.ProviderName),
    startTime: toDate(row.StartTime),
    endTime: toDate(row.EndTime),
    remediationSteps: parseRemediationSteps(row.RemediationSteps),
    extendedProperties: parseExtendedProperties(row.ExtendedProperties),
    entities: parseEntities(row.Entities),
  };
}

async function runQuery(
  api: LogsQueryApi,
  workspace: WorkspaceRef,
  query: string,
  timespan: QueryTimeInterval,
): Promise<Cells[]> {
  const result = await api.queryWorkspace(workspace.workspaceId, query, timespan);
  // A partial result still carries the rows it has; showing them beats showing nothing (F23).
  const tables = result.status === 'Success' ? result.tables : result.partialTables;

  return tables[0] ? toObjects(tables[0]) : [];
}

function toObjects(table: LogsTable): Cells[] {
  const names = table.columnDescriptors.map((column) => column.name ?? '');

  return table.rows.map((cells) => Object.fromEntries(names.map((name, i) => [name, cells[i]])));
}

function toAlertRow(row: Cells): AlertRow {
  const resourceId = text(row.ResourceId);
  const device = parseExtendedProperties(row.ExtendedProperties)?.DeviceId;

  return {
    systemAlertId: text(row.SystemAlertId),
    timeGenerated: toDate(row.TimeGenerated) ?? new Date(Number.NaN),
    severity: text(row.AlertSeverity),
    name: text(row.AlertName) || text(row.DisplayName),
    device: device || text(row.CompromisedEntity),
    hub: /\/iothubs\/([^/]+)$/i.exec(resourceId)?.[1] ?? '',
  };
}

function text(value: unknown): string {
  return typeof value === 'string' ? value : value == null ? '' : String(value);
}

function toDate(value: unknown): Date | undefined {
  const date = value instanceof Date ? value : typeof value === 'string' ? new Date(value) : null;

  return date && !Number.isNaN(date.getTime()) ? date : undefined;
}

function toInteger(value: number): number {
  return Number.isInteger(value) && value > 0 ? value : 1;
}
