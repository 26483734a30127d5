import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { ActiveFault, FaultSwitch } from './fault-switch.js';
import { readPrefer } from '../routes/logs-query-route.js';
import {
  armError,
  getDefaultFaultBody,
  isObject,
  sendJson,
  type Route,
  type SandboxRequest,
  type SandboxResponse,
} from './sandbox-http.js';
import { ARM_AUDIENCE, LOGS_AUDIENCE, type SandboxTokens } from './sandbox-credential.js';

export interface SandboxServerDeps {
  /** Azure routes (ARM and Log Analytics). */
  routes: Route[];
  /** Test controls under `/_sandbox/`; never behind auth or faults. */
  adminRoutes: Route[];
  faults: FaultSwitch;
  tokens: SandboxTokens;
  logger?: Logger;
}

const ADMIN_PREFIX = '/_sandbox/';
const MAX_BODY_BYTES = 1_048_576;

/** The sandbox's HTTP server: auth, api-version checks, faults, then the matching route. */
export function createSandboxServer(deps: SandboxServerDeps): { server: Server; abortAll(): void } {
  const inFlight = new Set<AbortController>();
  const server = createServer((req, res) => {
    const controller = new AbortController();
    inFlight.add(controller);
    res.on('close', () => {
      controller.abort();
      inFlight.delete(controller);
    });
    handle(req, controller.signal)
      .then((response) => write(res, response))
      .catch((error: unknown) => {
        deps.logger?.error({ err: error }, 'sandbox request failed');
        write(
          res,
          armError(500, 'InternalServerError', 'The sandbox failed to process the request.'),
        );
      });
  });

  async function handle(
    req: IncomingMessage,
    signal: AbortSignal,
  ): Promise<SandboxResponse | null> {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    const body = await readBody(req);
    if (body === INVALID)
      return armError(
        400,
        'InvalidRequestContent',
        'The request content was invalid and could not be deserialized.',
      );
    const request: SandboxRequest = {
      method: (req.method ?? 'GET').toUpperCase(),
      path: decodeURIComponent(url.pathname),
      query: url.searchParams,
      headers: req.headers,
      body,
      signal,
    };
    if (request.path.startsWith(ADMIN_PREFIX)) return dispatch(deps.adminRoutes, request);

    const isLogs = /^\/v1\//i.test(request.path);
    const auth = deps.tokens.check(
      req.headers.authorization,
      isLogs ? LOGS_AUDIENCE : ARM_AUDIENCE,
    );
    if (!auth.ok) {
      return {
        ...armError(401, auth.code, auth.message),
        headers: {
          'WWW-Authenticate': `Bearer authorization_uri="https://login.microsoftonline.com/common", error="invalid_token", error_description="${auth.message.replace(/"/g, "'")}"`,
        },
      };
    }
    const fault = deps.faults.take(request.method, `${request.path}${url.search}`);
    if (!fault) return dispatch(deps.routes, request);

    return applyFault(fault, request, isLogs);
  }

  async function applyFault(fault: ActiveFault, request: SandboxRequest, isLogs: boolean) {
    const waitSeconds = isLogs ? readPrefer(request.headers.prefer).waitSeconds : undefined;
    const delay = fault.delayMs ?? 0;
    // The query API gives up after the `Prefer: wait=` budget and answers 504.
    if (waitSeconds !== undefined && delay > waitSeconds * 1000) {
      if (!(await sleep(waitSeconds * 1000, request.signal))) return null;
      return armError(
        504,
        'GatewayTimeout',
        `The query did not complete within the requested ${waitSeconds} seconds.`,
      );
    }
    if (delay > 0 && !(await sleep(delay, request.signal))) return null;
    if (fault.status !== undefined) {
      return {
        status: fault.status,
        body: fault.body ?? getDefaultFaultBody(fault.status, request),
        headers: { ...(fault.status === 429 ? { 'Retry-After': '1' } : {}), ...fault.headers },
      };
    }
    const response = await dispatch(deps.routes, request);
    if (!fault.partialError || response.status !== 200 || !isObject(response.body)) return response;

    return sendJson(
      200,
      { ...response.body, error: buildPartialError(fault.partialError) },
      response.headers,
    );
  }

  return {
    server,
    abortAll: () => inFlight.forEach((controller) => controller.abort()),
  };
}

async function dispatch(routes: Route[], request: SandboxRequest): Promise<SandboxResponse> {
  let pathMatched = false;
  for (const route of routes) {
    const match = route.pattern.exec(request.path);
    if (!match) continue;
    pathMatched = true;
    if (route.method !== request.method) continue;
    const versionProblem = checkApiVersion(route, request);
    if (versionProblem) return versionProblem;

    return route.handle(request, { ...match.groups });
  }
  if (pathMatched) {
    return armError(
      405,
      'MethodNotAllowed',
      `The requested resource does not support http method '${request.method}'.`,
    );
  }

  return armError(
    404,
    'ResourceNotFound',
    `The resource path '${request.path}' is not served by the Azure sandbox.`,
  );
}

function checkApiVersion(route: Route, request: SandboxRequest): SandboxResponse | undefined {
  if (!route.apiVersions) return undefined;
  const version = request.query.get('api-version');
  if (!version) {
    return armError(
      400,
      'MissingApiVersionParameter',
      'The api-version query parameter (?api-version=) is required for all requests.',
    );
  }
  if (!route.apiVersions.includes(version)) {
    return armError(
      400,
      'InvalidApiVersionParameter',
      `The api-version '${version}' is invalid. ` +
        `The supported versions are '${route.apiVersions.join(',')}'.`,
    );
  }

  return undefined;
}

function buildPartialError(partial: boolean | string) {
  const message =
    typeof partial === 'string' ? partial : 'Query execution has exceeded the allowed limits.';

  return {
    code: 'PartialError',
    message: 'There were some errors when processing your query.',
    details: [
      {
        code: 'EngineError',
        message,
        innererror: { code: 'E_QUERY_RESULT_SET_TOO_LARGE', message },
      },
    ],
  };
}

const INVALID = Symbol('invalid body');

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return INVALID;
    chunks.push(chunk as Buffer);
  }
  const text = Buffer.concat(chunks).toString('utf8');
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    // Not JSON: answered as ARM does, with InvalidRequestContent.
    return INVALID;
  }
}

/** Resolves true after `ms`, or false as soon as the request is aborted. */
function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const timer = setTimeout(() => resolve(true), ms);
    signal.addEventListener(
      'abort',
      () => {
        clearTimeout(timer);
        resolve(false);
      },
      { once: true },
    );
  });
}

function write(res: ServerResponse, response: SandboxResponse | null): void {
  if (response === null || res.destroyed) return;
  const headers: Record<string, string> = {
    'x-ms-request-id': crypto.randomUUID(),
    ...response.headers,
  };
  // Not chained: restify, loaded in the bot's process, patches writeHead to return undefined.
  if (response.body === undefined) {
    res.writeHead(response.status, headers);
    res.end();
    return;
  }
  const text = JSON.stringify(response.body);
  res.writeHead(response.status, {
    'Content-Type': 'application/json; charset=utf-8',
    'Content-Length': String(Buffer.byteLength(text)),
    ...headers,
  });
  res.end(text);
}
