import type { Command, CommandContext } from '../commands/command.js';
import { isBotError } from '../errors.js';
import type { AuditEntry, AuditTrail, Caller } from './access-policy.js';

/**
 * The operator commands that change Azure or what other people receive, by card verb (lower
 * case), with the action name their audit rows carry. Only these are audited: reading, including
 * reading the audit trail, changes nothing.
 */
const CHANGE_ACTIONS: Record<string, (args: unknown) => string> = {
  connectsub: () => 'connect',
  disconnectsub: () => 'disconnect',
  incidents: (args) => `incidents ${String(args)}`,
  watchalerts: () => 'watch alerts',
  watchhubonly: () => 'watch only hub',
  unwatch: () => 'unwatch',
};

/** Where an attempt happened, for targets that are not in the arguments. */
export interface AttemptScope {
  conversationId: string;
  workspaceName: string;
}

/** What an audit row says was tried on what; the result is added by whoever knows it. */
export interface ChangeAttempt {
  action: string;
  target: string;
}

/**
 * Names a change attempt before it is run: connect and disconnect target the subscription (as
 * given, until the command resolves it to an id), the incident rule targets the workspace, and
 * watches target the conversation whose notices they change. Undefined for anything else.
 */
export function describeChangeAttempt(
  command: Pick<Command, 'verb'>,
  args: unknown,
  scope: AttemptScope,
): ChangeAttempt | undefined {
  const verb = command.verb.toLowerCase();
  const action = CHANGE_ACTIONS[verb]?.(args);
  if (action === undefined) return undefined;
  if (verb === 'incidents') return { action, target: scope.workspaceName };
  if (verb === 'connectsub' || verb === 'disconnectsub') return { action, target: String(args) };

  return { action, target: scope.conversationId };
}

/** The collaborators {@link recordChangeAttempt} needs, as commands receive them. */
export interface AttemptRecorder {
  caller: Caller;
  deps: { audit: Pick<AuditTrail, 'record'>; now: () => Date };
}

/** Writes one audit row for an attempt by the caller, stamped with the injected clock. */
export function recordChangeAttempt(
  recorder: AttemptRecorder,
  attempt: ChangeAttempt & Pick<AuditEntry, 'result' | 'correlationId' | 'detail'>,
): Promise<void> {
  const { caller, deps } = recorder;

  return deps.audit.record({
    at: deps.now().toISOString(),
    actor: { aadObjectId: caller.aadObjectId, name: caller.name },
    ...attempt,
  });
}

/** Azure's correlation or request id carried by a failed call's error, if any. */
export function readCorrelationId(error: unknown): string | undefined {
  return isBotError(error) ? error.correlationId : undefined;
}

/** A short, log-safe reason for a failed attempt: the error's stable code. */
export function describeFailure(error: unknown): string {
  return isBotError(error) ? error.code : 'unexpected error';
}

/**
 * Wraps a change command so that every run leaves exactly one audit row. The command records
 * the outcomes it knows (`succeeded`, `unchanged`, or `failed` with the resolved target); when it
 * throws before recording anything (an unknown subscription, Azure failing on a read before the
 * write), the wrapper records `failed` with Azure's correlation id. Typed commands and card
 * buttons both run commands through the route table, so both are covered.
 */
export function auditChangeAttempts(command: Command): Command {
  if (command.operatorOnly === false) return command;

  return {
    ...command,
    async run(context: CommandContext, args: unknown) {
      const attempt = isChangeRun(command, args)
        ? describeChangeAttempt(command, args, {
            conversationId: context.conversationId,
            workspaceName: context.deps.azure.workspace.workspaceName,
          })
        : undefined;
      if (!attempt) return command.run(context, args);

      let rows = 0;
      const audit: AuditTrail = {
        record: (entry) => {
          rows += 1;
          return context.deps.audit.record(entry);
        },
        recent: (limit) => context.deps.audit.recent(limit),
      };
      try {
        const reply = await command.run({ ...context, deps: { ...context.deps, audit } }, args);
        if (rows !== 1) context.logger.error({ rows }, 'change command did not audit exactly once');
        return reply;
      } catch (error) {
        if (rows === 0) await recordFailure(context, attempt, error);
        throw error;
      }
    },
  };
}

function isChangeRun(command: Command, args: unknown): boolean {
  return typeof command.operatorOnly === 'function'
    ? command.operatorOnly(args)
    : command.operatorOnly;
}

async function recordFailure(context: CommandContext, attempt: ChangeAttempt, error: unknown) {
  const failure = {
    ...attempt,
    result: 'failed' as const,
    correlationId: readCorrelationId(error),
    detail: describeFailure(error),
  };
  // The command's own error is what the user must see; a failing audit write is logged instead.
  await recordChangeAttempt(context, failure).catch((auditError: unknown) =>
    context.logger.error({ err: auditError }, 'audit row for a failed change not written'),
  );
}
