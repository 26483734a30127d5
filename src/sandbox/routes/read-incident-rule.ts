import { armError, isObject, type SandboxResponse } from '../http/sandbox-http.js';
import type { IncidentRuleProperties } from '../sentinel-store.js';

/** `MicrosoftSecurityProductName` values accepted by `productFilter`. */
export const PRODUCT_NAMES = [
  'Microsoft Cloud App Security',
  'Azure Security Center',
  'Azure Advanced Threat Protection',
  'Azure Active Directory Identity Protection',
  'Azure Security Center for IoT',
  'Office 365 Advanced Threat Protection',
  'Microsoft Defender Advanced Threat Protection',
] as const;

const SEVERITIES = ['High', 'Medium', 'Low', 'Informational'];

/**
 * Validates a PUT body for a MicrosoftSecurityIncidentCreation rule as the service does:
 * `displayName`, `enabled` and `productFilter` are required, enums are checked.
 */
export function readIncidentRule(
  body: unknown,
  now: Date,
): { value: IncidentRuleProperties; etag?: string } | { error: SandboxResponse } {
  const fail = (message: string) => ({ error: armError(400, 'BadRequest', message) });
  if (!isObject(body))
    return fail("Failed to parse input. Error='The request body must be a JSON object.'");
  if (body.kind !== 'MicrosoftSecurityIncidentCreation') {
    return fail(
      `Alert rule kind '${String(body.kind)}' is not supported by the Azure sandbox; ` +
        "only 'MicrosoftSecurityIncidentCreation' is.",
    );
  }
  const p = isObject(body.properties) ? body.properties : {};
  for (const name of ['displayName', 'enabled', 'productFilter']) {
    if (p[name] === undefined || p[name] === null) {
      return fail(
        `Failed to parse input. Error='Required property '${name}' not found in JSON. ` +
          "Path 'properties'.'",
      );
    }
  }
  if (typeof p.displayName !== 'string' || p.displayName.trim() === '') {
    return fail(
      "Failed to parse input. Error='The property 'displayName' must be a non-empty string.'",
    );
  }
  if (typeof p.enabled !== 'boolean') {
    return fail("Failed to parse input. Error='The property 'enabled' must be a boolean.'");
  }
  if (!PRODUCT_NAMES.includes(p.productFilter as (typeof PRODUCT_NAMES)[number])) {
    return fail(
      `Failed to parse input. Error='Requested value '${String(p.productFilter)}' was not found. ` +
        "Path 'properties.productFilter'.'",
    );
  }
  const severities = readStringList(p.severitiesFilter);
  if (severities === false || severities?.some((s) => !SEVERITIES.includes(s))) {
    return fail(
      "Failed to parse input. Error='The property 'severitiesFilter' " +
        "must list High, Medium, Low or Informational.'",
    );
  }
  const names = readStringList(p.displayNamesFilter);
  const excluded = readStringList(p.displayNamesExcludeFilter);
  if (names === false || excluded === false) {
    return fail("Failed to parse input. Error='Display name filters must be arrays of strings.'");
  }

  return {
    value: {
      displayName: p.displayName,
      enabled: p.enabled,
      productFilter: p.productFilter as string,
      description: typeof p.description === 'string' ? p.description : null,
      severitiesFilter: severities,
      displayNamesFilter: names,
      displayNamesExcludeFilter: excluded,
      alertRuleTemplateName:
        typeof p.alertRuleTemplateName === 'string' ? p.alertRuleTemplateName : null,
      lastModifiedUtc: now.toISOString(),
    },
    etag: typeof body.etag === 'string' ? body.etag : undefined,
  };
}

/** null when absent, false when malformed. */
function readStringList(value: unknown): string[] | null | false {
  if (value === undefined || value === null) return null;
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) return false;

  return value as string[];
}
