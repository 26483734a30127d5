import { UsageError } from '../errors.js';
import type { AuditTrail } from '../security/access-policy.js';
import {
  DEFAULT_AUDIT_LIMIT,
  MAX_AUDIT_LIMIT,
  formatAuditLine,
  parseAuditCommand,
  toAuditRow,
} from '../security/audit-command.js';
import { defineCommand, type Command } from './command.js';

export interface AuditCommandDeps {
  audit: Pick<AuditTrail, 'recent'>;
}

/** Lines of the text fallback; the card holds the rest. */
const FALLBACK_LINES = 5;

/**
 * `audit [last N]`: the newest change attempts, allowed or refused, newest first (default 20, at
 * most 100). Operator-only: the trail names people and what they tried, so the operator check
 * refuses everyone else with the card that names the role. Reading the trail is not audited.
 */
export function createAuditCommand(deps: AuditCommandDeps): Command {
  return defineCommand<number>({
    name: 'audit',
    aliases: ['show audit'],
    usage: 'audit [last N]',
    example: 'audit last 20',
    summary:
      'The newest change attempts and who made them ' +
      `(default ${DEFAULT_AUDIT_LIMIT}, at most ${MAX_AUDIT_LIMIT}).`,
    operatorOnly: true,
    verb: 'audit',
    argsFromData: (data) => (typeof data.limit === 'number' ? String(data.limit) : ''),
    parse(args: string): number {
      const parsed = parseAuditCommand(`audit ${args}`);
      if (!parsed) {
        throw new UsageError('Type `audit` for the last 20 change attempts, or `audit last 50`.');
      }
      return parsed.limit;
    },
    async run(_context, limit) {
      const entries = await deps.audit.recent(limit);
      const title =
        entries.length === 0
          ? 'No change attempts on record'
          : `Audit trail: newest ${entries.length}`;
      const lines = entries.slice(0, FALLBACK_LINES).map(formatAuditLine);

      return {
        card: 'audit',
        fallbackText: [title, ...lines].join('\n'),
        trim: { key: 'entries', noun: 'entries' },
        data: {
          title,
          subtitle:
            'Connect, disconnect, incidents on/off and watch changes, allowed or refused. ' +
            'Times are UTC, newest first.',
          entries: entries.map(toAuditRow),
          emptyText:
            entries.length === 0 ? 'Nobody has tried to change anything through the bot yet.' : '',
          moreCount: 0,
        },
      };
    },
  });
}
