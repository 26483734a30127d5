import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type TurnContext,
} from 'botbuilder';
import type { BotConfig } from '../config/load-config.js';
import type { Logger } from '../logging/create-logger.js';

/**
 * Builds botbuilder's CloudAdapter from the validated configuration. With an app id every inbound
 * request must carry a valid Bot Framework token; without one (local mode) botbuilder accepts
 * unauthenticated callers, which is why local mode binds to loopback only (see load-config).
 */
export function createAdapter(config: BotConfig, logger: Logger): CloudAdapter {
  const settings = {
    MicrosoftAppId: config.app.id ?? '',
    MicrosoftAppPassword: config.app.password ?? '',
    MicrosoftAppType: config.app.type,
    MicrosoftAppTenantId: config.app.tenantId ?? '',
  };
  const credentials = new ConfigurationServiceClientCredentialFactory(settings);
  const auth = new ConfigurationBotFrameworkAuthentication(settings, credentials);
  const adapter = new CloudAdapter(auth);

  // Last line of defence: handlers answer their own errors; anything reaching here is a defect.
  adapter.onTurnError = async (context: TurnContext, error: unknown) => {
    logger.error(
      {
        err: error,
        activityId: context.activity.id,
        conversationId: context.activity.conversation?.id,
      },
      'unhandled turn error',
    );
    if (context.activity.type === 'message') {
      await context.sendActivity('Sorry, something went wrong on my side. Please try again.');
    }
  };

  return adapter;
}
