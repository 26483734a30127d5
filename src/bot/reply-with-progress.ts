import { TurnContext } from 'botbuilder';
import type { CardActivity } from '../cards/render-card.js';
import type { Logger } from '../logging/create-logger.js';
import type { BackgroundTasks } from './background-tasks.js';

export interface ProgressOptions {
  /** How long work may take before the "working…" message is sent; about 2 s in production. */
  workingAfterMs: number;
  /** The bot's app id, needed to continue the conversation after the turn ended ('' locally). */
  appId: string;
  tasks: BackgroundTasks;
  logger: Logger;
}

const STILL_RUNNING = Symbol('still running');

/**
 * Sends the result of `work` as the turn's reply when it is ready within `workingAfterMs`.
 * Otherwise it sends `working` at once, ends the turn (Teams gives up on a turn after about 15 s
 * and re-sends it, F09/F17), and when the work ends replaces that message in place with the
 * result, continuing the conversation from its stored reference. If the update fails the result
 * is sent as a new message, so it is never lost.
 */
export async function replyWithProgress(
  context: TurnContext,
  work: Promise<CardActivity>,
  options: ProgressOptions & { working: CardActivity },
): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<typeof STILL_RUNNING>((resolve) => {
    timer = setTimeout(() => resolve(STILL_RUNNING), options.workingAfterMs);
  });
  const first = await Promise.race([work, deadline]);
  clearTimeout(timer);
  if (first !== STILL_RUNNING) {
    await context.sendActivity(first);
    return;
  }

  const sent = await context.sendActivity(options.working);
  const reference = TurnContext.getConversationReference(context.activity);
  const adapter = context.adapter;
  options.tasks.track(
    work.then((result) =>
      adapter.continueConversationAsync(options.appId, reference, async (later) => {
        if (!sent?.id) {
          await later.sendActivity(result);
          return;
        }
        try {
          await later.updateActivity({ ...result, id: sent.id });
        } catch (error) {
          options.logger.warn({ err: error }, 'could not update the working message; sending anew');
          await later.sendActivity(result);
        }
      }),
    ),
  );
}
