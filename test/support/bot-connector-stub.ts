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
  /** The status the stub answered with. */
  status?: number;
  /** The id the stub gave a posted activity. */
  postedId?: string;
}

/** One read the bot made of the Microsoft Graph stand-in. */
export interface GraphRead {
  path: string;
  /** The conversation (chat or channel) id the read addressed. */
  conversationId: string;
  top: number;
  authorization?: string;
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
 *
 * Under `graphUrl` it also plays the part of Microsoft Graph that lists a chat's or channel's
 * recent messages: the activities it accepted for that conversation, newest first, in Graph's
 * `chatMessage` shape (only the fields a read-back uses). Graph reads are kept apart, in
 * `graphReads`, so `calls` stays what users would have seen.
 */
export class BotConnectorStub {
  readonly calls: ConnectorCall[] = [];
  readonly graphReads: GraphRead[] = [];
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

  /** Base URL of the Graph stand-in, version included, like `https://graph.microsoft.com/v1.0`. */
  get graphUrl(): string {
    return `${this.url}graph/v1.0`;
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
    this.graphReads.length = 0;
    this.scripted.length = 0;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString('utf8');
    const path = decodeURIComponent((req.url ?? '').split('?')[0] ?? '');
    if (path.startsWith('/graph/')) {
      this.answerGraph(req, res);
      return;
    }
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
    call.status = status;
    call.postedId = (body as { id?: string } | undefined)?.id;
    res.writeHead(status, { 'content-type': 'application/json', ...scripted?.headers });
    res.end(body === undefined ? '' : JSON.stringify(body));
    this.notify();
  }

  private answerGraph(req: IncomingMessage, res: ServerResponse): void {
    const url = new URL(req.url ?? '/', this.url);
    const path = decodeURIComponent(url.pathname);
    const match =
      /^\/graph\/v1\.0\/chats\/([^/]+)\/messages$/.exec(path) ??
      /^\/graph\/v1\.0\/teams\/[^/]+\/channels\/([^/]+)\/messages$/.exec(path);
    if (req.method !== 'GET' || !match?.[1]) {
      res.writeHead(404, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: { code: 'NotFound', message: 'Not a messages list.' } }));
      return;
    }
    const conversationId = match[1];
    const top = Number(url.searchParams.get('$top') ?? 20);
    this.graphReads.push({
      path,
      conversationId,
      top,
      authorization: req.headers.authorization,
    });
    const value = this.calls
      .filter((c) => c.method === 'POST' && c.conversationId === conversationId)
      .filter((c) => (c.status ?? 500) < 300)
      .reverse()
      .slice(0, top)
      .map((c) => toGraphMessage(c));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ '@odata.count': value.length, value }));
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

/** An accepted activity as Graph lists it: cards come back as JSON strings in `content`. */
function toGraphMessage(call: ConnectorCall): Record<string, unknown> {
  const from = (call.body.from ?? {}) as { id?: string; name?: string };
  const attachments = (call.body.attachments ?? []) as Array<{
    contentType?: string;
    content?: unknown;
  }>;
  const id = call.postedId ?? String(call.at);

  return {
    id,
    messageType: 'message',
    createdDateTime: new Date(call.at).toISOString(),
    from: {
      user: null,
      application: {
        id: (from.id ?? '').replace(/^28:/, ''),
        displayName: from.name ?? null,
        applicationIdentityType: 'bot',
      },
    },
    body: {
      contentType: 'html',
      content:
        attachments.map((_, index) => `<attachment id="${id}-${index}"></attachment>`).join('') ||
        String(call.body.text ?? ''),
    },
    attachments: attachments.map((attachment, index) => ({
      id: `${id}-${index}`,
      contentType: attachment.contentType,
      content: JSON.stringify(attachment.content),
    })),
  };
}
