import type { IotHubDescription } from '@azure/arm-iothub';
import type { IoTSecuritySolutionModel } from '@azure/arm-security';
import type { HubInfo } from './iot-security-gateway.js';

/** The narrow part of `IotHubClient` the bot uses. */
export interface IotHubApi {
  iotHubResource: { listBySubscription(): AsyncIterable<IotHubDescription> };
}

/** The narrow part of `SecurityCenter` the bot uses. */
export interface DefenderSolutionsApi {
  iotSecuritySolution: { listBySubscription(): AsyncIterable<IoTSecuritySolutionModel> };
}

/** Every IoT hub of a subscription, sorted by name. */
export async function listIotHubs(api: IotHubApi, subscriptionId: string): Promise<HubInfo[]> {
  const hubs: HubInfo[] = [];
  for await (const hub of api.iotHubResource.listBySubscription()) {
    if (!hub.id || !hub.name) continue;
    hubs.push({
      id: hub.id,
      name: hub.name,
      location: hub.location,
      subscriptionId: subscriptionId.toLowerCase(),
      defenderEnabled: false,
    });
  }

  return hubs.sort((a, b) => a.name.localeCompare(b.name));
}

/**
 * The ARM ids (lower case) of the hubs that an *enabled* Defender for IoT solution of the
 * subscription covers. Azure compares resource ids case-insensitively, so we do too.
 */
export async function listDefendedHubIds(api: DefenderSolutionsApi): Promise<Set<string>> {
  const covered = new Set<string>();
  for await (const solution of api.iotSecuritySolution.listBySubscription()) {
    if ((solution.status ?? 'Enabled') !== 'Enabled') continue;
    for (const hubId of solution.iotHubs ?? []) covered.add(hubId.toLowerCase());
  }

  return covered;
}
