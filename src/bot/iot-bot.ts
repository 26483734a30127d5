import { TeamsActivityHandler, type InvokeResponse, type TurnContext } from 'botbuilder';
import {
  createCardActionHandler,
  type CardActionDeps,
  type CardActionHandler,
} from './handle-card-action.js';
import { readCommandInput, type CommandInput } from './read-command-input.js';
import { replyWithProgress } from './reply-with-progress.js';
import { isBotMentioned } from './strip-bot-mentions.js';
import {
  bindTurnLogger,
  catchTurnErrors,
  requireAllowedTenant,
  requireOperator,
  resolveCommand,
  runCommand,
} from './turn-middleware.js';
import { composeMiddleware, type Turn, type TurnMiddleware } from './turn-pipeline.js';

/** What the bot needs: the card-action collaborators, plus message timing and notices. */
export interface IotBotDeps extends Omit<CardActionDeps, 'deadlineMs' | 'dedupe'> {
  /** Delay before a "working…" message; default 2000 ms. */
  workingAfterMs?: number;
  /** Keeps the conversation reference of every inbound activity for alert notices (F16). */
  recordActivity?: (activity: TurnContext['activity']) => Promise<unknown>;
  /** How long a card button may work before it is answered "working…"; default 3000 ms. */
  actionDeadlineMs?: number;
}

/**
 * The Teams activity handler. It turns messages, card submits and card invokes into command
 * inputs and runs them through one middleware chain; it holds no command logic of its own.
 */
export class IotBot extends TeamsActivityHandler {
  private readonly runPipeline: (turn: Turn) => Promise<void>;
  private readonly cardActions: CardActionHandler;

  constructor(private readonly deps: IotBotDeps) {
    super();
    const middleware: TurnMiddleware[] = [
      bindTurnLogger(deps.logger),
      requireAllowedTenant(deps.access),
      catchTurnErrors(),
      resolveCommand(deps.table),
      requireOperator(deps.access, deps.commandDeps),
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
    this.cardActions = createCardActionHandler({
      ...deps,
      deadlineMs: deps.actionDeadlineMs,
    });
    this.onMessage(async (context, next) => {
      const input = readCommandInput(context.activity);
      if (input.kind === 'text' && !isAddressedToBot(context.activity)) {
        // With the read-back permissions (ChatMessage.Read.Chat, ChannelMessage.Read.Group)
        // Teams delivers every message of a chat or channel, not only those naming the bot.
        this.deps.logger.debug('message in a shared conversation without a mention; ignored');
        await next();
        return;
      }
      // A button's Action.Submit fallback arrives as a message carrying the card's data (F05).
      if (input.kind === 'action') await this.cardActions.handleSubmit(context, input);
      else await this.runPipeline(this.createTurn(context, input));
      await next();
    });
  }

  /**
   * Answers `adaptiveCard/action` (Action.Execute) itself instead of through botbuilder's
   * dispatcher, which answers HTTP 400 for other action types and throws on a missing `action`:
   * Teams expects HTTP 200 with the status inside the body (F06, F08, F10).
   */
  protected override async onInvokeActivity(context: TurnContext): Promise<InvokeResponse> {
    if (context.activity.name !== 'adaptiveCard/action') return super.onInvokeActivity(context);
    const body = await this.cardActions.answerInvoke(context);

    return { status: 200, body };
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

/** In personal chats every message is for the bot; elsewhere only those that mention it. */
function isAddressedToBot(activity: TurnContext['activity']): boolean {
  const type = activity.conversation?.conversationType;
  if (type !== 'channel' && type !== 'groupChat') return true;

  return isBotMentioned(activity);
}
