import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_DATA } from '../../src/sandbox/index.js';
import { collect, startHarness, type SandboxHarness } from './sandbox-test-setup.js';

const ws = SANDBOX_DATA.workspace;
const ot = SANDBOX_DATA.subscriptions[0].subscriptionId;

describe('sandbox fault switch', () => {
  let h: SandboxHarness;
  let retrying: SandboxHarness;
  beforeAll(async () => {
    h = await startHarness();
    retrying = await startHarness({ maxRetries: 2 });
  });
  afterEach(() => {
    h.sandbox.faults.clear();
    retrying.sandbox.faults.clear();
  });
  afterAll(async () => {
    await h.sandbox.close();
    await retrying.sandbox.close();
  });

  it('answers 429 TooManyRequests with Retry-After when retries are off', async () => {
    h.sandbox.faults.add({ pathPattern: '/subscriptions?', status: 429 });
    const error = await collect(h.clients.subscriptions.subscriptions.list()).catch(
      (e: unknown) => e,
    );

    expect(error).toMatchObject({ statusCode: 429, code: 'TooManyRequests' });
    expect(
      (error as { response: { headers: { get(n: string): string } } }).response.headers.get(
        'retry-after',
      ),
    ).toBe('1');
  });

  it('lets the SDK wait out Retry-After and succeed once the fault is used up', async () => {
    const id = retrying.sandbox.faults.add({
      pathPattern: '/IotHubs',
      status: 429,
      headers: { 'Retry-After': '1' },
      times: 1,
    });
    const hubs = await collect(retrying.clients.iotHub(ot).iotHubResource.listBySubscription());

    expect(hubs.map((hub) => hub.name)).toEqual([
      'contoso-ot-hub-weu',
      'contoso-ot-hub-neu',
      'contoso-ot-hub-sdc',
    ]);
    expect(retrying.sandbox.faults.list().some((fault) => fault.id === id)).toBe(false);
  });

  it('answers 403 AuthorizationFailed naming the action and scope', async () => {
    h.sandbox.faults.add({ method: 'PUT', pathPattern: /dataConnectors\//, status: 403 });
    const error = await h.clients
      .sentinel(ws.subscriptionId)
      .dataConnectors.createOrUpdate(ws.resourceGroup, ws.workspaceName, 'x', {
        kind: 'IOT',
        subscriptionId: ot,
        dataTypes: { alerts: { state: 'Enabled' } },
      } as never)
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ statusCode: 403, code: 'AuthorizationFailed' });
    expect((error as Error).message).toContain(
      "perform action 'Microsoft.SecurityInsights/dataConnectors/write'",
    );
  });

  it('answers 503 ServiceUnavailable on the matching method only', async () => {
    h.sandbox.faults.add({ method: 'GET', pathPattern: 'iotSecuritySolutions', status: 503 });
    const error = await collect(
      h.clients.security(ot).iotSecuritySolution.listBySubscription(),
    ).catch((e: unknown) => e);
    const hubs = await collect(h.clients.iotHub(ot).iotHubResource.listBySubscription());

    expect(error).toMatchObject({ statusCode: 503, code: 'ServiceUnavailable' });
    expect(hubs).toHaveLength(3);
  });

  it('stalls past the client timeout, which the caller aborts', async () => {
    h.sandbox.faults.add({ pathPattern: '/subscriptions?', delayMs: 30_000 });
    const error = await collect(
      h.clients.subscriptions.subscriptions.list({ abortSignal: AbortSignal.timeout(150) }),
    ).catch((e: unknown) => e);

    expect((error as Error).name).toBe('AbortError');
  });

  it('serves the real answer after a short stall when the fault has no status', async () => {
    h.sandbox.faults.add({ pathPattern: '/subscriptions?', delayMs: 20, times: 1 });
    const subscriptions = await collect(h.clients.subscriptions.subscriptions.list());

    expect(subscriptions).toHaveLength(4);
  });

  it('returns PartialError in a 200 answer, which the SDK reports as PartialFailure', async () => {
    h.sandbox.faults.add({
      pathPattern: '/query',
      partialError: 'Query result set has exceeded the internal record count limit.',
    });
    const result = await h.clients.logs.queryWorkspace(ws.workspaceId, 'SecurityAlert | count', {
      duration: 'P1D',
    });

    expect(result.status).toBe('PartialFailure');
    if (result.status !== 'PartialFailure') return;
    expect(result.partialError).toMatchObject({ code: 'PartialError' });
    expect(result.partialTables[0]!.columnDescriptors).toEqual([{ name: 'Count', type: 'long' }]);
  });

  it('answers 504 when a stalled query outlasts the Prefer: wait budget', async () => {
    h.sandbox.faults.add({ pathPattern: '/query', delayMs: 60_000 });
    const error = await h.clients.logs
      .queryWorkspace(
        ws.workspaceId,
        'SecurityAlert | count',
        { duration: 'P1D' },
        { serverTimeoutInSeconds: 1 },
      )
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ statusCode: 504 });
  });

  it('is also driven over HTTP under /_sandbox/, without a token', async () => {
    const base = h.sandbox.baseUrl;
    const added = await fetch(`${base}/_sandbox/faults`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ pathRegex: '^/subscriptions\\?', status: 503, times: 1 }),
    });
    const { id } = (await added.json()) as { id: string };
    const failed = await collect(h.clients.subscriptions.subscriptions.list()).catch(
      (e: unknown) => e,
    );
    const generated = await fetch(`${base}/_sandbox/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ count: 2, hubName: 'contoso-ot-hub-neu', ingestionDelaySeconds: 0 }),
    });
    const unknownHub = await fetch(`${base}/_sandbox/alerts`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ count: 1, hubName: 'no-such-hub' }),
    });
    const state = (await (await fetch(`${base}/_sandbox/state`)).json()) as {
      faults: unknown[];
      now: string;
    };

    expect(added.status).toBe(201);
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(failed).toMatchObject({ statusCode: 503 });
    expect(
      ((await generated.json()) as { alerts: Array<{ hubName: string }> }).alerts.map(
        (a) => a.hubName,
      ),
    ).toEqual(['contoso-ot-hub-neu', 'contoso-ot-hub-neu']);
    expect(unknownHub.status).toBe(400);
    expect(state).toMatchObject({ faults: [], now: '2025-03-01T12:00:00.000Z' });
  });
});
