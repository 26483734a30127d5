import type { AdaptiveCardInvokeResponse, TurnContext } from 'botbuilder';
import type { CardRenderer } from '../cards/render-card.js';
import type { CommandDeps } from '../commands/command.js';
import { UserFacingError } from '../commands/message-reply.js';
import { ErrorCodes } from '../errors.js';
import type { Logger } from '../logging/create-logger.js';
import type { AccessPolicy, AuditTrail } from '../security/access-policy.js';
import { createActionDedupe, getActionKey, type ActionDedupe } from './action-dedupe.js';
import type { BackgroundTasks } from './background-tasks.js';
import type { ChangeLog } from './change-log.js';
import type { CommandTable } from './command-table.js';
import { createErrorReply } from './create-error-reply.js';
import {
  deliverToInvoke,
  deliverToSubmit,
  type DeliveryDeps,
  type InvokeAnswer,
} from './deliver-card-outcome.js';
import {
  createCardResponse,
  createErrorResponse,
  createInvokeErrorResponse,
  createMessageResponse,
} from './invoke-response.js';
import { readCommandInput, type CommandInput } from './read-command-input.js';
import { runCardAction, type DeliverOutcome } from './run-card-action.js';
import {
  bindTurnLogger,
  catchTurnErrors,
  requireAllowedTenant,
  requireOperator,
  resolveCommand,
} from './turn-middleware.js';
import { composeMiddleware, type Turn, type TurnMiddleware } from './turn-pipeline.js';

export interface CardActionDeps {
  logger: Logger;
  table: CommandTable;
  renderer: CardRenderer;
  access: AccessPolicy;
  audit: AuditTrail;
  commandDeps: CommandDeps;
  tasks: BackgroundTasks;
  /** Who changed what last, for stale clicks and "connected by … at …". */
  changes: ChangeLog;
  /** The bot's app id ('' in local mode). */
  appId: string;
  /** How long an action may run before it is answered with "working…"; default 3000 ms. */
  deadlineMs?: number;
  /** Answers remembered per delivered invoke; default an in-memory cache. */
  dedupe?: ActionDedupe<AdaptiveCardInvokeResponse>;
}

/** Card buttons: `adaptiveCard/action` invokes and their Action.Submit fallback. */
export interface CardActionHandler {
  /**
   * Answers an invoke with a documented body (card, message or error), never empty, never 501,
   * never with a stack trace (F06–F10). The same delivery twice gets the first answer (F17).
   */
  answerInvoke(context: TurnContext): Promise<AdaptiveCardInvokeResponse>;
  /** Runs card data that came in a message (Action.Submit, messageBack) (F04, F05). */
  handleSubmit(
    context: TurnContext,
    input: Extract<CommandInput, { kind: 'action' }>,
  ): Promise<void>;
}

/** Card verbs other features' cards use under a second name. */
const VERB_ALIASES: Record<string, string> = { watchhub: 'watchHubOnly' };

const ANSWER_KEY = Symbol('card action answer');

/**
 * Builds the card-action handler. Both paths run the middleware typed commands run (tenant,
 * command resolution, operator check with refusal card and audit), so a button can do nothing
 * a typed command could not; only the last step differs.
 */
