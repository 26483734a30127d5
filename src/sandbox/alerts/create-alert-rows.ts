import { SANDBOX_DATA, type SandboxHub } from '../sandbox-data.js';
import type { AlertDefinition } from './alert-catalog.js';
import type { SeededRandom } from './seeded-random.js';
import type { SecurityAlertRow } from './security-alert-schema.js';

export interface NewAlertOptions {
  hub: SandboxHub;
  definition: AlertDefinition;
  generatedAt: Date;
}

/** Builds the first SecurityAlert row of a new alert (status `New`). */
export function createAlertRow(random: SeededRandom, options: NewAlertOptions): SecurityAlertRow {
  const { hub, definition, generatedAt } = options;
  const systemAlertId = random.guid();
  const devices = SANDBOX_DATA.devices[hub.name] ?? [];
  const deviceId = definition.scope === 'device' ? random.pick(devices) : null;
  const startTime = new Date(generatedAt.getTime() - random.int(30, 600) * 1000);
  const extended = buildExtendedProperties(random, definition, { hub, deviceId });
  const entities = deviceId
    ? [{ $id: '1', DeviceId: deviceId, IoTHub: hub.name, Type: 'iotdevice' }]
    : [{ $id: '1', ResourceId: hub.id, Type: 'azure-resource' }];
  const row: SecurityAlertRow = {
    TenantId: SANDBOX_DATA.tenantId,
    TimeGenerated: generatedAt,
    DisplayName: definition.alertName,
    AlertName: definition.alertName,
    AlertSeverity: definition.severity,
    Description: definition.description,
    ProviderName: 'IoTSecurity',
    VendorName: 'Microsoft',
    VendorOriginalId: random.guid(),
    SystemAlertId: systemAlertId,
    ResourceId: hub.id,
    SourceComputerId: '',
    AlertType: definition.alertType,
    ConfidenceLevel: '',
    ConfidenceScore: null,
    IsIncident: false,
    StartTime: startTime,
    EndTime: startTime,
    ProcessingEndTime: generatedAt,
    RemediationSteps: JSON.stringify(definition.remediationSteps),
    ExtendedProperties: JSON.stringify(extended),
    Entities: JSON.stringify(entities),
    SourceSystem: 'Detection',
    WorkspaceSubscriptionId: SANDBOX_DATA.workspace.subscriptionId,
    WorkspaceResourceGroup: SANDBOX_DATA.workspace.resourceGroup,
    ExtendedLinks: '',
    ProductName: 'Azure Security Center for IoT',
    ProductComponentName: 'IoT Hub',
    AlertLink: `https://portal.azure.com/#blade/Microsoft_Azure_Security/AlertBlade/alertId/${systemAlertId}/subscriptionId/${hub.subscriptionId}/resourceGroup/${hub.resourceGroup}/referencedFrom/alertDeepLink/location/${hub.location}`,
    Status: 'New',
    CompromisedEntity: deviceId ?? hub.name,
    Tactics: definition.tactics,
    Techniques: '',
    SubTechniques: '',
    Type: 'SecurityAlert',
    _BilledSize: 0,
    _IsBillable: 'True',
  };
  row._BilledSize = JSON.stringify(row).length;

  return row;
}

/** A later row for the same alert after its status changed, as Defender for IoT writes it. */
export function createStatusChangeRow(
  previous: SecurityAlertRow,
  status: 'InProgress' | 'Resolved' | 'Dismissed',
  changedAt: Date,
): SecurityAlertRow {
  return { ...previous, Status: status, TimeGenerated: changedAt, ProcessingEndTime: changedAt };
}

/**
 * How long Log Analytics takes to make a row queryable: usually a minute or two, sometimes
 * several minutes, now and then a quarter of an hour.
 */
export function drawIngestionDelaySeconds(random: SeededRandom): number {
  const roll = random.next();
  if (roll < 0.7) return random.int(20, 120);
  if (roll < 0.92) return random.int(150, 420);

  return random.int(480, 900);
}

function buildExtendedProperties(
  random: SeededRandom,
  definition: AlertDefinition,
  target: { hub: SandboxHub; deviceId: string | null },
): Record<string, string> {
  const address = `10.${random.int(10, 40)}.${random.int(0, 255)}.${random.int(2, 254)}`;
  if (!target.deviceId) {
    return {
      'IoT Hub': target.hub.name,
      Operation: definition.alertType.includes('Diagnostic')
        ? 'Microsoft.Insights/diagnosticSettings/write'
        : 'Microsoft.Devices/IotHubs/certificates/write',
      Caller: random.pick(['ops-admin@contoso.com', 'svc-deploy@contoso.com', 'j.doe@contoso.com']),
      'Caller IP': address,
    };
  }
  if (definition.alertType.startsWith('IoT_Bruteforce')) {
    return {
      'Full Source Address': JSON.stringify([`${address}:`]),
      'User Names': JSON.stringify([random.pick(['root', 'admin', 'pi', 'operator'])]),
      DeviceId: target.deviceId,
    };
  }
  if (definition.alertType === 'IoT_PrivilegedContainer') {
    return {
      CommandLine: 'docker run --privileged --net=host contoso/telemetry-agent:2.4',
      'User Name': 'edgeAgent',
      UserId: '',
      ParentProcessId: String(random.int(900, 4000)),
      DeviceId: target.deviceId,
    };
  }

  return {
    DeviceId: target.deviceId,
    Protocol: random.pick(['MQTT', 'AMQP', 'HTTPS']),
    'Remote Address': address,
  };
}
