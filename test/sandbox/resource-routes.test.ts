import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_DATA } from '../../src/sandbox/index.js';
import { collect, startHarness, type SandboxHarness } from './sandbox-test-setup.js';
import { SANDBOX_SUBSCRIPTION_IDS } from '../support/sandbox-subscriptions.js';

const [ot, lab, corp, retail] = SANDBOX_SUBSCRIPTION_IDS;

describe('sandbox resource routes through the official SDK clients', () => {
  let h: SandboxHarness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.sandbox.close());

  it('lists the four subscriptions over two pages of two', async () => {
    const pages = await collect(h.clients.subscriptions.subscriptions.list().byPage());

    expect(pages.map((page) => page.map((s) => s.displayName))).toEqual([
      ['Contoso-OT', 'Contoso-Plant-Lab'],
      ['Contoso-Corp-IT', 'Contoso-Retail-Edge'],
    ]);
    expect(pages[0]![0]).toMatchObject({
      subscriptionId: ot,
      tenantId: SANDBOX_DATA.tenantId,
      state: 'Enabled',
      id: `/subscriptions/${ot}`,
    });
  });

  it('returns absolute https nextLinks that keep the api-version', async () => {
    const response = await fetch(`${h.sandbox.baseUrl}/subscriptions?api-version=2022-12-01`, {
      headers: { authorization: `Bearer ${h.sandbox.issueToken()}` },
    });
    const body = (await response.json()) as { nextLink: string };

    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(body.nextLink).toBe(
      'https://management.azure.com/subscriptions?api-version=2022-12-01&$skiptoken=2',
    );
  });

  it('lists IoT hubs per subscription, paging past two hubs', async () => {
    const otHubs = await collect(h.clients.iotHub(ot).iotHubResource.listBySubscription());
    const labHubs = await collect(h.clients.iotHub(lab).iotHubResource.listBySubscription());
    const corpHubs = await collect(h.clients.iotHub(corp).iotHubResource.listBySubscription());

    expect(otHubs.map((hub) => hub.name)).toEqual([
      'contoso-ot-hub-weu',
      'contoso-ot-hub-neu',
      'contoso-ot-hub-sdc',
    ]);
    expect(otHubs[0]).toMatchObject({
      id:
        `/subscriptions/${ot}/resourceGroups/rg-contoso-ot` +
        '/providers/Microsoft.Devices/IotHubs/contoso-ot-hub-weu',
      type: 'Microsoft.Devices/IotHubs',
      location: 'westeurope',
      sku: { name: 'S1', tier: 'Standard', capacity: 1 },
      properties: { state: 'Active', hostName: 'contoso-ot-hub-weu.azure-devices.net' },
    });
    expect(labHubs.map((hub) => hub.name)).toEqual(['contoso-lab-hub-eus', 'contoso-lab-sim-hub']);
    expect(corpHubs).toEqual([]);
  });

  it("answers a missing hub with the IoT Hub provider's top-level error shape", async () => {
    const error = await h.clients
      .iotHub(ot)
      .iotHubResource.get('rg-contoso-ot', 'no-such-hub')
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ name: 'RestError', statusCode: 404, code: 'ResourceNotFound' });
  });

  it('reports Defender for IoT solutions with status and covered hubs', async () => {
    const otSolutions = await collect(
      h.clients.security(ot).iotSecuritySolution.listBySubscription(),
    );
    const labSolutions = await collect(
      h.clients.security(lab).iotSecuritySolution.listBySubscription(),
    );
    const corpSolutions = await collect(
      h.clients.security(corp).iotSecuritySolution.listBySubscription(),
    );

    expect(otSolutions.map((s) => [s.name, s.status, s.iotHubs?.length])).toEqual([
      ['contoso-ot-defender', 'Enabled', 3],
    ]);
    expect(labSolutions.map((s) => [s.name, s.status, s.iotHubs])).toEqual([
      ['contoso-lab-defender', 'Disabled', [SANDBOX_DATA.hubs[3].id]],
    ]);
    expect(corpSolutions).toEqual([]);
  });

  it('applies the iotHubs $filter, comparing hub ids without regard to case', async () => {
    const retailHub = SANDBOX_DATA.hubs[5].id;
    const covered = await collect(
      h.clients.security(retail).iotSecuritySolution.listBySubscription({
        filter: `properties.iotHubs/any(i eq "${retailHub.toUpperCase()}")`,
      }),
    );
    const uncovered = await collect(
      h.clients.security(lab).iotSecuritySolution.listBySubscription({
        filter: `properties.iotHubs/any(i eq "${SANDBOX_DATA.hubs[4].id}")`,
      }),
    );

    expect(covered.map((s) => s.name)).toEqual(['contoso-retail-defender']);
    expect(uncovered).toEqual([]);
  });

  it('answers 404 SubscriptionNotFound for an unknown subscription', async () => {
    const unknown = '00000000-1111-2222-3333-444444444444';
    const error = await collect(
      h.clients.iotHub(unknown).iotHubResource.listBySubscription(),
    ).catch((e: unknown) => e);

    expect(error).toMatchObject({ statusCode: 404, code: 'SubscriptionNotFound' });
  });

  it.each([
    ['/subscriptions', 400, 'MissingApiVersionParameter'],
    ['/subscriptions?api-version=2016-06-01', 400, 'InvalidApiVersionParameter'],
    [
      '/subscriptions/x/providers/Microsoft.Nothing/things?api-version=2022-12-01',
      404,
      'ResourceNotFound',
    ],
  ])('answers GET %s with %i %s', async (path, status, code) => {
    const response = await fetch(`${h.sandbox.baseUrl}${path}`, {
      headers: { authorization: `Bearer ${h.sandbox.issueToken()}` },
    });

    expect(response.status).toBe(status);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it.each([
    [undefined, 'AuthenticationFailed'],
    ['Bearer forged.token.value.x', 'InvalidAuthenticationToken'],
  ])('refuses authorization %s with 401 %s', async (authorization, code) => {
    const response = await fetch(`${h.sandbox.baseUrl}/subscriptions?api-version=2022-12-01`, {
      headers: authorization ? { authorization } : {},
    });

    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toContain('Bearer');
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(code);
  });

  it('refuses a Log Analytics token on ARM with InvalidAuthenticationTokenAudience', async () => {
    const token = h.sandbox.issueToken('https://api.loganalytics.io/.default');
    const response = await fetch(`${h.sandbox.baseUrl}/subscriptions?api-version=2022-12-01`, {
      headers: { authorization: `Bearer ${token}` },
    });

    expect(response.status).toBe(401);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe(
      'InvalidAuthenticationTokenAudience',
    );
  });
});
