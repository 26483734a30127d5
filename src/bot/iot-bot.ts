import { TeamsActivityHandler, type TurnContext } from 'botbuilder';
import type { Logger } from '../logging/create-logger.js';

export interface IotBotDeps {
  logger: Logger;
}

/**
 * The Teams activity handler. It turns activities into commands and hands them to the router;
 * it holds no command logic of its own.
 */
export class IotBot extends TeamsActivityHandler {
  constructor(private readonly deps: IotBotDeps) {
    super();
    this.onMessage(async (context: TurnContext, next) => {
      await context.sendActivity('sentinel-iot-bot is running. Type `help` to see what I can do.');
      await next();
    });
  }
}
