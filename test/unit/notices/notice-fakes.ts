import { LogsQueryResultStatus, type LogsQueryResult } from '@azure/monitor-query-logs';
import type { Activity, ConversationReference } from 'botbuilder';
import { createLogger, type Logger } from '../../../src/logging/create-logger.js';
import type { NoticeSender } from '../../../src/notices/create-notice-sender.js';
import type { AlertLogsClient } from '../../../src/notices/read-new-alerts.js';

export const SUB_A = '11111111-2222-3333-4444-555555555555';
export const SUB_B = '99999999-8888-7777-6666-555555555555';

/** A SecurityAlert row as Log Analytics returns it, plus the hidden ingestion time. */
export interface FakeRow {
  SystemAlertId: string;
  AlertName?: string;
  AlertSeverity?: string;
  Status?: string;
  ResourceId?: string;
  ExtendedProperties?: string;
  RemediationSteps?: string;
  TimeGenerated: Date;
  IngestedAt: Date;
}

export function hubId(subscriptionId: string, hub: string): string {
  return (
    `/subscriptions/${subscriptionId}/resourceGroups/rg-iot` +
    `/providers/Microsoft.Devices/IotHubs/${hub}`
  );
}

export function makeRow(id: string, overrides: Partial<FakeRow> & { at?: string } = {}): FakeRow {
  const at = new Date(overrides.at ?? '2026-12-03T12:00:00Z');
  return {
    SystemAlertId: id,
    AlertName: `Alert ${id}`,
    AlertSeverity: 'High',
    Status: 'New',
    ResourceId: hubId(SUB_A, 'hub-a'),
    ExtendedProperties: JSON.stringify({ DeviceId: `device-${id}` }),
    RemediationSteps: JSON.stringify(['Isolate the device.', 'Rotate its keys.']),
    TimeGenerated: at,
    IngestedAt: at,
    ...overrides,
  };
}

/**
 * A Log Analytics stand-in that understands the poll query's two moving parts: the lower
 * ingestion bound and the page size. Rows become visible once the clock passes `IngestedAt`.
 */
export class FakeLogs implements AlertLogsClient {
  rows: FakeRow[] = [];
  queries: string[] = [];
  /** Errors or partial answers for the next calls, in order. */
  script: Array<Error | { partial: number }> = [];

  constructor(private readonly clock: () => Date) {}

  async queryWorkspace(_workspaceId: string, query: string): Promise<LogsQueryResult> {
    this.queries.push(query);
    const next = this.script.shift();
    if (next instanceof Error) throw next;
    const from = new Date(/datetime\(([^)]+)\)/.exec(query)?.[1] ?? 0);
    const take = Number(/take (\d+)/.exec(query)?.[1] ?? 1000);
    const visible = this.rows
      .filter((row) => row.IngestedAt <= this.clock() && row.IngestedAt >= from)
      .sort((a, b) => a.IngestedAt.getTime() - b.IngestedAt.getTime())
      .slice(0, next ? next.partial : take);
    const columns = [
      'SystemAlertId',
      'AlertName',
      'AlertSeverity',
      'Status',
      'ResourceId',
      'ExtendedProperties',
      'RemediationSteps',
      'TimeGenerated',
      'IngestedAt',
    ] as const;
    const table = {
      name: 'PrimaryResult',
      columnDescriptors: columns.map((name) => ({ name, type: 'string' as const })),
      rows: visible.map((row) => columns.map((name) => row[name] ?? '')),
    };
    if (next) {
      return {
        status: LogsQueryResultStatus.PartialFailure,
        partialTables: [table],
        partialError: { code: 'PartialError', message: 'E_QUERY_RESULT_SET_TOO_LARGE' },
      } as LogsQueryResult;
    }
    return { status: LogsQueryResultStatus.Success, tables: [table] } as LogsQueryResult;
  }
}

export interface SentMessage {
  conversationId: string;
  activity: Partial<Activity>;
}

/** Records sends; scripted failures are thrown by the next sends to a conversation. */
export class FakeSender implements NoticeSender {
  sent: SentMessage[] = [];
  attempts: SentMessage[] = [];
  failures = new Map<string, unknown[]>();

  failNext(conversationId: string, ...errors: unknown[]): void {
    this.failures.set(conversationId, [...(this.failures.get(conversationId) ?? []), ...errors]);
  }

  async send(reference: Partial<ConversationReference>, activity: Partial<Activity>) {
    const conversationId = reference.conversation?.id ?? '';
    this.attempts.push({ conversationId, activity });
    const error = this.failures.get(conversationId)?.shift();
    if (error) throw error;
    this.sent.push({ conversationId, activity });
    return `activity-${this.sent.length}`;
  }

  to(conversationId: string): SentMessage[] {
    return this.sent.filter((message) => message.conversationId === conversationId);
  }
}

/** A logger whose JSON lines are kept for assertions. */
export function createMemoryLogger(): {
  logger: Logger;
  lines: () => Array<Record<string, unknown>>;
} {
  const chunks: string[] = [];
  const logger = createLogger({
    level: 'debug',
    destination: { write: (chunk: string) => void chunks.push(chunk) },
  });
  return {
    logger,
    lines: () => chunks.map((chunk) => JSON.parse(chunk) as Record<string, unknown>),
  };
}

/** Text of what a message shows: its text or its card's fallback text. */
export function describeMessage(activity: Partial<Activity>): string {
  const card = activity.attachments?.[0]?.content as { fallbackText?: string } | undefined;
  return activity.text ?? card?.fallbackText ?? '';
}
