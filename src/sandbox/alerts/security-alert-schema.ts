/** Log Analytics column types the sandbox produces. */
export type ColumnType = 'string' | 'datetime' | 'real' | 'bool' | 'long';

export type CellValue = string | number | boolean | Date | null;

/** One SecurityAlert row keyed by column name. */
export type SecurityAlertRow = Record<string, CellValue>;

/** The SecurityAlert table's columns, in the order Log Analytics returns them. */
export const SECURITY_ALERT_COLUMNS: ReadonlyArray<readonly [string, ColumnType]> = [
  ['TenantId', 'string'],
  ['TimeGenerated', 'datetime'],
  ['DisplayName', 'string'],
  ['AlertName', 'string'],
  ['AlertSeverity', 'string'],
  ['Description', 'string'],
  ['ProviderName', 'string'],
  ['VendorName', 'string'],
  ['VendorOriginalId', 'string'],
  ['SystemAlertId', 'string'],
  ['ResourceId', 'string'],
  ['SourceComputerId', 'string'],
  ['AlertType', 'string'],
  ['ConfidenceLevel', 'string'],
  ['ConfidenceScore', 'real'],
  ['IsIncident', 'bool'],
  ['StartTime', 'datetime'],
  ['EndTime', 'datetime'],
  ['ProcessingEndTime', 'datetime'],
  ['RemediationSteps', 'string'],
  ['ExtendedProperties', 'string'],
  ['Entities', 'string'],
  ['SourceSystem', 'string'],
  ['WorkspaceSubscriptionId', 'string'],
  ['WorkspaceResourceGroup', 'string'],
  ['ExtendedLinks', 'string'],
  ['ProductName', 'string'],
  ['ProductComponentName', 'string'],
  ['AlertLink', 'string'],
  ['Status', 'string'],
  ['CompromisedEntity', 'string'],
  ['Tactics', 'string'],
  ['Techniques', 'string'],
  ['SubTechniques', 'string'],
  ['Type', 'string'],
  ['_BilledSize', 'real'],
  ['_IsBillable', 'string'],
];

export const SECURITY_ALERT_TABLE = 'SecurityAlert';
