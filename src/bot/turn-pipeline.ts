import type { TurnContext } from 'botbuilder';
import type { CardReply } from '../cards/render-card.js';
import type { Command } from '../commands/command.js';
import type { Logger } from '../logging/create-logger.js';
import type { Caller } from '../security/access-policy.js';
import { BotError, ErrorCodes } from '../errors.js';
import type { CommandInput } from './read-command-input.js';

/** The state of one incoming activity as it passes through the middleware. */
export interface Turn {
  context: TurnContext;
  /** Child logger bound to this turn's ids (and, once known, the command). */
  logger: Logger;
  caller: Caller;
  tenantId?: string;
  input: CommandInput;
  /** Set once the input matched a command and its arguments parsed. */
  invocation?: { command: Command; args: unknown };
  /** Sends a card reply now. */
  reply(reply: CardReply): Promise<void>;
  /**
   * Delivers the outcome of slow work: straight away when it is quick, otherwise as a
   * "working…" message that is updated in place when the work ends (F09). `work` must not reject.
   */
  replyWhenDone(work: Promise<CardReply>, working: CardReply): Promise<void>;
}

/** A cross-cutting step of turn handling. Calls `next` at most once, or not at all to stop. */
export type TurnMiddleware = (turn: Turn, next: () => Promise<void>) => Promise<void>;

/**
 * Runs middleware in order. A middleware that calls `next` twice is a defect, reported as an
 * error instead of running the rest of the chain a second time.
 */
export function composeMiddleware(middleware: readonly TurnMiddleware[]) {
  return async (turn: Turn): Promise<void> => {
    const dispatch = async (index: number): Promise<void> => {
      const current = middleware[index];
      if (!current) return;
      let called = false;
      await current(turn, async () => {
        if (called) throw new BotError(ErrorCodes.Internal, 'next() called twice by middleware');
        called = true;
        await dispatch(index + 1);
      });
    };
    await dispatch(0);
  };
}
