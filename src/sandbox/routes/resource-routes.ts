import { SANDBOX_DATA, getWorkspaceResourceId, type SandboxHub } from '../sandbox-data.js';
import type { SandboxContext } from '../sandbox-context.js';
import {
  armError,
  buildPage,
  sendJson,
  type Route,
  type SandboxResponse,
} from '../http/sandbox-http.js';

const GUID = '[0-9a-fA-F-]{36}';

/**
 * Subscriptions (Microsoft.Resources), IoT hubs, Defender for IoT solutions (Microsoft.Security).
 */
export function createResourceRoutes(context: SandboxContext): Route[] {
  return [
    {
      method: 'GET',
      pattern: /^\/subscriptions\/?$/i,
      apiVersions: ['2022-12-01'],
      handle: (request) =>
        buildPage(SANDBOX_DATA.subscriptions.map(describeSubscription), request, context.pageSize),
    },
    {
      method: 'GET',
      pattern: new RegExp(`^/subscriptions/(?<sub>${GUID})/?$`, 'i'),
      apiVersions: ['2022-12-01'],
      handle: (_request, { sub }) =>
        withSubscription(sub, (s) => sendJson(200, describeSubscription(s))),
    },
    {
      method: 'GET',
      pattern: new RegExp(
        `^/subscriptions/(?<sub>${GUID})/providers/Microsoft\\.Devices/IotHubs/?$`,
        'i',
      ),
      apiVersions: ['2023-06-30'],
      handle: (request, { sub }) =>
        withSubscription(sub, (s) =>
          buildPage(hubsOf(s.subscriptionId).map(describeHub), request, context.pageSize),
        ),
    },
    {
      method: 'GET',
      pattern: new RegExp(
        `^/subscriptions/(?<sub>${GUID})/resourceGroups/(?<rg>[^/]+)` +
          '/providers/Microsoft\\.Devices/IotHubs/(?<name>[^/]+)$',
        'i',
      ),
      apiVersions: ['2023-06-30'],
      handle: (_request, { sub, rg, name }) =>
        withSubscription(sub, (s) => {
          const hub = hubsOf(s.subscriptionId).find(
            (h) => same(h.resourceGroup, rg) && same(h.name, name),
          );
          // The IoT Hub resource provider answers with its own top-level error shape.
          return hub
            ? sendJson(200, describeHub(hub))
            : sendJson(404, {
                code: 'ResourceNotFound',
                httpStatusCode: 'NotFound',
                message: `IotHub '${name}' not found in resource group '${rg}'.`,
                details: null,
              });
        }),
    },
    {
      method: 'GET',
      pattern: new RegExp(
        `^/subscriptions/(?<sub>${GUID})/providers/Microsoft\\.Security/iotSecuritySolutions/?$`,
        'i',
      ),
      apiVersions: ['2019-08-01'],
      handle: (request, { sub }) =>
        withSubscription(sub, (s) => {
          const filter = request.query.get('$filter');
          const hubFilter = filter ? parseHubFilter(filter) : null;
          if (filter && !hubFilter) {
            return armError(
              400,
              'InvalidFilter',
              `The $filter '${filter}' is not supported. ` +
                'Use properties.iotHubs/any(i eq "<IoT hub resource id>").',
            );
          }
          const solutions = SANDBOX_DATA.solutions
            .filter((solution) => same(solution.subscriptionId, s.subscriptionId))
            .map(describeSolution)
            .filter(
              (solution) =>
                !hubFilter || solution.properties.iotHubs.some((id) => same(id, hubFilter)),
            );
          return buildPage(solutions, request, context.pageSize);
        }),
    },
  ];
}

type Subscription = (typeof SANDBOX_DATA.subscriptions)[number];

function withSubscription(
  id: string | undefined,
  then: (s: Subscription) => SandboxResponse,
): SandboxResponse {
  const subscription = SANDBOX_DATA.subscriptions.find((s) => same(s.subscriptionId, id ?? ''));
  if (!subscription) {
    return armError(404, 'SubscriptionNotFound', `The subscription '${id}' could not be found.`);
  }

  return then(subscription);
}

function same(a: string, b: string | undefined): boolean {
  return a.toLowerCase() === (b ?? '').toLowerCase();
}

function hubsOf(subscriptionId: string): SandboxHub[] {
  return SANDBOX_DATA.hubs.filter((hub) => hub.subscriptionId === subscriptionId);
}

/** The one `$filter` the service supports: `properties.iotHubs/any(i eq "<hub id>")`. */
function parseHubFilter(filter: string): string | null {
  const match = /^\s*properties\/iotHubs\/any\(\s*(\w+)\s+eq\s+['"]([^'"]+)['"]\s*\)\s*$/i.exec(
    filter.replace(/^\s*properties\.iotHubs/i, 'properties/iotHubs'),
  );

  return match?.[2] ?? null;
}

function describeSubscription(subscription: Subscription) {
  return {
    id: `/subscriptions/${subscription.subscriptionId}`,
    subscriptionId: subscription.subscriptionId,
    tenantId: SANDBOX_DATA.tenantId,
    displayName: subscription.displayName,
    state: 'Enabled',
    subscriptionPolicies: {
      locationPlacementId: 'Public_2014-09-01',
      quotaId: 'EnterpriseAgreement_2014-09-01',
      spendingLimit: 'Off',
    },
    authorizationSource: 'RoleBased',
    managedByTenants: [],
    tags: { costCenter: 'security-operations' },
  };
}

function describeHub(hub: SandboxHub) {
  return {
    id: hub.id,
    name: hub.name,
    type: 'Microsoft.Devices/IotHubs',
    location: hub.location,
    tags: {},
    etag: 'AAAAAAFD6M4=',
    properties: {
      state: 'Active',
      provisioningState: 'Succeeded',
      hostName: `${hub.name}.azure-devices.net`,
      eventHubEndpoints: {
        events: {
          retentionTimeInDays: 1,
          partitionCount: 4,
          partitionIds: ['0', '1', '2', '3'],
          path: hub.name,
          endpoint: `sb://iothub-ns-${hub.name}.servicebus.windows.net/`,
        },
      },
      features: 'None',
      locations: [{ location: hub.location, role: 'primary' }],
      enableFileUploadNotifications: false,
      minTlsVersion: '1.2',
    },
    sku: { name: 'S1', tier: 'Standard', capacity: 1 },
    systemData: { createdAt: '2024-05-14T09:21:44.000Z' },
  };
}

function describeSolution(solution: (typeof SANDBOX_DATA.solutions)[number]) {
  return {
    id:
      `/subscriptions/${solution.subscriptionId}/resourceGroups/${solution.resourceGroup}` +
      `/providers/Microsoft.Security/IoTSecuritySolutions/${solution.name}`,
    name: solution.name,
    type: 'Microsoft.Security/IoTSecuritySolutions',
    location: solution.location,
    tags: {},
    properties: {
      workspace: getWorkspaceResourceId(),
      displayName: solution.name,
      status: solution.status,
      export: [],
      disabledDataSources: [],
      iotHubs: solution.hubNames.map(
        (name) => SANDBOX_DATA.hubs.find((hub) => hub.name === name)!.id,
      ),
      userDefinedResources: { query: '', querySubscriptions: [] },
      autoDiscoveredResources: [],
      recommendationsConfiguration: [],
      unmaskedIpLoggingStatus: 'Disabled',
      additionalWorkspaces: [],
    },
  };
}
