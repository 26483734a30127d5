import { randomUUID } from 'node:crypto';
import { SANDBOX_DATA } from '../sandbox-data.js';
import type { SandboxContext } from '../sandbox-context.js';
import { KqlQueryError } from '../kql/kql-query-error.js';
import { runQuery } from '../kql/run-query.js';
import { parseTimespan } from '../http/parse-timespan.js';
import { isObject, sendJson, type Route, type SandboxResponse } from '../http/sandbox-http.js';

/** Log Analytics' data-plane query API, `POST /v1/workspaces/{workspaceId}/query`. */
export function createLogsQueryRoute(context: SandboxContext): Route {
  return {
    method: 'POST',
    pattern: /^\/v1\/workspaces\/(?<workspace>[^/]+)\/query$/i,
    handle: (request, { workspace = '' }) => {
      if (workspace.toLowerCase() !== SANDBOX_DATA.workspace.workspaceId) {
        return oneApiError(
          404,
          'WorkspaceNotFoundError',
          `The workspace '${workspace}' could not be found.`,
        );
      }
      const body = request.body;
      if (!isObject(body) || typeof body.query !== 'string' || body.query.trim() === '') {
        return oneApiError(
          400,
          'BadArgumentError',
          "The request had some invalid properties: 'query' is required.",
        );
      }
      const now = context.now();
      const window = typeof body.timespan === 'string' ? parseTimespan(body.timespan, now) : null;
      if (body.timespan !== undefined && !window) {
        return oneApiError(
          400,
          'BadArgumentError',
          `The timespan '${String(body.timespan)}' is not a valid ISO 8601 interval or duration.`,
        );
      }
      const rows = context.alerts
        .listVisible(now)
        .filter((stored) => !window || isInside(stored.row.TimeGenerated as Date, window))
        .map((stored) => ({ cells: { ...stored.row }, ingestedAt: stored.ingestedAt }));

      try {
        const table = runQuery(body.query, { rows, now });
        const prefer = readPrefer(request.headers.prefer);
        return sendJson(
          200,
          {
            tables: [table],
            ...(prefer.statistics
              ? {
                  statistics: {
                    query: {
                      executionTime: 0.004,
                      resourceUsage: { cache: {}, cpu: {}, memory: {} },
                      inputDatasetStatistics: {
                        extents: { total: 1, scanned: 1 },
                        rows: { total: rows.length, scanned: rows.length },
                      },
                    },
                  },
                }
              : {}),
          },
          prefer.applied ? { 'Preference-Applied': prefer.applied } : undefined,
        );
      } catch (error) {
        if (!(error instanceof KqlQueryError)) throw error;
        return queryRefused(error);
      }
    },
  };
}

function isInside(time: Date, window: { start: Date; end: Date }): boolean {
  return time >= window.start && time < window.end;
}

/** The `Prefer` options the service honours: `wait=<seconds>` and `include-statistics=true`. */
export function readPrefer(header: string | string[] | undefined): {
  waitSeconds?: number;
  statistics: boolean;
  applied?: string;
} {
  const options = (Array.isArray(header) ? header.join(',') : (header ?? ''))
    .split(',')
    .map((option) => option.trim())
    .filter(Boolean);
  const wait = options.find((option) => option.startsWith('wait='));
  const waitSeconds = wait ? Number.parseInt(wait.slice(5), 10) : undefined;
  const statistics = options.includes('include-statistics=true');
  const applied = [
    ...(waitSeconds !== undefined && Number.isFinite(waitSeconds) ? [`wait=${waitSeconds}`] : []),
    ...(statistics ? ['include-statistics=true'] : []),
  ].join(',');

  return {
    waitSeconds: Number.isFinite(waitSeconds) ? waitSeconds : undefined,
    statistics,
    applied: applied || undefined,
  };
}

/** The query API's error body: code, message, and a nested inner error. */
export function oneApiError(
  status: number,
  code: string,
  message: string,
  innererror?: unknown,
): SandboxResponse {
  return sendJson(status, {
    error: { message, code, correlationId: randomUUID(), ...(innererror ? { innererror } : {}) },
  });
}

function queryRefused(error: KqlQueryError): SandboxResponse {
  return oneApiError(400, 'BadArgumentError', 'The request had some invalid properties', {
    code: error.kind,
    message: error.message,
    innererror: { code: error.diagnosticCode, message: error.message },
  });
}
