import {
  TeamsActivityHandler,
  type AdaptiveCardInvokeResponse,
  type AdaptiveCardInvokeValue,
  type TurnContext,
} from 'botbuilder';
import type { CardRenderer } from '../cards/render-card.js';
import type { CommandDeps } from '../commands/command.js';
import type { Logger } from '../logging/create-logger.js';
import type { AccessPolicy, AuditTrail } from '../security/access-policy.js';
import type { BackgroundTasks } from './background-tasks.js';
import type { CommandTable } from './command-table.js';
import { readCommandInput, type CommandInput } from './read-command-input.js';
import { replyWithProgress } from './reply-with-progress.js';
import {
  bindTurnLogger,
  catchTurnErrors,
  requireAllowedTenant,
  requireOperator,
  resolveCommand,
  runCommand,
} from './turn-middleware.js';
import { composeMiddleware, type Turn, type TurnMiddleware } from './turn-pipeline.js';

export interface IotBotDeps {
  logger: Logger;
  table: CommandTable;
  renderer: CardRenderer;
  access: AccessPolicy;
  audit: AuditTrail;
  commandDeps: CommandDeps;
  tasks: BackgroundTasks;
  /** The bot's app id ('' in local mode), for updating messages after a turn ended. */
  appId: string;
  /** Delay before a "working…" message; default 2000 ms. */
  workingAfterMs?: number;
  /** Keeps the conversation reference of every inbound activity for alert notices (F16). */
  recordActivity?: (activity: TurnContext['activity']) => Promise<unknown>;
}

/**
 * The Teams activity handler. It turns messages, card submits and card invokes into command
 * inputs and runs them through one middleware chain; it holds no command logic of its own.
 */
export class IotBot extends TeamsActivityHandler {
  private readonly runPipeline: (turn: Turn) => Promise<void>;

  constructor(private readonly deps: IotBotDeps) {
    super();
    const middleware: TurnMiddleware[] = [
      bindTurnLogger(deps.logger),
      requireAllowedTenant(deps.access),
      catchTurnErrors(),
      resolveCommand(deps.table),
      requireOperator(deps.access, deps.audit),
      runCommand({ table: deps.table, access: deps.access, commandDeps: deps.commandDeps }),
    ];
    this.runPipeline = composeMiddleware(middleware);
    this.onTurn(async (context, next) => {
      // Before any handling, so a reply or a later notice always uses the current serviceUrl.
      await deps
        .recordActivity?.(context.activity)
        .catch((error: unknown) =>
          deps.logger.warn({ err: error }, 'conversation reference not stored'),
        );
      await next();
    });
    this.onMessage(async (context, next) => {
      await this.runPipeline(this.createTurn(context, readCommandInput(context.activity)));
      await next();
    });
  }

  /**
   * `adaptiveCard/action` (Action.Execute): runs the verb like a typed command and posts the
   * answer to the conversation. TODO(#5): answer with the updated card itself.
   */
  protected override async onAdaptiveCardInvoke(
    context: TurnContext,
    _value: AdaptiveCardInvokeValue,
  ): Promise<AdaptiveCardInvokeResponse> {
    await this.runPipeline(this.createTurn(context, readCommandInput(context.activity)));

    // botbuilder types `value` as an object, but a message response carries the message text.
    const value = 'Done' as unknown as Record<string, unknown>;

    return { statusCode: 200, type: 'application/vnd.microsoft.activity.message', value };
  }

  private createTurn(context: TurnContext, input: CommandInput): Turn {
    const { activity } = context;
    const { renderer } = this.deps;
    const tenantId =
      activity.conversation?.tenantId ??
      (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id;
    const turn: Turn = {
      context,
      logger: this.deps.logger,
      caller: { aadObjectId: activity.from?.aadObjectId, name: activity.from?.name, tenantId },
      tenantId,
      input,
      reply: async (reply) => {
        await context.sendActivity(renderer.render(reply));
      },
      replyWhenDone: (work, working) =>
        replyWithProgress(
          context,
          work.then((reply) => renderer.render(reply)),
          {
            working: renderer.render(working),
            workingAfterMs: this.deps.workingAfterMs ?? 2000,
            appId: this.deps.appId,
            tasks: this.deps.tasks,
            logger: turn.logger,
          },
        ),
    };

    return turn;
  }
}