export function createCardActionHandler(deps: CardActionDeps): CardActionHandler {
  const dedupe = deps.dedupe ?? createActionDedupe<AdaptiveCardInvokeResponse>();
  const delivery: DeliveryDeps = {
    renderer: deps.renderer,
    tasks: deps.tasks,
    appId: deps.appId,
    deadlineMs: deps.deadlineMs ?? 3000,
  };
  const deliver: DeliverOutcome = (turn, work, expected) => {
    const answer = turn.context.turnState.get(ANSWER_KEY) as InvokeAnswer | undefined;
    return answer
      ? deliverToInvoke(turn, work, { expected, answer, deps: delivery })
      : deliverToSubmit(turn, work, { expected, deps: delivery });
  };
  const steps = (errors: TurnMiddleware): TurnMiddleware[] => [
    bindTurnLogger(deps.logger),
    requireAllowedTenant(deps.access),
    errors,
    resolveCommand(deps.table),
    requireOperator(deps.access, deps.commandDeps),
    runCardAction({ ...deps, deliver }),
  ];
  const runInvoke = composeMiddleware(steps(catchInvokeErrors(deps.renderer)));
  const runSubmit = composeMiddleware(steps(catchTurnErrors()));

  const answer = async (
    context: TurnContext,
    input: CommandInput,
    onFinal?: InvokeAnswer['onFinal'],
  ) => {
    const slot: InvokeAnswer = { onFinal };
    context.turnState.set(ANSWER_KEY, slot);
    const turn = createActionTurn(context, input, deps, async (reply) => {
      slot.response = createCardResponse(deps.renderer.render(reply).attachments[0]?.content ?? {});
    });
    await runInvoke(turn);

    return slot.response ?? createMessageResponse('This button has nothing to do.');
  };

  return {
    async answerInvoke(context) {
      const { activity } = context;
      const action = (activity.value as { action?: { type?: unknown } } | undefined)?.action;
      if (!action || typeof action !== 'object') {
        return createErrorResponse(400, 'BadRequest', 'The card action is missing.');
      }
      // Only Action.Execute arrives as this invoke; anything else is a client we do not serve.
      if (action.type !== 'Action.Execute') {
        return createErrorResponse(400, 'NotSupported', 'Only Action.Execute buttons are handled.');
      }
      const tenantId = readTenantId(activity);
      if (!deps.access.isTenantAllowed(tenantId)) {
        deps.logger.warn(
          { tenantId: tenantId ?? '(none)' },
          'card action from a tenant not allowed',
        );
        return createErrorResponse(
          403,
          ErrorCodes.TenantNotAllowed,
          'This app is not available here.',
        );
      }
      const input = routeAliases(readCommandInput(activity));
      if (!activity.id || !activity.conversation?.id) return answer(context, input);

      const key = getActionKey(activity.conversation.id, activity.id);
      const { value, repeated } = await dedupe.run(key, () =>
        answer(context, input, (final) => dedupe.remember(key, final)),
      );
      if (repeated) deps.logger.info({ activityId: activity.id }, 'repeated invoke answered again');

      return value;
    },
    async handleSubmit(context, input) {
      await runSubmit(
        createActionTurn(context, routeAliases(input), deps, async (reply) => {
          await context.sendActivity(deps.renderer.render(reply));
        }),
      );
    },
  };
}

/** The error boundary for invokes: failures become an error body, lookups a message card. */
function catchInvokeErrors(renderer: CardRenderer): TurnMiddleware {
  return async (turn, next) => {
    try {
      await next();
    } catch (error) {
      const slot = turn.context.turnState.get(ANSWER_KEY) as InvokeAnswer;
      slot.response =
        error instanceof UserFacingError
          ? createCardResponse(
              renderer.render(createErrorReply(error, turn.logger)).attachments[0]?.content ?? {},
            )
          : createInvokeErrorResponse(error, turn.logger);
    }
  };
}

function routeAliases<T extends CommandInput>(input: T): T {
  if (input.kind !== 'action') return input;
  const verb = VERB_ALIASES[input.verb.toLowerCase()];

  return verb ? { ...input, verb } : input;
}

function createActionTurn(
  context: TurnContext,
  input: CommandInput,
  deps: CardActionDeps,
  reply: Turn['reply'],
): Turn {
  const { activity } = context;
  const tenantId = readTenantId(activity);

  return {
    context,
    logger: deps.logger,
    caller: { aadObjectId: activity.from?.aadObjectId, name: activity.from?.name, tenantId },
    tenantId,
    input,
    reply,
    // Card actions deliver through their own deadline handling; this serves shared middleware.
    replyWhenDone: async (work) => reply(await work),
  };
}

function readTenantId(activity: TurnContext['activity']): string | undefined {
  return (
    activity.conversation?.tenantId ??
    (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id
  );
}
