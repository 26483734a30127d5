const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for an Azure AD object, tenant, app or subscription id (a GUID in any letter case). */
export function isGuid(value: string): boolean {
  return GUID.test(value);
}
