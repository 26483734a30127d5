import type { IoTSecuritySolutionModel } from '@azure/arm-security';
import type { AlertRuleUnion, DataConnectorUnion } from '@azure/arm-securityinsight';
import { describe, expect, it } from 'vitest';
import {
  findIotIncidentRule,
  writeIotIncidentRule,
  IOT_INCIDENT_RULE_ID,
  IOT_INCIDENT_TEMPLATE,
} from '../../../src/azure/iot-incident-rule.js';
import { listIotConnectors, writeIotConnector } from '../../../src/azure/iot-connectors.js';
import { listDefendedHubIds } from '../../../src/azure/list-iot-hubs.js';

const WS = { subscriptionId: 's', resourceGroup: 'rg', workspaceName: 'ws', workspaceId: 'w' };
const SUB = '2B9F6D3C-7E15-4A8B-B4D2-9C0E1F7A5D36';

async function* items<T>(...values: T[]): AsyncIterable<T> {
  yield* values;
}

describe('Sentinel connectors', () => {
  it('lists only IOT connectors, with lower-case subscription ids', async () => {
    const api = {
      list: () =>
        items<DataConnectorUnion>(
          {
            kind: 'IOT',
            name: 'c1',
            subscriptionId: SUB,
            dataTypes: { alerts: { state: 'Enabled' } },
          },
          { kind: 'AzureSecurityCenter', name: 'asc' },
        ),
      createOrUpdate: async () => ({ kind: 'IOT' }) as DataConnectorUnion,
      delete: async () => undefined,
    };

    expect(await listIotConnectors(api, WS)).toEqual([
      { id: 'c1', subscriptionId: SUB.toLowerCase(), alertsState: 'Enabled' },
    ]);
  });

  it('writes a new connector under the subscription id with alerts enabled', async () => {
    const writes: unknown[][] = [];
    const api = {
      list: () => items<DataConnectorUnion>(),
      createOrUpdate: async (...args: unknown[]) => {
        writes.push(args);
        return args[3] as DataConnectorUnion;
      },
      delete: async () => undefined,
    };

    await writeIotConnector(api, WS, { subscriptionId: SUB });

    expect(writes).toEqual([
      [
        'rg',
        'ws',
        SUB.toLowerCase(),
        { kind: 'IOT', subscriptionId: SUB, dataTypes: { alerts: { state: 'Enabled' } } },
      ],
    ]);
  });
});

describe('the IoT incident rule', () => {
  const rules: AlertRuleUnion[] = [
    {
      kind: 'MicrosoftSecurityIncidentCreation',
      name: 'asc',
      productFilter: 'Azure Security Center',
      displayName: 'ASC',
      enabled: true,
    },
    {
      kind: 'MicrosoftSecurityIncidentCreation',
      name: 'portal-rule',
      productFilter: 'Azure Security Center for IoT',
      alertRuleTemplateName: IOT_INCIDENT_TEMPLATE,
      displayName: 'IoT',
      enabled: false,
      etag: '"e1"',
    },
  ];

  it('reuses a rule made from the built-in template, keeping its etag when switching', async () => {
    const writes: unknown[][] = [];
    const api = {
      list: () => items(...rules),
      createOrUpdate: async (...args: unknown[]) => {
        writes.push(args);
        return { ...(args[3] as object), name: args[2] } as AlertRuleUnion;
      },
    };

    const existing = await findIotIncidentRule(api, WS);
    const result = await writeIotIncidentRule(api, WS, { enabled: true, existing });

    expect(existing?.name).toBe('portal-rule');
    expect(writes[0]?.[2]).toBe('portal-rule');
    expect(writes[0]?.[3]).toMatchObject({
      enabled: true,
      etag: '"e1"',
      productFilter: 'Azure Security Center for IoT',
    });
    expect(result).toEqual({ id: 'portal-rule', displayName: 'IoT', enabled: true });
  });

  it('creates the rule under one stable id when none exists', async () => {
    const writes: unknown[][] = [];
    const api = {
      list: () => items<AlertRuleUnion>(),
      createOrUpdate: async (...args: unknown[]) => {
        writes.push(args);
        return { ...(args[3] as object), name: args[2] } as AlertRuleUnion;
      },
    };

    await writeIotIncidentRule(api, WS, { enabled: true });

    expect(writes[0]?.[2]).toBe(IOT_INCIDENT_RULE_ID);
    expect(writes[0]?.[3]).toMatchObject({
      kind: 'MicrosoftSecurityIncidentCreation',
      alertRuleTemplateName: IOT_INCIDENT_TEMPLATE,
      productFilter: 'Azure Security Center for IoT',
      enabled: true,
    });
  });
});

describe('Defender for IoT coverage', () => {
  it('counts hubs of enabled solutions only, case-insensitively', async () => {
    const api = {
      iotSecuritySolution: {
        listBySubscription: () =>
          items<IoTSecuritySolutionModel>(
            {
              status: 'Enabled',
              iotHubs: ['/subscriptions/S/resourceGroups/RG/providers/Microsoft.Devices/IotHubs/A'],
            },
            {
              status: 'Disabled',
              iotHubs: ['/subscriptions/s/resourcegroups/rg/providers/microsoft.devices/iothubs/b'],
            },
          ),
      },
    };

    expect([...(await listDefendedHubIds(api))]).toEqual([
      '/subscriptions/s/resourcegroups/rg/providers/microsoft.devices/iothubs/a',
    ]);
  });
});
