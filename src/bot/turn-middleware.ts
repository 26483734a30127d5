import { randomUUID } from 'node:crypto';
import type { CommandDeps } from '../commands/command.js';
import { createMessageReply } from '../commands/message-reply.js';
import type { Logger } from '../logging/create-logger.js';
import type { AccessPolicy } from '../security/access-policy.js';
import { describeChangeAttempt, recordChangeAttempt } from '../security/change-attempts.js';
import type { CommandTable } from './command-table.js';
import { createErrorReply } from './create-error-reply.js';
import type { TurnMiddleware } from './turn-pipeline.js';

/**
 * Binds a child logger with the turn's ids. Only ids are logged, never text or card payloads.
 */
export function bindTurnLogger(logger: Logger): TurnMiddleware {
  return async (turn, next) => {
    const { activity } = turn.context;
    turn.logger = logger.child({
      requestId: randomUUID(),
      activityId: activity.id,
      conversationId: activity.conversation?.id,
      tenantId: turn.tenantId,
    });
    await next();
  };
}

/** The one error boundary of a turn: anything thrown below becomes a logged error card. */
export function catchTurnErrors(): TurnMiddleware {
  return async (turn, next) => {
    try {
      await next();
    } catch (error) {
      const command = turn.invocation?.command;
      await turn.reply(createErrorReply(error, turn.logger, command?.usage));
    }
  };
}

/** Activities from tenants the bot must not serve get no answer; each tenant is logged once. */
export function requireAllowedTenant(access: AccessPolicy): TurnMiddleware {
  const reported = new Set<string>();

  return async (turn, next) => {
    if (access.isTenantAllowed(turn.tenantId)) return next();
    const key = turn.tenantId ?? '(none)';
    if (!reported.has(key)) {
      reported.add(key);
      turn.logger.warn({ tenantId: key }, 'activity from a tenant that is not allowed; ignoring');
    }
  };
}

/**
 * Matches the input to a command and parses its arguments. Unknown text gets "did you mean …",
 * an unknown card verb a short notice, input with nothing to act on is logged and ignored (F04).
 */
export function resolveCommand(table: CommandTable): TurnMiddleware {
  return async (turn, next) => {
    const { input } = turn;
    if (input.kind === 'none') {
      turn.logger.debug({ reason: input.reason }, 'nothing to act on');
      return;
    }
    const resolution = table.resolve(input);
    if (resolution.kind === 'empty') {
      await turn.reply(
        createMessageReply({ title: 'Hello!', text: 'Type `help` to see what I can do.' }),
      );
      return;
    }
    if (resolution.kind === 'unknown-verb') {
      turn.logger.info({ verb: resolution.verb.slice(0, 40) }, 'unknown card action');
      await turn.reply(
        createMessageReply({
          title: 'Unknown action',
          tone: 'warning',
          text: 'This button is not supported any more. Type `help` to see what I can do.',
        }),
      );
      return;
    }
    if (resolution.kind === 'unknown') {
      turn.logger.info({ suggestion: resolution.suggestion?.name }, 'unknown command');
      const suggestion = resolution.suggestion;
      await turn.reply(
        createMessageReply({
          title: suggestion ? `Did you mean "${suggestion.name}"?` : 'I did not understand that',
          tone: 'warning',
          text: suggestion
            ? `For example: \`${suggestion.example}\`.`
            : 'I only understand the commands listed by `help`.',
          hint: 'Type `help` to see every command.',
        }),
      );
      return;
    }

    const { command } = resolution;
    turn.logger = turn.logger.child({ command: command.name });
    turn.invocation = { command, args: undefined };
    turn.invocation.args = command.parse(resolution.args);
    turn.logger.info({ source: input.kind }, 'command');
    await next();
  };
}

/** The command collaborators the operator check uses to audit a refusal. */
export type RefusalAuditDeps = Pick<CommandDeps, 'audit' | 'now' | 'azure'>;

/**
 * Operator-only commands from anyone else get a polite refusal card naming the role. A refused
 * change (not a refused read of the audit trail) is audited, so the trail shows who tried what.
 */
export function requireOperator(access: AccessPolicy, deps: RefusalAuditDeps): TurnMiddleware {
  return async (turn, next) => {
    const invocation = turn.invocation;
    if (!invocation) return;
    const { command, args } = invocation;
    const needsOperator =
      typeof command.operatorOnly === 'function'
        ? command.operatorOnly(args)
        : command.operatorOnly;
    if (!needsOperator || access.canOperate(turn.caller)) return next();

    turn.logger.info('refused: caller is not an operator');
    const attempt = describeChangeAttempt(command, args, {
      conversationId: turn.context.activity.conversation?.id ?? '',
      workspaceName: deps.azure.workspace.workspaceName,
    });
    if (attempt) {
      await recordChangeAttempt(
        { caller: turn.caller, deps },
        { ...attempt, result: 'refused', detail: 'not an operator' },
      );
    }
    const id = turn.caller.aadObjectId;
    await turn.reply(
      createMessageReply({
        title: 'Only bot operators can do this',
        tone: 'warning',
        text:
          `"${command.name}" needs the bot operator role, and you do not have it` +
          (id ? ` (your Azure AD object id is ${id}).` : '.'),
        hint: access.describeOperatorRule(),
      }),
    );
  };
}

export interface RunCommandDeps {
  table: CommandTable;
  access: AccessPolicy;
  commandDeps: CommandDeps;
}

/** Runs the command; slow Azure work is answered with "working…" and updated in place. */
export function runCommand(deps: RunCommandDeps): TurnMiddleware {
  return async (turn) => {
    const invocation = turn.invocation;
    if (!invocation) return;
    const { command, args } = invocation;
    const work = command
      .run(
        {
          caller: turn.caller,
          conversationId: turn.context.activity.conversation?.id ?? '',
          logger: turn.logger,
          deps: deps.commandDeps,
          canOperate: deps.access.canOperate(turn.caller),
          commands: deps.table.commands,
        },
        args,
      )
      .catch((error: unknown) => createErrorReply(error, turn.logger, command.usage));
    const working = createMessageReply({
      title: 'Working on it…',
      text:
        `Running \`${command.name}\`. ` +
        'Azure is taking a moment; this message updates when it is done.',
    });
    await turn.replyWhenDone(work, working);
  };
}
