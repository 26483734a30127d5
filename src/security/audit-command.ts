import type { AccessPolicy, AuditEntry, AuditTrail, Caller } from './access-policy.js';

export interface AuditCommandDeps {
  audit: Pick<AuditTrail, 'recent'>;
  policy: Pick<AccessPolicy, 'canOperate' | 'describeOperatorRule'>;
}

/** What `audit [last N]` answers; the commands layer renders it as a card with `text` as fallback. */
export type AuditReply =
  { kind: 'refused'; text: string } | { kind: 'entries'; entries: AuditEntry[]; text: string };

/** The parts of a command module the route table needs (match, help line, handler). */
export interface AuditCommandRoute {
  name: 'audit';
  usage: string;
  example: string;
  /** Only operators see it in `help` and may run it. */
  operatorOnly: true;
  /** Undefined when the text is not this command; otherwise how many entries were asked for. */
  parse(text: string): { limit: number } | undefined;
  run(request: { caller: Caller; limit: number }): Promise<AuditReply>;
}

export const DEFAULT_AUDIT_LIMIT = 10;
export const MAX_AUDIT_LIMIT = 50;

/**
 * Parses `audit`, `audit last N` and `audit N` (case-insensitive, any spacing). N is clamped
 * to 1–50; anything else after `audit` is not this command, so the router can suggest one.
 */
export function parseAuditCommand(text: string): { limit: number } | undefined {
  const match = /^audit(?:\s+(?:last\s+)?(\d{1,6}))?$/i.exec(text.trim().replace(/\s+/g, ' '));
  if (!match) return undefined;
  const asked = match[1] === undefined ? DEFAULT_AUDIT_LIMIT : Number(match[1]);

  return { limit: Math.min(Math.max(asked, 1), MAX_AUDIT_LIMIT) };
}

/**
 * Runs `audit [last N]`: operators get the newest N change attempts, others the operator rule.
 * Reading the trail changes nothing, so it is not itself recorded.
 */
export async function runAuditCommand(
  request: { caller: Caller; limit: number },
  deps: AuditCommandDeps,
): Promise<AuditReply> {
  if (!deps.policy.canOperate(request.caller)) {
    return { kind: 'refused', text: deps.policy.describeOperatorRule() };
  }
  const entries = await deps.audit.recent(request.limit);
  if (entries.length === 0) return { kind: 'entries', entries, text: 'No change attempts yet.' };

  return { kind: 'entries', entries, text: entries.map(formatAuditLine).join('\n') };
}

/**
 * One plain-text line per entry. Names and targets come from people and Azure, so Markdown and
 * card-template characters are escaped: they show as typed and never become links (F25).
 */
export function formatAuditLine(entry: AuditEntry): string {
  const who = entry.actor.name ?? entry.actor.aadObjectId ?? 'unknown';
  const parts = [
    entry.at,
    escapeText(who),
    escapeText(entry.action),
    escapeText(entry.target),
    entry.result,
  ];
  if (entry.correlationId) parts.push(`correlation ${escapeText(entry.correlationId)}`);

  return parts.join(' · ');
}

function escapeText(value: string): string {
  return value
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_[\]()<>#|~!{}$]/g, (char) => `\\${char}`)
    .slice(0, 200);
}

/**
 * The `audit` command as a route for the command table. Register it with the table's add
 * function, e.g. `routes.push(createAuditRoute({ audit, policy }))`.
 */
export function createAuditRoute(deps: AuditCommandDeps): AuditCommandRoute {
  return {
    name: 'audit',
    usage: 'audit [last N]',
    example: 'audit last 20',
    operatorOnly: true,
    parse: parseAuditCommand,
    run: (request) => runAuditCommand(request, deps),
  };
}
