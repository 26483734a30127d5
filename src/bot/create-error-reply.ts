import type { CardReply } from '../cards/render-card.js';
import { AzureCallError } from '../azure/azure-call-error.js';
import { UserFacingError, createMessageReply } from '../commands/message-reply.js';
import { BotError, ErrorCodes, UsageError } from '../errors.js';
import type { Logger } from '../logging/create-logger.js';

/**
 * The one place a failure becomes what the user sees: logged once with its code and cause, and
 * answered with a card that says what failed and what to do, never with a stack trace, a token
 * or Azure's raw response (F10).
 */
export function createErrorReply(error: unknown, logger: Logger, usage?: string): CardReply {
  if (error instanceof UserFacingError) {
    logger.info({ code: error.code }, 'command answered with a lookup message');
    return createMessageReply(error.content);
  }
  if (error instanceof UsageError) {
    logger.info({ code: error.code }, 'command input refused');
    return createMessageReply({
      title: 'I could not run that',
      tone: 'warning',
      text: error.message,
      hint: usage ? `Usage: \`${usage}\`. Type \`help\` for all commands.` : undefined,
    });
  }
  if (error instanceof AzureCallError) {
    logger.warn(
      { err: error.cause, code: error.code, azureCode: error.azureCode, status: error.status },
      'azure call failed',
    );
    const facts = [{ title: 'What to do', value: error.fix }];
    if (error.azureCode) facts.push({ title: 'Azure error', value: error.azureCode });
    if (error.correlationId) facts.push({ title: 'Correlation id', value: error.correlationId });
    return createMessageReply({
      title: `Could not ${error.operation.what}`,
      tone: 'attention',
      text: error.message,
      facts,
    });
  }
  const code = error instanceof BotError ? error.code : ErrorCodes.Internal;
  logger.error({ err: error, code }, 'command failed');

  return createMessageReply({
    title: 'Something went wrong on my side',
    tone: 'attention',
    text: 'The command did not finish. Please try again; if it keeps failing, tell the bot owner.',
    facts: [{ title: 'Error code', value: code }],
  });
}
