/** The four alert severities Log Analytics uses, most severe first. */
export const SEVERITIES = ['High', 'Medium', 'Low', 'Informational'] as const;
export type Severity = (typeof SEVERITIES)[number];

/** The Sentinel workspace the bot works on. */
export interface WorkspaceRef {
  subscriptionId: string;
  resourceGroup: string;
  workspaceName: string;
  /** The workspace's customer id (GUID) that Log Analytics queries address. */
  workspaceId: string;
}

export interface SubscriptionInfo {
  subscriptionId: string;
  displayName: string;
  state: string;
}

export interface HubInfo {
  /** ARM id `/subscriptions/…/resourceGroups/…/providers/Microsoft.Devices/IotHubs/{name}`. */
  id: string;
  name: string;
  location: string;
  subscriptionId: string;
  /** True when an enabled Defender for IoT solution covers this hub. */
  defenderEnabled: boolean;
}

/** A Sentinel data connector of kind `IOT`, one per connected subscription. */
export interface IotConnector {
  id: string;
  subscriptionId: string;
  /** State of its alerts data type. */
  alertsState: 'Enabled' | 'Disabled';
}

/** The analytics rule that creates incidents from Defender for IoT alerts. */
export interface IncidentRule {
  id: string;
  displayName: string;
  enabled: boolean;
}

/** Validated filters for the alerts query; every value has a strict form (F22). */
export interface AlertQuery {
  /** How far back, in hours. */
  hours: number;
  severity?: Severity;
  subscriptionId?: string;
  /** Full ARM id of one hub. */
  hubId?: string;
  /** Rows to return, 1–50. */
  top: number;
}

export interface AlertRow {
  systemAlertId: string;
  timeGenerated: Date;
  severity: string;
  name: string;
  /** Device id from ExtendedProperties, else the compromised entity. */
  device: string;
  /** Hub name from ResourceId. */
  hub: string;
}

export interface AlertSummary {
  countsBySeverity: Record<string, number>;
  total: number;
  rows: AlertRow[];
}

/** One alert with its JSON-in-string columns parsed; a malformed column is `undefined`. */
export interface AlertDetail extends AlertRow {
  description: string;
  status: string;
  alertType: string;
  resourceId: string;
  productName: string;
  providerName: string;
  startTime?: Date;
  endTime?: Date;
  remediationSteps?: string[];
  extendedProperties?: Record<string, string>;
  entities?: Array<Record<string, unknown>>;
}

/**
 * Everything the commands need from Azure, in the bot's own terms. Implemented over the official
 * SDK clients by `createIotSecurityGateway`; commands' unit tests use small fakes of it. Every
 * method throws `AzureCallError` on failure.
 */
export interface IotSecurityGateway {
  readonly workspace: WorkspaceRef;
  listSubscriptions(): Promise<SubscriptionInfo[]>;
  listHubs(subscriptionId: string): Promise<HubInfo[]>;
  listIotConnectors(): Promise<IotConnector[]>;
  /** Writes (creates or re-enables) the connector for the subscription. */
  connect(subscriptionId: string): Promise<IotConnector>;
  /** Removes the given connectors. */
  disconnect(connectors: readonly IotConnector[]): Promise<void>;
  /** The IoT incident rule, or undefined when the workspace has none yet. */
  getIncidentRule(): Promise<IncidentRule | undefined>;
  /** Creates or switches the IoT incident rule and returns its resulting state. */
  setIncidentRule(enabled: boolean): Promise<IncidentRule>;
  queryAlerts(query: AlertQuery): Promise<AlertSummary>;
  /** One alert by SystemAlertId (its newest row), or undefined. */
  getAlert(systemAlertId: string): Promise<AlertDetail | undefined>;
}
