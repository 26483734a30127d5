import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request the bot made to the Bot Connector, as received. */
export interface ConnectorCall {
  method: string;
  path: string;
  conversationId: string;
  /** Set for updates (PUT) and replies to a specific activity. */
  activityId?: string;
  body: Record<string, unknown>;
  headers: Record<string, string | string[] | undefined>;
  at: number;
}

/** A canned answer for the next matching calls; unmatched calls get 201 with a fresh id. */
export interface ConnectorResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Only calls for this conversation id (exact match) use this answer. */
  conversationId?: string;
  /** How many calls use it; default 1. */
  times?: number;
}

/**
 * A local stand-in for the Bot Connector service at an activity's `serviceUrl`. It records every
 * send and update the bot makes and answers with scripted statuses, so tests can assert on the
 * exact activities a user would have received.
 */
export class BotConnectorStub {
  readonly calls: ConnectorCall[] = [];
  private readonly scripted: ConnectorResponse[] = [];
  private server?: Server;
  private nextId = 1;
  private waiters: Array<{ count: number; resolve: () => void }> = [];

  /** Base URL to put in activities' `serviceUrl`; it ends with a slash like Teams' own. */
  url = '';

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const { port } = this.server.address() as AddressInfo;
    this.url = `http://127.0.0.1:${port}/`;

    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  /** Queues answers used in order by the next matching calls. */
  respondWith(...responses: ConnectorResponse[]): void {
    this.scripted.push(...responses.map((r) => ({ times: 1, ...r })));
  }

  /** Sends (POST) the bot made, optionally for one conversation. */
  sent(conversationId?: string): ConnectorCall[] {
    return this.calls.filter(
      (c) => c.method === 'POST' && (!conversationId || c.conversationId === conversationId),
    );
  }

  /** Updates (PUT) the bot made. */
  updated(): ConnectorCall[] {
    return this.calls.filter((c) => c.method === 'PUT');
  }

  /** Resolves once at least `count` calls have been recorded in total. */
  waitForCalls(count: number, timeoutMs = 10_000): Promise<void> {
    if (this.calls.length >= count) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`expected ${count} connector calls, saw ${this.calls.length}`)),
        timeoutMs,
      );
      this.waiters.push({
        count,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      });
    });
  }

  reset(): void {
    this.calls.length = 0;
    this.scripted.length = 0;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
    const match = /\/v3\/conversations\/([^/]+)(?:\/activities(?:\/([^/]+))?)?/.exec(path);
    const call: ConnectorCall = {
      method: req.method ?? 'GET',
      path,
      conversationId: match?.[1] ?? '',
      activityId: match?.[2],
      body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
      headers: req.headers,
      at: Date.now(),
    };
    this.calls.push(call);

    const scripted = this.takeScripted(call.conversationId);
    const status = scripted?.status ?? (call.method === 'POST' ? 201 : 200);
    const body = scripted ? scripted.body : { id: `stub-activity-${this.nextId++}` };
    res.writeHead(status, { 'content-type': 'application/json', ...scripted?.headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
    this.notify();
  }

  private takeScripted(conversationId: string): ConnectorResponse | undefined {
    const index = this.scripted.findIndex(
      (r) => !r.conversationId || r.conversationId === conversationId,
    );
    if (index < 0) return undefined;
    const response = this.scripted[index] as ConnectorResponse;
    response.times = (response.times ?? 1) - 1;
    if (response.times <= 0) this.scripted.splice(index, 1);

    return response;
  }

  private notify(): void {
    this.waiters = this.waiters.filter((w) => {
      if (this.calls.length < w.count) return true;
      w.resolve();
      return false;
    });
  }
}
