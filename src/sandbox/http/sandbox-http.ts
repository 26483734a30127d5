import type { IncomingHttpHeaders } from 'node:http';

/** The public host the SDK clients address; nextLinks keep it so the redirect applies to them. */
export const MANAGEMENT_ORIGIN = 'https://management.azure.com';

export interface SandboxRequest {
  method: string;
  /** Decoded path without the query. */
  path: string;
  query: URLSearchParams;
  headers: IncomingHttpHeaders;
  /** Parsed JSON body; undefined when there was none. */
  body: unknown;
  /** Aborted when the client goes away or the sandbox closes. */
  signal: AbortSignal;
}

export interface SandboxResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

export type RouteHandler = (
  request: SandboxRequest,
  params: Record<string, string>,
) => SandboxResponse | Promise<SandboxResponse>;

/** One HTTP route: which api-versions ARM accepts for it (none for data-plane routes). */
export interface Route {
  method: string;
  /** Matched case-insensitively against the path, as ARM does; named groups become params. */
  pattern: RegExp;
  apiVersions?: readonly string[];
  handle: RouteHandler;
}

export function sendJson(
  status: number,
  body: unknown,
  headers?: Record<string, string>,
): SandboxResponse {
  return { status, body, headers };
}

/** ARM's error body: `{"error":{"code","message"}}`. */
export function armError(status: number, code: string, message: string): SandboxResponse {
  return { status, body: { error: { code, message } } };
}

/**
 * One page of a list: `{ value, nextLink }` where nextLink is absolute, on the public host, and
 * keeps every query parameter (api-version, $filter) plus a `$skiptoken`, as ARM's do.
 */
export function buildPage<T>(
  items: readonly T[],
  request: SandboxRequest,
  pageSize: number,
): SandboxResponse {
  const skip = Math.max(0, Number.parseInt(request.query.get('$skiptoken') ?? '0', 10) || 0);
  const value = items.slice(skip, skip + pageSize);
  if (skip + pageSize >= items.length) return sendJson(200, { value });
  const params = new URLSearchParams(request.query);
  params.set('$skiptoken', String(skip + pageSize));
  const query = [...params.entries()]
    .map(
      ([key, val]) => `${encodeURIComponent(key).replace(/^%24/, '$')}=${encodeURIComponent(val)}`,
    )
    .join('&');

  return sendJson(200, {
    value,
    nextLink: `${MANAGEMENT_ORIGIN}${encodePath(request.path)}?${query}`,
  });
}

function encodePath(path: string): string {
  return path.split('/').map(encodeURIComponent).join('/');
}

/** Default Azure-shaped bodies for the statuses a fault can ask for. */
export function getDefaultFaultBody(status: number, request: SandboxRequest): unknown {
  const known: Record<number, [string, string]> = {
    400: ['BadRequest', 'The request is invalid.'],
    401: ['AuthenticationFailed', "Authentication failed. The 'Authorization' header is missing."],
    403: [
      'AuthorizationFailed',
      "The client 'sandbox-user@contoso.com' " +
        "with object id '00000000-0000-0000-0000-000000000001' " +
        `does not have authorization to perform action '${describeAction(request)}' ` +
        `over scope '${request.path}' or the scope is invalid. ` +
        'If access was recently granted, please refresh your credentials.',
    ],
    404: ['ResourceNotFound', `The resource '${request.path}' was not found.`],
    409: ['Conflict', 'The request conflicts with the current state of the resource.'],
    429: [
      'TooManyRequests',
      'The request is being throttled as the limit has been reached for operation type. ' +
        'Please retry after the time given in the Retry-After header.',
    ],
    500: [
      'InternalServerError',
      'The server encountered an internal error. Please retry the request.',
    ],
    502: ['BadGateway', 'The gateway did not receive a response from the service.'],
    503: ['ServiceUnavailable', 'The service is temporarily unavailable. Please retry later.'],
    504: [
      'GatewayTimeout',
      'The gateway did not receive a response within the specified time period.',
    ],
  };
  const [code, message] = known[status] ?? ['Error', `The request failed with status ${status}.`];

  return { error: { code, message } };
}

/** The ARM action of a request, e.g. `Microsoft.SecurityInsights/dataConnectors/write`. */
function describeAction(request: SandboxRequest): string {
  const segments = request.path.split('/').filter(Boolean);
  const providerAt = segments.map((s) => s.toLowerCase()).lastIndexOf('providers');
  const resource = providerAt >= 0 ? segments.slice(providerAt + 1) : segments.slice(0, 1);
  const typeParts = [resource[0], ...resource.slice(1).filter((_, i) => i % 2 === 0)];
  const verb = request.method === 'GET' ? 'read' : request.method === 'DELETE' ? 'delete' : 'write';

  return `${typeParts.filter(Boolean).join('/')}/${verb}`;
}

export function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
