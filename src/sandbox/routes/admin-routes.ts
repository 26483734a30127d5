import { UsageError } from '../../errors.js';
import { SANDBOX_DATA } from '../sandbox-data.js';
import type { SandboxContext } from '../sandbox-context.js';
import type { FaultSpec } from '../http/fault-switch.js';
import type { SandboxTokens } from '../http/sandbox-credential.js';
import { isObject, sendJson, type Route } from '../http/sandbox-http.js';

/**
 * Test controls for other processes, under `/_sandbox/` (a prefix Azure never uses):
 * `POST /_sandbox/faults` (body: a fault; `pathPattern` is a substring, or `pathRegex` a
 * regular expression) → `{ id }`; `DELETE /_sandbox/faults[/{id}]`; `POST /_sandbox/alerts`
 * (body: `{ count, subscriptionId?, hubName?, severity?, ingestionDelaySeconds? }`);
 * `GET /_sandbox/state`; `GET /_sandbox/token?scope=…` → `{ token, expiresOnTimestamp }`, so a
 * bot in another process can authenticate without the signing secret leaving this one.
 */
export function createAdminRoutes(context: SandboxContext, tokens: SandboxTokens): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/_sandbox\/token$/,
      handle: (request) => {
        const scope = request.query.get('scope') ?? 'https://management.azure.com/.default';
        const { token, expiresOnTimestamp } = tokens.issue(scope);
        return sendJson(200, { token, expiresOnTimestamp });
      },
    },
    {
      method: 'POST',
      pattern: /^\/_sandbox\/faults$/,
      handle: (request) => {
        const spec = readFault(request.body);
        if (typeof spec === 'string')
          return sendJson(400, { error: { code: 'BadRequest', message: spec } });
        return sendJson(201, { id: context.faults.add(spec) });
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/_sandbox\/faults$/,
      handle: () => {
        context.faults.clear();
        return { status: 204 };
      },
    },
    {
      method: 'DELETE',
      pattern: /^\/_sandbox\/faults\/(?<id>[^/]+)$/,
      handle: (_request, { id = '' }) => ({ status: context.faults.remove(id) ? 204 : 404 }),
    },
    {
      method: 'POST',
      pattern: /^\/_sandbox\/alerts$/,
      handle: (request) => {
        const body = isObject(request.body) ? request.body : {};
        const count = typeof body.count === 'number' ? body.count : 1;
        if (!Number.isInteger(count) || count < 1 || count > 500) {
          return sendJson(400, {
            error: { code: 'BadRequest', message: "'count' must be an integer from 1 to 500." },
          });
        }
        const pickString = (key: string) =>
          typeof body[key] === 'string' ? (body[key] as string) : undefined;
        try {
          const alerts = context.alertSource.generate(count, {
            subscriptionId: pickString('subscriptionId'),
            hubName: pickString('hubName'),
            severity: pickString('severity'),
            ingestionDelaySeconds:
              typeof body.ingestionDelaySeconds === 'number'
                ? body.ingestionDelaySeconds
                : undefined,
          });
          return sendJson(201, { alerts });
        } catch (error) {
          // An unknown hub or severity is the caller's mistake, not a sandbox failure.
          if (!(error instanceof UsageError)) throw error;
          return sendJson(400, { error: { code: 'BadRequest', message: error.message } });
        }
      },
    },
    {
      method: 'GET',
      pattern: /^\/_sandbox\/state$/,
      handle: () => {
        const now = context.now();
        return sendJson(200, {
          now: now.toISOString(),
          workspace: SANDBOX_DATA.workspace,
          subscriptions: SANDBOX_DATA.subscriptions.map((s) => ({
            ...s,
            alertsFlowingSince:
              context.alerts.flowingSince(s.subscriptionId)?.toISOString() ?? null,
          })),
          securityAlertRows: {
            ingested: context.alerts.listVisible(now).length,
            total: context.alerts.listAll().length,
          },
          connectors: [...context.sentinel.connectors.values()],
          alertRules: [...context.sentinel.alertRules.values()],
          faults: context.faults.list().map((f) => ({ ...f, pathPattern: String(f.pathPattern) })),
        });
      },
    },
  ];
}

function readFault(body: unknown): FaultSpec | string {
  if (!isObject(body)) return 'The fault must be a JSON object.';
  const pathPattern =
    typeof body.pathRegex === 'string'
      ? safeRegExp(body.pathRegex)
      : typeof body.pathPattern === 'string'
        ? body.pathPattern
        : null;
  if (pathPattern === null)
    return "Give 'pathPattern' (a substring) or 'pathRegex' (a valid regular expression).";
  const number = (key: string) =>
    typeof body[key] === 'number' ? (body[key] as number) : undefined;

  return {
    pathPattern,
    method: typeof body.method === 'string' ? body.method : undefined,
    status: number('status'),
    body: body.body,
    headers: isObject(body.headers) ? (body.headers as Record<string, string>) : undefined,
    delayMs: number('delayMs'),
    times: number('times'),
    partialError:
      typeof body.partialError === 'boolean' || typeof body.partialError === 'string'
        ? body.partialError
        : undefined,
  };
}

function safeRegExp(source: string): RegExp | null {
  try {
    return new RegExp(source);
  } catch {
    // An invalid pattern is reported back to the caller as a 400.
    return null;
  }
}
