import jwt from 'jsonwebtoken';
import type { BotConfig } from '../config/load-config.js';

/** Why a bearer token was turned away before signature validation. */
export type TokenRejection =
  | 'missing'
  | 'not-bearer'
  | 'malformed'
  | 'algorithm'
  | 'issuer'
  | 'audience'
  | 'expired'
  | 'not-yet-valid';

export type TokenCheck = { ok: true } | { ok: false; reason: TokenRejection };

export interface TokenExpectations {
  /** The bot's app id: the only audience accepted. */
  appId: string;
  issuers: readonly string[];
}

/** The issuer of tokens the Bot Connector service (Teams' channel) sends to every bot. */
export const CHANNEL_TOKEN_ISSUER = 'https://api.botframework.com';
/** Signing algorithms botbuilder accepts; `none` and HMAC are never valid here. */
const ALLOWED_ALGORITHMS = ['RS256', 'RS384', 'RS512'];
/** Clock skew allowed on `exp`/`nbf`; the same five minutes botbuilder allows. */
const CLOCK_TOLERANCE_SECONDS = 5 * 60;
/** Real Bot Framework tokens are 1–3 KB; anything far larger is not one. */
const MAX_TOKEN_LENGTH = 16 * 1024;

/**
 * The token issuers this bot accepts for its app type. Every app type receives channel tokens
 * from the Bot Connector (`https://api.botframework.com`). Single-tenant and managed-identity
 * bots also accept Azure AD tokens issued by their own tenant (v1 and v2 issuer forms), which is
 * how the Bot Framework documents bot-to-bot and tooling tokens for those app types.
 */
export function listTokenIssuers(app: BotConfig['app']): string[] {
  const issuers = [CHANNEL_TOKEN_ISSUER];
  if (app.type !== 'MultiTenant' && app.tenantId) {
    issuers.push(
      `https://sts.windows.net/${app.tenantId}/`,
      `https://login.microsoftonline.com/${app.tenantId}/v2.0`,
    );
  }

  return issuers;
}

/**
 * Checks an `Authorization` header's structure and claims without any network call: a bearer
 * JWT with an RSA algorithm, an accepted issuer, the bot's app id as audience, and a current
 * validity window. It does NOT check the signature: botbuilder does that afterwards against the
 * Bot Framework's published keys. Its job is to make every structurally wrong token fail the same
 * way, at once and offline, before botbuilder sees it.
 *
 * @param nowSeconds - the current time in seconds since the epoch.
 */
export function checkBearerToken(
  header: string | undefined,
  expectations: TokenExpectations,
  nowSeconds: number,
): TokenCheck {
  if (!header || header.trim() === '') return reject('missing');
  const match = /^Bearer ([\w-]+\.[\w-]+\.[\w-]*)$/.exec(header);
  if (!match?.[1]) return reject(header.startsWith('Bearer ') ? 'malformed' : 'not-bearer');
  if (match[1].length > MAX_TOKEN_LENGTH) return reject('malformed');

  const decoded = decodeToken(match[1]);
  if (!decoded || typeof decoded.payload !== 'object') return reject('malformed');
  const { header: jose, payload } = decoded;
  if (!ALLOWED_ALGORITHMS.includes(jose.alg) || typeof jose.kid !== 'string') {
    return reject('algorithm');
  }
  if (typeof payload.iss !== 'string' || !expectations.issuers.includes(payload.iss)) {
    return reject('issuer');
  }
  const audiences = Array.isArray(payload.aud) ? payload.aud : [payload.aud];
  if (!audiences.includes(expectations.appId)) return reject('audience');
  if (typeof payload.exp !== 'number' || payload.exp + CLOCK_TOLERANCE_SECONDS < nowSeconds) {
    return reject('expired');
  }
  if (typeof payload.nbf === 'number' && payload.nbf - CLOCK_TOLERANCE_SECONDS > nowSeconds) {
    return reject('not-yet-valid');
  }

  return { ok: true };
}

function decodeToken(token: string): jwt.Jwt | undefined {
  try {
    return jwt.decode(token, { complete: true, json: true }) ?? undefined;
  } catch {
    // jsonwebtoken throws when a segment is not JSON: that is just another malformed token.
    return undefined;
  }
}

function reject(reason: TokenRejection): TokenCheck {
  return { ok: false, reason };
}
