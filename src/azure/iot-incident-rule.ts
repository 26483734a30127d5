import type {
  AlertRuleUnion,
  MicrosoftSecurityIncidentCreationAlertRule,
} from '@azure/arm-securityinsight';
import type { IncidentRule, WorkspaceRef } from './iot-security-gateway.js';
import { IOT_PRODUCT_NAME } from './query-iot-alerts.js';

/** The narrow part of `SecurityInsights.alertRules` the bot uses. */
export interface AlertRulesApi {
  list(resourceGroup: string, workspaceName: string): AsyncIterable<AlertRuleUnion>;
  createOrUpdate(
    resourceGroup: string,
    workspaceName: string,
    ruleId: string,
    alertRule: MicrosoftSecurityIncidentCreationAlertRule,
  ): Promise<AlertRuleUnion>;
}

/**
 * Sentinel's built-in template "Create incidents based on Azure Security Center for IoT alerts".
 */
export const IOT_INCIDENT_TEMPLATE = 'a2e0eb51-1f11-461a-999b-cd0ebe5c7a72';

/**
 * Id the bot gives the rule when the workspace has none. It is the template's id, so the rule is
 * recognisable in the portal and every `incidents on` writes the same rule.
 */
export const IOT_INCIDENT_RULE_ID = IOT_INCIDENT_TEMPLATE;

export const IOT_INCIDENT_RULE_NAME =
  'Create incidents based on Azure Security Center for IoT alerts';

type IncidentCreationRule = MicrosoftSecurityIncidentCreationAlertRule & { name: string };

/**
 * Finds the workspace's IoT incident rule: a `MicrosoftSecurityIncidentCreation` rule with the IoT
 * product filter. One made from the built-in template wins, so a rule switched on in the portal
 * is reused rather than duplicated.
 */
export async function findIotIncidentRule(
  api: AlertRulesApi,
  workspace: WorkspaceRef,
): Promise<IncidentCreationRule | undefined> {
  const candidates: IncidentCreationRule[] = [];
  for await (const rule of api.list(workspace.resourceGroup, workspace.workspaceName)) {
    if (!isIncidentCreationRule(rule) || !rule.name) continue;
    if (rule.productFilter !== IOT_PRODUCT_NAME) continue;
    candidates.push({ ...rule, name: rule.name });
  }

  return (
    candidates.find((rule) => rule.name === IOT_INCIDENT_RULE_ID) ??
    candidates.find((rule) => rule.alertRuleTemplateName === IOT_INCIDENT_TEMPLATE) ??
    candidates[0]
  );
}

/** Creates or switches the IoT incident rule, keeping everything else about an existing rule. */
export async function writeIotIncidentRule(
  api: AlertRulesApi,
  workspace: WorkspaceRef,
  change: { enabled: boolean; existing?: IncidentCreationRule },
): Promise<IncidentRule> {
  const { existing } = change;
  const id = existing?.name ?? IOT_INCIDENT_RULE_ID;
  const body: MicrosoftSecurityIncidentCreationAlertRule = existing
    ? {
        kind: 'MicrosoftSecurityIncidentCreation',
        etag: existing.etag,
        displayName: existing.displayName,
        description: existing.description,
        productFilter: IOT_PRODUCT_NAME,
        severitiesFilter: existing.severitiesFilter,
        displayNamesFilter: existing.displayNamesFilter,
        displayNamesExcludeFilter: existing.displayNamesExcludeFilter,
        alertRuleTemplateName: existing.alertRuleTemplateName,
        enabled: change.enabled,
      }
    : {
        kind: 'MicrosoftSecurityIncidentCreation',
        displayName: IOT_INCIDENT_RULE_NAME,
        productFilter: IOT_PRODUCT_NAME,
        alertRuleTemplateName: IOT_INCIDENT_TEMPLATE,
        enabled: change.enabled,
      };
  const written = await api.createOrUpdate(
    workspace.resourceGroup,
    workspace.workspaceName,
    id,
    body,
  );

  return toIncidentRule(written, id);
}

export function toIncidentRule(rule: AlertRuleUnion, fallbackId: string): IncidentRule {
  const incident = isIncidentCreationRule(rule) ? rule : undefined;

  return {
    id: rule.name ?? fallbackId,
    displayName: incident?.displayName ?? IOT_INCIDENT_RULE_NAME,
    enabled: incident?.enabled === true,
  };
}

/** The SDK's union includes a base type with `kind: string`, so `kind` alone does not narrow. */
function isIncidentCreationRule(
  rule: AlertRuleUnion,
): rule is MicrosoftSecurityIncidentCreationAlertRule {
  return rule.kind === 'MicrosoftSecurityIncidentCreation';
}
