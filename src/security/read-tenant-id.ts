/** The parts of an activity that name its tenant. */
export interface TenantSource {
  conversation?: { tenantId?: unknown };
  channelData?: { tenant?: { id?: unknown } };
}

/**
 * The tenant a Teams activity comes from: `channelData.tenant.id`, which Teams always sets, else
 * `conversation.tenantId`. Undefined when neither is a non-empty string.
 */
export function readTenantId(activity: TenantSource): string | undefined {
  const id = activity.channelData?.tenant?.id ?? activity.conversation?.tenantId;

  return typeof id === 'string' && id !== '' ? id : undefined;
}
