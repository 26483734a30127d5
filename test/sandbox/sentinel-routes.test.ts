import type {
  IoTDataConnector,
  MicrosoftSecurityIncidentCreationAlertRule,
} from '@azure/arm-securityinsight';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SANDBOX_DATA } from '../../src/sandbox/index.js';
import { collect, startHarness, type SandboxHarness } from './sandbox-test-setup.js';

const ws = SANDBOX_DATA.workspace;
const retail = SANDBOX_DATA.subscriptions[3].subscriptionId;
const IOT_RULE = SANDBOX_DATA.alertRules[0].id;

describe('sandbox Sentinel routes through the official SDK client', () => {
  let h: SandboxHarness;
  const sentinel = () => h.clients.sentinel(ws.subscriptionId);
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(() => h.sandbox.close());

  it('lists the seeded IOT connector of Contoso-OT', async () => {
    const connectors = await collect(
      sentinel().dataConnectors.list(ws.resourceGroup, ws.workspaceName),
    );

    expect(connectors).toEqual([
      expect.objectContaining({
        name: SANDBOX_DATA.connectors[0].id,
        kind: 'IOT',
        subscriptionId: SANDBOX_DATA.subscriptions[0].subscriptionId,
        dataTypes: { alerts: { state: 'Enabled' } },
        etag: expect.stringMatching(/^"[0-9a-f-]{36}"$/),
      }),
    ]);
  });

  it('creates with 201, updates with 200 and a new etag; a stale etag gets 409', async () => {
    const id = 'c6a1e0d2-retail-connector';
    const body: IoTDataConnector = {
      kind: 'IOT',
      subscriptionId: retail,
      dataTypes: { alerts: { state: 'Enabled' } },
    };
    const created = await sentinel().dataConnectors.createOrUpdate(
      ws.resourceGroup,
      ws.workspaceName,
      id,
      body,
    );
    const updated = await sentinel().dataConnectors.createOrUpdate(
      ws.resourceGroup,
      ws.workspaceName,
      id,
      {
        ...body,
        etag: created.etag,
        dataTypes: { alerts: { state: 'Disabled' } },
      } as IoTDataConnector,
    );
    const stale = await sentinel()
      .dataConnectors.createOrUpdate(ws.resourceGroup, ws.workspaceName, id, {
        ...body,
        etag: created.etag,
      } as IoTDataConnector)
      .catch((e: unknown) => e);
    const fetched = (await sentinel().dataConnectors.get(
      ws.resourceGroup,
      ws.workspaceName,
      id,
    )) as IoTDataConnector;

    expect(updated.etag).not.toBe(created.etag);
    expect(stale).toMatchObject({ statusCode: 409, code: 'Conflict' });
    expect(fetched.dataTypes?.alerts?.state).toBe('Disabled');
  });

  it('deletes a connector, after which get answers 404 NotFound', async () => {
    const id = 'to-be-deleted';
    await sentinel().dataConnectors.createOrUpdate(ws.resourceGroup, ws.workspaceName, id, {
      kind: 'IOT',
      subscriptionId: retail,
      dataTypes: { alerts: { state: 'Enabled' } },
    } as IoTDataConnector);
    await sentinel().dataConnectors.delete(ws.resourceGroup, ws.workspaceName, id);
    const error = await sentinel()
      .dataConnectors.get(ws.resourceGroup, ws.workspaceName, id)
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ statusCode: 404, code: 'NotFound' });
  });

  it('refuses a connector without dataTypes with 400', async () => {
    const error = await sentinel()
      .dataConnectors.createOrUpdate(ws.resourceGroup, ws.workspaceName, 'bad', {
        kind: 'IOT',
        subscriptionId: retail,
      } as IoTDataConnector)
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ statusCode: 400, code: 'BadRequest' });
    expect((error as Error).message).toContain("Required property 'dataTypes' not found");
  });

  it('answers ResourceNotFound for an unknown workspace name', async () => {
    const error = await collect(
      sentinel().dataConnectors.list(ws.resourceGroup, 'law-unknown'),
    ).catch((e: unknown) => e);

    expect(error).toMatchObject({ statusCode: 404, code: 'ResourceNotFound' });
  });

  it('flips the IoT incident-creation rule with GET then PUT, keeping its etag', async () => {
    const rule = (await sentinel().alertRules.get(
      ws.resourceGroup,
      ws.workspaceName,
      IOT_RULE,
    )) as MicrosoftSecurityIncidentCreationAlertRule;
    const enabled = (await sentinel().alertRules.createOrUpdate(
      ws.resourceGroup,
      ws.workspaceName,
      IOT_RULE,
      {
        ...rule,
        enabled: true,
      } as MicrosoftSecurityIncidentCreationAlertRule,
    )) as MicrosoftSecurityIncidentCreationAlertRule;

    expect(rule).toMatchObject({
      kind: 'MicrosoftSecurityIncidentCreation',
      enabled: false,
      productFilter: 'Azure Security Center for IoT',
      alertRuleTemplateName: 'a2e0eb51-1f11-461a-999b-cd0ebe5c7a72',
    });
    expect(enabled.enabled).toBe(true);
    expect(enabled.etag).not.toBe(rule.etag);
    expect(new Date(enabled.lastModifiedUtc!).toISOString()).toBe('2025-03-01T12:00:00.000Z');
  });

  it.each([
    [
      'displayName',
      { enabled: true, productFilter: 'Azure Security Center for IoT' },
      "Required property 'displayName'",
    ],
    [
      'enabled',
      { displayName: 'x', productFilter: 'Azure Security Center for IoT' },
      "Required property 'enabled'",
    ],
    ['productFilter', { displayName: 'x', enabled: true }, "Required property 'productFilter'"],
    [
      'an unknown product',
      { displayName: 'x', enabled: true, productFilter: 'Defender for Toasters' },
      "'Defender for Toasters' was not found",
    ],
  ])('refuses a rule missing %s with 400', async (_case, properties, message) => {
    const error = await sentinel()
      .alertRules.createOrUpdate(ws.resourceGroup, ws.workspaceName, 'new-rule', {
        kind: 'MicrosoftSecurityIncidentCreation',
        ...properties,
      } as MicrosoftSecurityIncidentCreationAlertRule)
      .catch((e: unknown) => e);

    expect(error).toMatchObject({ statusCode: 400, code: 'BadRequest' });
    expect((error as Error).message).toContain(message);
  });

  it('creates, lists and deletes a new incident-creation rule', async () => {
    const created = await sentinel().alertRules.createOrUpdate(
      ws.resourceGroup,
      ws.workspaceName,
      'ot-high-only',
      {
        kind: 'MicrosoftSecurityIncidentCreation',
        displayName: 'High OT alerts',
        enabled: true,
        productFilter: 'Azure Security Center for IoT',
        severitiesFilter: ['High'],
      } as MicrosoftSecurityIncidentCreationAlertRule,
    );
    const listed = await collect(sentinel().alertRules.list(ws.resourceGroup, ws.workspaceName));
    await sentinel().alertRules.delete(ws.resourceGroup, ws.workspaceName, 'ot-high-only');
    const after = await collect(sentinel().alertRules.list(ws.resourceGroup, ws.workspaceName));

    expect(created).toMatchObject({ name: 'ot-high-only', severitiesFilter: ['High'] });
    expect(listed.map((r) => r.name)).toContain('ot-high-only');
    expect(after.map((r) => r.name)).toEqual([IOT_RULE, SANDBOX_DATA.alertRules[1].id]);
  });
});
