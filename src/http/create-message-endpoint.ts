import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import type { Request, Response } from 'restify';
import type { BotConfig } from '../config/load-config.js';
import type { Logger } from '../logging/create-logger.js';
import { createTurnLogger, readRequestId } from '../logging/create-turn-logger.js';
import type { TenantGate } from '../security/create-tenant-gate.js';
import { checkBearerToken, listTokenIssuers } from './check-bearer-token.js';
import type { AuthenticateRequestResult, GuardedCloudAdapter } from './create-adapter.js';
import type { MessageEndpoint, Rejection } from './create-server.js';
import { parseActivity } from './parse-activity.js';

/** Where the per-turn logger is kept in `context.turnState`; read it with `getTurnLogger`. */
export const TURN_LOGGER_KEY = Symbol('turnLogger');

export interface MessageEndpointDeps {
  config: Pick<BotConfig, 'mode' | 'app'>;
  adapter: GuardedCloudAdapter;
  logger: Logger;
  tenantGate: TenantGate;
  /** The bot's turn handler, e.g. `(context) => bot.run(context)`. */
  handleTurn: (context: TurnContext) => Promise<void>;
  /** Seconds since the epoch; injectable for token-expiry tests. */
  now?: () => number;
}

const ERROR_BODY_TYPE = 'application/vnd.microsoft.error';

/**
 * The trust boundary for `POST /api/messages`, in order: a structural token check without network
 * (production mode), the activity shape, botbuilder's full authentication, the tenant gate, then
 * the turn with its own child logger. Every failure is answered here with a fixed body (no token,
 * no stack) and logged with ids only.
 */
export function createMessageEndpoint(deps: MessageEndpointDeps): MessageEndpoint {
  const { config, adapter, logger } = deps;
  const now = deps.now ?? (() => Date.now() / 1000);
  const expectations =
    config.mode === 'production' && config.app.id
      ? { appId: config.app.id, issuers: listTokenIssuers(config.app) }
      : undefined;

  return {
    screen(req: Request): Rejection | undefined {
      if (!expectations) return undefined;
      const check = checkBearerToken(req.header('authorization'), expectations, now());
      if (check.ok) return undefined;
      logger.warn(
        { requestId: readRequestId(req.headers), reason: check.reason },
        'caller refused',
      );

      return unauthorized();
    },

    async process(req: Request, res: Response): Promise<void> {
      const requestId = readRequestId(req.headers);
      const parsed = parseActivity(req.body);
      if (!parsed.ok) {
        logger.info({ requestId, field: parsed.field }, 'request is not a valid activity');
        return answer(res, 400, {
          error: { code: 'InvalidActivity', message: 'The body is not a Bot Framework activity.' },
        });
      }

      const { activity } = parsed;
      let auth: AuthenticateRequestResult;
      try {
        auth = await adapter.authenticate(activity, req.header('authorization') ?? '');
      } catch (error) {
        // botbuilder's messages may quote claims; the error's type is enough to diagnose.
        logger.warn({ requestId, reason: (error as Error).name }, 'caller refused');
        const { status, body } = unauthorized();
        return answer(res, status, body);
      }
      if (!deps.tenantGate.admit(activity)) {
        // No answer for a foreign tenant: an empty 200, or for an invoke the documented error
        // shape, which keeps Teams from retrying and tells the caller nothing about the bot.
        const refusal =
          activity.type === 'invoke'
            ? invokeError(403, 'TenantNotAllowed', 'This app is not available.')
            : { status: 200 };
        return answer(res, refusal.status, refusal.body);
      }

      const turnLogger = createTurnLogger(logger, activity, { requestId });
      const result = await runTurn(deps, { auth, activity, turnLogger });
      answer(res, result.status, result.body);
    },
  };
}

/** The logger bound to the current turn's ids, or `fallback` outside an inbound turn. */
export function getTurnLogger(context: TurnContext, fallback: Logger): Logger {
  return (context.turnState.get(TURN_LOGGER_KEY) as Logger | undefined) ?? fallback;
}

interface TurnInput {
  auth: AuthenticateRequestResult;
  activity: Activity;
  turnLogger: Logger;
}

async function runTurn(deps: MessageEndpointDeps, input: TurnInput): Promise<InvokeResponse> {
  const { activity, turnLogger } = input;
  const isInvoke = activity.type === 'invoke';
  try {
    const response = await deps.adapter.runTurn(input.auth, activity, async (context) => {
      context.turnState.set(TURN_LOGGER_KEY, turnLogger);
      await deps.handleTurn(context);
    });
    if (!isInvoke || (response && response.status < 500)) return response ?? { status: 200 };

    // An invoke nobody answered (botbuilder says 501) makes Teams show "unable to reach app" and
    // retry, repeating side effects (F08): answer with the documented error shape instead.
    turnLogger.warn({ status: response?.status }, 'invoke left unanswered by the bot');
    return response?.status === 501
      ? invokeError(400, 'UnknownAction', 'This action is not supported.')
      : invokeError(500, 'Internal', 'Something went wrong on my side. Please try again.');
  } catch (error) {
    turnLogger.error({ err: error }, 'turn failed');
    return isInvoke
      ? invokeError(500, 'Internal', 'Something went wrong on my side. Please try again.')
      : {
          status: 500,
          body: { error: { code: 'Internal', message: 'The activity could not be handled.' } },
        };
  }
}

function invokeError(statusCode: number, code: string, message: string): InvokeResponse {
  return { status: 200, body: { statusCode, type: ERROR_BODY_TYPE, value: { code, message } } };
}

function unauthorized(): Rejection {
  return {
    status: 401,
    body: { error: { code: 'Unauthorized', message: 'A valid Bot Framework token is required.' } },
  };
}

function answer(res: Response, status: number, body?: unknown): void {
  if (body === undefined) {
    res.send(status);
  } else {
    res.json(status, body);
  }
}
