/**
 * The fixed cast of the Azure sandbox: tenant, subscriptions, IoT hubs, Defender for IoT
 * solutions, the Sentinel workspace and what it holds at start. Tests assert these exact values.
 *
 * - Contoso-OT: hubs covered by an enabled Defender for IoT solution; holds the Sentinel
 *   workspace; its IoT connector is connected, so its alerts fill SecurityAlert.
 * - Contoso-Plant-Lab: one hub under a disabled solution, one hub with no solution.
 * - Contoso-Corp-IT: no IoT hubs at all.
 * - Contoso-Retail-Edge: a hub covered by an enabled solution whose alerts are not connected to
 *   Sentinel yet, so connecting it makes alerts start to flow.
 */
export const SANDBOX_DATA = {
  tenantId: '6f1c2a4e-3b7d-4c1a-9e2f-5a8b7c6d4e01',
  subscriptions: [
    { subscriptionId: '3f2a9c71-5d84-4e0b-a6c3-1b7e2d90f5a4', displayName: 'Contoso-OT' },
    { subscriptionId: '8c1d4b6e-2f37-4a95-b8d0-6e5a3c9f1b27', displayName: 'Contoso-Plant-Lab' },
    { subscriptionId: 'd5e7a3b9-1c46-4f82-9a0e-7b3c5d2f8e61', displayName: 'Contoso-Corp-IT' },
    { subscriptionId: '2b9f6d3c-7e15-4a8b-b4d2-9c0e1f7a5d36', displayName: 'Contoso-Retail-Edge' },
  ],
  hubs: [
    hub(
      '3f2a9c71-5d84-4e0b-a6c3-1b7e2d90f5a4',
      'rg-contoso-ot',
      'contoso-ot-hub-weu',
      'westeurope',
    ),
    hub(
      '3f2a9c71-5d84-4e0b-a6c3-1b7e2d90f5a4',
      'rg-contoso-ot',
      'contoso-ot-hub-neu',
      'northeurope',
    ),
    hub(
      '3f2a9c71-5d84-4e0b-a6c3-1b7e2d90f5a4',
      'rg-contoso-ot',
      'contoso-ot-hub-sdc',
      'swedencentral',
    ),
    hub('8c1d4b6e-2f37-4a95-b8d0-6e5a3c9f1b27', 'rg-plant-lab', 'contoso-lab-hub-eus', 'eastus'),
    hub('8c1d4b6e-2f37-4a95-b8d0-6e5a3c9f1b27', 'rg-plant-lab', 'contoso-lab-sim-hub', 'eastus2'),
    hub(
      '2b9f6d3c-7e15-4a8b-b4d2-9c0e1f7a5d36',
      'rg-retail-edge',
      'contoso-retail-hub-wus2',
      'westus2',
    ),
  ],
  /** Defender for IoT solutions (`iotSecuritySolutions`) and the hubs each covers. */
  solutions: [
    {
      subscriptionId: '3f2a9c71-5d84-4e0b-a6c3-1b7e2d90f5a4',
      resourceGroup: 'rg-contoso-ot',
      name: 'contoso-ot-defender',
      location: 'westeurope',
      status: 'Enabled',
      hubNames: ['contoso-ot-hub-weu', 'contoso-ot-hub-neu', 'contoso-ot-hub-sdc'],
    },
    {
      subscriptionId: '8c1d4b6e-2f37-4a95-b8d0-6e5a3c9f1b27',
      resourceGroup: 'rg-plant-lab',
      name: 'contoso-lab-defender',
      location: 'eastus',
      status: 'Disabled',
      hubNames: ['contoso-lab-hub-eus'],
    },
    {
      subscriptionId: '2b9f6d3c-7e15-4a8b-b4d2-9c0e1f7a5d36',
      resourceGroup: 'rg-retail-edge',
      name: 'contoso-retail-defender',
      location: 'westus2',
      status: 'Enabled',
      hubNames: ['contoso-retail-hub-wus2'],
    },
  ],
  workspace: {
    tenantId: '6f1c2a4e-3b7d-4c1a-9e2f-5a8b7c6d4e01',
    subscriptionId: '3f2a9c71-5d84-4e0b-a6c3-1b7e2d90f5a4',
    resourceGroup: 'rg-contoso-secops',
    workspaceName: 'law-contoso-sentinel',
    workspaceId: 'b7e4c2d1-8a3f-4e6b-9c05-2f1d7a6e3b98',
  },
  /** Sentinel data connectors present at start (kind IOT). */
  connectors: [
    {
      id: '4e6c1a2b-9d3f-4b7e-8a51-c2d0f6e9b314',
      subscriptionId: '3f2a9c71-5d84-4e0b-a6c3-1b7e2d90f5a4',
      state: 'Enabled',
    },
  ],
  /** Sentinel alert rules present at start (kind MicrosoftSecurityIncidentCreation). */
  alertRules: [
    {
      id: '9d3b5f7e-6a21-4c8d-b0e4-1f7a2c5d8e93',
      displayName: 'Create incidents based on Azure Security Center for IoT alerts',
      productFilter: 'Azure Security Center for IoT',
      enabled: false,
      alertRuleTemplateName: 'a2e0eb51-1f11-461a-999b-cd0ebe5c7a72',
    },
    {
      id: '0c7e4a9d-2b58-4f13-a6d7-8e1b3c5f9a20',
      displayName: 'Create incidents based on Azure Security Center alerts',
      productFilter: 'Azure Security Center',
      enabled: true,
      alertRuleTemplateName: null,
    },
  ],
  /** Devices that raise alerts, per hub name. */
  devices: {
    'contoso-ot-hub-weu': ['plc-line1-07', 'hmi-packaging-02', 'gw-edge-weu-01'],
    'contoso-ot-hub-neu': ['rtu-substation-3', 'sensor-boiler-12'],
    'contoso-ot-hub-sdc': ['robot-cell-5', 'scada-historian-01'],
    'contoso-lab-hub-eus': ['lab-testbench-01'],
    'contoso-lab-sim-hub': ['sim-device-001'],
    'contoso-retail-hub-wus2': ['pos-store-114', 'cooler-sensor-22'],
  } as Record<string, readonly string[]>,
} as const;

function hub(subscriptionId: string, resourceGroup: string, name: string, location: string) {
  return {
    subscriptionId,
    resourceGroup,
    name,
    location,
    id:
      `/subscriptions/${subscriptionId}/resourceGroups/${resourceGroup}` +
      `/providers/Microsoft.Devices/IotHubs/${name}`,
  };
}

export type SandboxHub = (typeof SANDBOX_DATA.hubs)[number];

/** Workspace ARM id, as used in solution and connector bodies. */
export function getWorkspaceResourceId(): string {
  const ws = SANDBOX_DATA.workspace;
  return (
    `/subscriptions/${ws.subscriptionId}/resourceGroups/${ws.resourceGroup}` +
    `/providers/Microsoft.OperationalInsights/workspaces/${ws.workspaceName}`
  );
}

/** True when an enabled Defender for IoT solution covers the hub. */
export function isDefenderEnabledOn(hubId: string): boolean {
  return SANDBOX_DATA.solutions.some(
    (solution) =>
      solution.status === 'Enabled' &&
      solution.hubNames.some((name) => hubId.toLowerCase().endsWith(`/iothubs/${name}`)),
  );
}
