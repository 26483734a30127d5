import type { AzureOperation } from './azure-call-error.js';

const READER = 'Reader on the subscription';
const SENTINEL_READER = 'Microsoft Sentinel Reader on the workspace';
const SENTINEL_CONTRIBUTOR = 'Microsoft Sentinel Contributor on the workspace';

/** Every Azure call the bot makes, with the words and the role its error card uses. */
export const AzureOperations = {
  listSubscriptions: { what: 'list the subscriptions', role: READER },
  listHubs: { what: 'list the IoT hubs', role: READER },
  listDefenderSolutions: { what: 'read the Defender for IoT settings', role: READER },
  listConnectors: { what: 'read the Sentinel data connectors', role: SENTINEL_READER },
  connect: {
    what: 'connect the Defender for IoT connector',
    role: `Contributor on the subscription and ${SENTINEL_CONTRIBUTOR}`,
  },
  disconnect: {
    what: 'disconnect the Defender for IoT connector',
    role: `Contributor on the subscription and ${SENTINEL_CONTRIBUTOR}`,
  },
  readIncidentRule: { what: 'read the incident creation rule', role: SENTINEL_READER },
  writeIncidentRule: { what: 'change the incident creation rule', role: SENTINEL_CONTRIBUTOR },
  queryAlerts: {
    what: 'query the Defender for IoT alerts',
    role: 'Log Analytics Reader (or Microsoft Sentinel Reader) on the workspace',
  },
} as const satisfies Record<string, AzureOperation>;
