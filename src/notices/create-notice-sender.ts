import {
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type ConversationReference,
  type TurnContext,
} from 'botbuilder';
import type { BotConfig } from '../config/load-config.js';
import { createConnectorHttpClient } from './connector-http-client.js';

/** Posts one activity into a conversation the bot was told about earlier. */
export interface NoticeSender {
  send(
    reference: Partial<ConversationReference>,
    activity: Partial<Activity>,
  ): Promise<string | undefined>;
}

/** The part of botbuilder's CloudAdapter a proactive send needs. */
export interface ProactiveAdapter {
  continueConversationAsync(
    botAppId: string,
    reference: Partial<ConversationReference>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void>;
}

/**
 * Sends through `adapter.continueConversationAsync` with the configured app id; in local mode
 * that id is the empty string, which botbuilder accepts, and never `undefined` (F14). Errors are
 * carried out of the turn explicitly, because the adapter's `onTurnError` would otherwise
 * swallow them and a failed notice would count as sent.
 */
export function createNoticeSender(adapter: ProactiveAdapter, appId: string): NoticeSender {
  return {
    async send(reference, activity) {
      let failure: unknown;
      let id: string | undefined;
      await adapter.continueConversationAsync(appId, reference, async (context) => {
        // A notice is a new post, not a reply to the synthetic activity that opens the turn.
        context.onSendActivities(async (_context, activities, next) => {
          for (const outgoing of activities) delete outgoing.replyToId;
          return next();
        });
        try {
          id = (await context.sendActivity(activity))?.id;
        } catch (error) {
          failure = error;
        }
      });
      if (failure !== undefined) throw failure;

      return id;
    },
  };
}

/**
 * A CloudAdapter for proactive sends only, with the same credentials as the inbound one but a
 * transport that leaves every retry decision to the notice delivery (see
 * `connector-http-client.ts`).
 */
export function createNoticeAdapter(config: BotConfig): CloudAdapter {
  const settings = {
    MicrosoftAppId: config.app.id ?? '',
    MicrosoftAppPassword: config.app.password ?? '',
    MicrosoftAppType: config.app.type,
    MicrosoftAppTenantId: config.app.tenantId ?? '',
  };
  const credentials = new ConfigurationServiceClientCredentialFactory(settings);
  const auth = new ConfigurationBotFrameworkAuthentication(
    settings,
    credentials,
    undefined,
    undefined,
    { httpClient: createConnectorHttpClient() },
  );

  return new CloudAdapter(auth);
}
