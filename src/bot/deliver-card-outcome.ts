import { TurnContext, type AdaptiveCardInvokeResponse } from 'botbuilder';
import type { CardActivity, CardRenderer } from '../cards/render-card.js';
import { createMessageReply } from '../commands/message-reply.js';
import type { Logger } from '../logging/create-logger.js';
import type { BackgroundTasks } from './background-tasks.js';
import { createErrorReply } from './create-error-reply.js';
import { createCardResponse, createMessageResponse } from './invoke-response.js';
import type { CardDisplay, CardOutcome } from './run-card-action.js';
import type { Turn } from './turn-pipeline.js';

export interface DeliveryDeps {
  renderer: CardRenderer;
  tasks: BackgroundTasks;
  /** The bot's app id ('' in local mode), to update messages after the turn has ended. */
  appId: string;
  /** How long the work may take before the answer is a "working…" card instead (F09). */
  deadlineMs: number;
}

/** Where an invoke's answer is collected while the middleware runs. */
export interface InvokeAnswer {
  response?: AdaptiveCardInvokeResponse;
  /** Called with the final card once slow work has ended, for re-sent invokes (F17). */
  onFinal?: (response: AdaptiveCardInvokeResponse) => void;
}

const SLOW = Symbol('slow');

const WORKING = createMessageReply({
  title: 'Working on it…',
  text: 'Azure is taking a moment. This card updates when it is done.',
});

/**
 * Answers an `adaptiveCard/action` invoke. Work that ends within the deadline becomes the answer
 * itself: the new card (and, after a state change, the same card on the original message for
 * everyone), or a short message when the result is posted as a new message. Slower work is
 * answered with a "working…" card at once and delivered by updating the message later (F09).
 * Work that fails within the deadline rejects, so the error boundary answers with an error body.
 */
export async function deliverToInvoke(
  turn: Turn,
  work: Promise<CardOutcome>,
  options: { expected: CardDisplay; answer: InvokeAnswer; deps: DeliveryDeps },
): Promise<void> {
  const { answer, deps } = options;
  const { context } = turn;
  const messageId = context.activity.replyToId;
  const target = captureTarget(turn);
  const first = await raceDeadline(work, deps.deadlineMs);
  if (first !== SLOW) {
    const activity = deps.renderer.render(first.reply);
    if (first.display === 'post') {
      await context.sendActivity(activity);
      answer.response = createMessageResponse('Posted the answer below.');
      return;
    }
    answer.response = createCardResponse(getCard(activity));
    if (first.display === 'replace-all' && messageId) {
      deps.tasks.track(deliverLater(target, { activity, messageId, deps, fallbackToSend: false }));
    }
    return;
  }

  turn.logger.info('card action is slow; answering with a working card');
  answer.response =
    options.expected === 'post'
      ? createMessageResponse('Working on it… the answer will be posted here.')
      : createCardResponse(getCard(deps.renderer.render(WORKING)));
  deps.tasks.track(
    settleOutcome(work, target.logger).then(async (outcome) => {
      const activity = deps.renderer.render(outcome.reply);
      answer.onFinal?.(
        outcome.display === 'post'
          ? createMessageResponse('Posted the answer below.')
          : createCardResponse(getCard(activity)),
      );
      const updated = outcome.display === 'post' ? undefined : messageId;
      await deliverLater(target, { activity, messageId: updated, deps, fallbackToSend: true });
    }),
  );
}

/**
 * Delivers a card action that came as a message (Action.Submit fallback, messageBack): there is
 * no invoke answer, so a card shown in place is an update of the clicked message for everyone.
 */
export async function deliverToSubmit(
  turn: Turn,
  work: Promise<CardOutcome>,
  options: { expected: CardDisplay; deps: DeliveryDeps },
): Promise<void> {
  const { deps } = options;
  const { context } = turn;
  const clicked = context.activity.replyToId;
  const target = captureTarget(turn);
  const first = await raceDeadline(work, deps.deadlineMs);
  if (first !== SLOW) {
    await showNow(context, deps.renderer.render(first.reply), {
      messageId: first.display === 'post' ? undefined : clicked,
      logger: turn.logger,
    });
    return;
  }

  const working = deps.renderer.render(WORKING);
  const placeholder =
    options.expected === 'post' || !clicked
      ? (await context.sendActivity(working))?.id
      : (await showNow(context, working, { messageId: clicked, logger: turn.logger }), clicked);
  deps.tasks.track(
    settleOutcome(work, target.logger).then((outcome) =>
      deliverLater(target, {
        activity: deps.renderer.render(outcome.reply),
        messageId: placeholder,
        deps,
        fallbackToSend: true,
      }),
    ),
  );
}

async function raceDeadline<T>(work: Promise<T>, ms: number): Promise<T | typeof SLOW> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof SLOW>((resolve) => {
    timer = setTimeout(() => resolve(SLOW), ms);
  });
  try {
    return await Promise.race([work, deadline]);
  } finally {
    clearTimeout(timer);
  }
}

/** Work that ended after the answer was sent: a failure becomes an error card to deliver. */
function settleOutcome(work: Promise<CardOutcome>, logger: Logger): Promise<CardOutcome> {
  return work.catch((error: unknown) => ({
    reply: createErrorReply(error, logger),
    display: 'replace-all' as const,
  }));
}

async function showNow(
  context: TurnContext,
  activity: CardActivity,
  options: { messageId?: string; logger: Logger },
): Promise<void> {
  if (options.messageId) {
    try {
      await context.updateActivity({ ...activity, id: options.messageId });
      return;
    } catch (error) {
      options.logger.warn({ err: error }, 'could not update the clicked card; sending anew');
    }
  }
  await context.sendActivity(activity);
}

/** What is needed to reach the conversation again once the turn's context has been revoked. */
interface LaterTarget {
  adapter: TurnContext['adapter'];
  reference: ReturnType<typeof TurnContext.getConversationReference>;
  logger: Logger;
}

/** Captured while the turn runs: botbuilder revokes the turn context when the turn ends. */
function captureTarget(turn: Turn): LaterTarget {
  return {
    adapter: turn.context.adapter,
    reference: TurnContext.getConversationReference(turn.context.activity),
    logger: turn.logger,
  };
}

/** Updates (or sends) a message after the turn has ended, from the conversation reference. */
async function deliverLater(
  target: LaterTarget,
  options: {
    activity: CardActivity;
    messageId?: string;
    deps: DeliveryDeps;
    fallbackToSend: boolean;
  },
): Promise<void> {
  const { activity, messageId, deps } = options;
  await target.adapter.continueConversationAsync(deps.appId, target.reference, async (later) => {
    if (!messageId) {
      await later.sendActivity(activity);
      return;
    }
    try {
      await later.updateActivity({ ...activity, id: messageId });
    } catch (error) {
      target.logger.warn({ err: error }, 'could not update the card message');
      if (options.fallbackToSend) await later.sendActivity(activity);
    }
  });
}

function getCard(activity: CardActivity): Record<string, unknown> {
  return activity.attachments[0]?.content ?? {};
}
