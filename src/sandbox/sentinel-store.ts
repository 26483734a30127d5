import { randomUUID } from 'node:crypto';
import { SANDBOX_DATA } from './sandbox-data.js';

export interface StoredConnector {
  id: string;
  kind: 'IOT';
  subscriptionId: string;
  state: 'Enabled' | 'Disabled';
  etag: string;
}

export interface IncidentRuleProperties {
  displayName: string;
  enabled: boolean;
  productFilter: string;
  description: string | null;
  severitiesFilter: string[] | null;
  displayNamesFilter: string[] | null;
  displayNamesExcludeFilter: string[] | null;
  alertRuleTemplateName: string | null;
  lastModifiedUtc: string;
}

export interface StoredAlertRule {
  id: string;
  kind: 'MicrosoftSecurityIncidentCreation';
  etag: string;
  properties: IncidentRuleProperties;
}

/** The Sentinel workspace's data connectors and alert rules; every write gets a fresh etag. */
export interface SentinelStore {
  connectors: Map<string, StoredConnector>;
  alertRules: Map<string, StoredAlertRule>;
  /** A fresh etag in the quoted form Sentinel returns. */
  newEtag(): string;
  /** Subscriptions with an enabled IOT connector. */
  listConnectedSubscriptions(): Set<string>;
}

export function createSentinelStore(start: Date): SentinelStore {
  const newEtag = () => `"${randomUUID()}"`;
  const connectors = new Map<string, StoredConnector>(
    SANDBOX_DATA.connectors.map((c) => [c.id, { ...c, kind: 'IOT', etag: newEtag() }]),
  );
  const alertRules = new Map<string, StoredAlertRule>(
    SANDBOX_DATA.alertRules.map((rule) => [
      rule.id,
      {
        id: rule.id,
        kind: 'MicrosoftSecurityIncidentCreation',
        etag: newEtag(),
        properties: {
          displayName: rule.displayName,
          enabled: rule.enabled,
          productFilter: rule.productFilter,
          description: null,
          severitiesFilter: null,
          displayNamesFilter: null,
          displayNamesExcludeFilter: null,
          alertRuleTemplateName: rule.alertRuleTemplateName,
          lastModifiedUtc: new Date(start.getTime() - 20 * 86_400_000).toISOString(),
        },
      },
    ]),
  );

  return {
    connectors,
    alertRules,
    newEtag,
    listConnectedSubscriptions() {
      return new Set(
        [...connectors.values()]
          .filter((c) => c.state === 'Enabled')
          .map((c) => c.subscriptionId.toLowerCase()),
      );
    },
  };
}
