import type { AdaptiveCardInvokeResponse } from 'botbuilder';
import { AzureCallError } from '../azure/azure-call-error.js';
import { BotError, ErrorCodes, UsageError } from '../errors.js';
import type { Logger } from '../logging/create-logger.js';

/** Body types Teams accepts in an `adaptiveCard/action` answer (F06: not `…adaptive.card`). */
export const INVOKE_CARD_TYPE = 'application/vnd.microsoft.card.adaptive';
export const INVOKE_MESSAGE_TYPE = 'application/vnd.microsoft.activity.message';
export const INVOKE_ERROR_TYPE = 'application/vnd.microsoft.error';

/** Answer with a card that replaces the clicked card for the person who clicked. */
export function createCardResponse(card: Record<string, unknown>): AdaptiveCardInvokeResponse {
  return { statusCode: 200, type: INVOKE_CARD_TYPE, value: card };
}

/** Answer with a short text that Teams shows under the card; the card itself stays as it is. */
export function createMessageResponse(text: string): AdaptiveCardInvokeResponse {
  // botbuilder types `value` as an object, but a message answer carries the text itself.
  return {
    statusCode: 200,
    type: INVOKE_MESSAGE_TYPE,
    value: text as unknown as Record<string, unknown>,
  };
}

/** Answer with an error Teams shows under the card. `message` must be safe for the user. */
export function createErrorResponse(
  statusCode: number,
  code: string,
  message: string,
): AdaptiveCardInvokeResponse {
  return { statusCode, type: INVOKE_ERROR_TYPE, value: { code, message } };
}

/**
 * Turns a failure of a card action into an error answer (F10): the stable code and a message
 * written for people, never Azure's raw text, a stack trace or a token. Logged once here.
 */
export function createInvokeErrorResponse(
  error: unknown,
  logger: Logger,
): AdaptiveCardInvokeResponse {
  if (error instanceof UsageError) {
    logger.info({ code: error.code }, 'card action input refused');
    return createErrorResponse(400, error.code, error.message);
  }
  if (error instanceof AzureCallError) {
    logger.warn(
      { err: error.cause, code: error.code, azureCode: error.azureCode, status: error.status },
      'azure call failed',
    );
    const status = error.status === 403 || error.status === 404 ? error.status : 500;
    return createErrorResponse(
      status,
      error.code,
      `Could not ${error.operation.what}. ${error.message} ${error.fix}`.trim(),
    );
  }
  const code = error instanceof BotError ? error.code : ErrorCodes.Internal;
  logger.error({ err: error, code }, 'card action failed');

  return createErrorResponse(
    500,
    code,
    'The action did not finish. Please try again; if it keeps failing, tell the bot owner.',
  );
}
