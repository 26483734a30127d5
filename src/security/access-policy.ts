/** Who is asking: the parts of a Teams activity's `from` and tenant that access decisions use. */
export interface Caller {
  /** AAD object id; absent for some system activities. */
  aadObjectId?: string;
  name?: string;
  tenantId?: string;
}

/**
 * Deny-by-default access rules for the bot. Commands that change Azure, or what other people
 * receive, ask `canOperate`; everything else needs only an allowed tenant.
 */
export interface AccessPolicy {
  /** False for activities from a tenant the bot must not answer. */
  isTenantAllowed(tenantId: string | undefined): boolean;
  /** True when the caller may run commands that change Azure or notices. */
  canOperate(caller: Caller): boolean;
  /** One sentence for refusal cards: which role is needed and how an admin grants it. */
  describeOperatorRule(): string;
}

/** One change attempt, allowed or refused, as kept in the audit trail. */
export interface AuditEntry {
  at: string;
  actor: { aadObjectId?: string; name?: string };
  action: string;
  target: string;
  result: 'succeeded' | 'failed' | 'refused' | 'unchanged';
  /** Azure's correlation or request id when Azure was called. */
  correlationId?: string;
  detail?: string;
}

export interface AuditTrail {
  record(entry: AuditEntry): Promise<void>;
  /** Newest first. */
  recent(limit: number): Promise<AuditEntry[]>;
}
