import restify, { type Request, type Response, type Server } from 'restify';
import type { Logger } from '../logging/create-logger.js';

/** The largest activity body accepted; real Teams activities are a few KB. */
export const MAX_BODY_BYTES = 256 * 1024;

/** A request turned away with a fixed status and JSON body. */
export interface Rejection {
  status: number;
  body: { error: { code: string; message: string } };
}

/** What the server hands a verified-size, parsed JSON body to (the bot adapter in production). */
export interface MessageEndpoint {
  /**
   * Looks at the headers before the body is read; a rejection is answered at once, so callers
   * without a plausible token never get their body parsed.
   */
  screen?(req: Request): Rejection | undefined;
  process(req: Request, res: Response): Promise<void>;
}

export interface ServerDeps {
  logger: Logger;
  messages: MessageEndpoint;
  /** Extra facts for `GET /healthz` (mode, poller state); must hold nothing secret. */
  health?: () => Record<string, unknown>;
}

/**
 * Builds the restify server: `POST /api/messages` for Bot Framework activities and
 * `GET /healthz`. Bodies are limited in size and must be JSON; a malformed or oversized body is
 * answered here (400/413) and never reaches the adapter.
 */
export function createServer(deps: ServerDeps): Server {
  const server = restify.createServer({
    name: 'sentinel-iot-bot',
    handleUncaughtExceptions: false,
  });

  const screen = (req: Request, res: Response, next: (err?: false) => void) => {
    const rejection = deps.messages.screen?.(req);
    if (!rejection) return next();
    reject(res, rejection.status, rejection.body.error.code, rejection.body.error.message);
    return next(false);
  };
  server.post('/api/messages', screen, readJsonBody, async (req: Request, res: Response) => {
    await deps.messages.process(req, res);
  });
  server.get('/healthz', async (_req: Request, res: Response) => {
    res.json(200, { status: 'ok', ...deps.health?.() });
  });
  server.on('restifyError', (req: Request, res: Response, err: Error, callback: () => void) => {
    // Probes (the Playground sends HEAD /api/messages) and unknown paths are routine, not warnings.
    const routine = ['MethodNotAllowedError', 'ResourceNotFoundError'].includes(err.name);
    deps.logger[routine ? 'debug' : 'warn'](
      { reason: err.name, method: req.method, path: req.path() },
      'request rejected',
    );
    callback();
  });

  return server;
}

/**
 * Reads the raw body with a size cap and parses it as JSON. Done by hand rather than with
 * restify's body parser so that every rejection has one stable, documented answer.
 */
function readJsonBody(req: Request, res: Response, next: (err?: false) => void): void {
  const type = (req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') {
    reject(res, 400, 'UnsupportedContentType', 'Send the activity as application/json.');
    return next(false);
  }
  const declared = Number(req.header('content-length') ?? '0');
  if (declared > MAX_BODY_BYTES) {
    reject(res, 413, 'BodyTooLarge', `The body is larger than ${MAX_BODY_BYTES} bytes.`);
    return next(false);
  }

  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  const finish = (status?: number, code?: string, message?: string) => {
    if (done) return;
    done = true;
    if (status && code && message) {
      reject(res, status, code, message);
      return next(false);
    }
    next();
  };
  req.on('data', (chunk: Buffer) => {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) {
      finish(413, 'BodyTooLarge', `The body is larger than ${MAX_BODY_BYTES} bytes.`);
      req.pause();
      return;
    }
    chunks.push(chunk);
  });
  req.on('error', () => finish(400, 'BodyUnreadable', 'The body could not be read.'));
  req.on('end', () => {
    if (done) return;
    const text = Buffer.concat(chunks).toString('utf8');
    try {
      const body: unknown = JSON.parse(text);
      if (typeof body !== 'object' || body === null || Array.isArray(body)) {
        return finish(400, 'BodyNotAnObject', 'The body must be a JSON object.');
      }
      req.body = body;
      finish();
    } catch {
      finish(400, 'MalformedJson', 'The body is not valid JSON.');
    }
  });
}

function reject(res: Response, status: number, code: string, message: string): void {
  res.header('connection', 'close');
  res.json(status, { error: { code, message } });
}
