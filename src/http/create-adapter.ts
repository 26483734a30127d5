import {
  CallerIdConstants,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  ConfigurationServiceClientCredentialFactory,
  type Activity,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { BotConfig } from '../config/load-config.js';
import type { Logger } from '../logging/create-logger.js';
import { CHANNEL_TOKEN_ISSUER } from './check-bearer-token.js';

/** What a successful authentication yields (botframework-connector's type, via botbuilder). */
export type AuthenticateRequestResult = Awaited<
  ReturnType<ConfigurationBotFrameworkAuthentication['authenticateRequest']>
>;
/** Makes the credentials for outbound Bot Connector calls. */
export type CredentialsFactory = NonNullable<
  ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[1]
>;

export interface AdapterOptions {
  /**
   * Where the Bot Connector's signing keys are published; default botbuilder's public-cloud
   * OpenID document. Only integration tests point it elsewhere (a local key server).
   */
  openIdMetadataUrl?: string;
  /** Credentials for outbound calls; default from the app id and password (or managed identity). */
  credentialsFactory?: CredentialsFactory;
}

/**
 * botbuilder's CloudAdapter with authentication and turn processing as two separate steps, so
 * the HTTP endpoint can answer an authentication failure itself (401, logged safely) instead of
 * letting `CloudAdapter.process` print the whole error, request headers included, to the console.
 */
export class GuardedCloudAdapter extends CloudAdapter {
  /**
   * Validates the caller's token (signature, issuer, audience, endorsements, service URL claim).
   * In local mode, where no app id is configured, it accepts any caller.
   *
   * @throws AuthenticationError (or a key-retrieval error) when the caller is not authentic.
   */
  authenticate(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    return this.botFrameworkAuthentication.authenticateRequest(activity, authHeader);
  }

  /** Runs one turn for an already authenticated activity; resolves to the invoke response. */
  runTurn(
    auth: AuthenticateRequestResult,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(auth, activity, logic);
  }
}

/**
 * Builds the adapter from the validated configuration. With an app id every inbound request must
 * carry a valid Bot Framework token; without one (local mode) botbuilder accepts unauthenticated
 * callers, which is why local mode binds to loopback only (see load-config).
 */
export function createAdapter(
  config: BotConfig,
  logger: Logger,
  options: AdapterOptions = {},
): GuardedCloudAdapter {
  const settings = {
    MicrosoftAppId: config.app.id ?? '',
    MicrosoftAppPassword: config.app.password ?? '',
    MicrosoftAppType: config.app.type,
    MicrosoftAppTenantId: config.app.tenantId ?? '',
    ...(options.openIdMetadataUrl ? publicCloudWithKeysFrom(options.openIdMetadataUrl) : {}),
  };
  const credentials =
    options.credentialsFactory ?? new ConfigurationServiceClientCredentialFactory(settings);
  const auth = new ConfigurationBotFrameworkAuthentication(settings, credentials);
  const adapter = new GuardedCloudAdapter(auth);

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

/**
 * botbuilder treats any single endpoint setting as "custom cloud" and then expects all of them,
 * so moving only the signing-key document means restating the public-cloud values around it.
 */
function publicCloudWithKeysFrom(openIdMetadataUrl: string): Record<string, string> {
  return {
    ToBotFromChannelOpenIdMetadataUrl: openIdMetadataUrl,
    ToBotFromChannelTokenIssuer: CHANNEL_TOKEN_ISSUER,
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    ToBotFromEmulatorOpenIdMetadataUrl:
      'https://login.microsoftonline.com/common/v2.0/.well-known/openid-configuration',
    CallerId: CallerIdConstants.PublicAzureChannel,
  };
}
