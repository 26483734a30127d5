import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AccessToken, TokenCredential } from '@azure/core-auth';

/** The audiences the sandbox serves, by the scope a client asks for. */
const AUDIENCES: Record<string, string> = {
  'https://management.azure.com/.default': 'https://management.azure.com/',
  'https://management.core.windows.net/.default': 'https://management.azure.com/',
  'https://api.loganalytics.io/.default': 'https://api.loganalytics.io',
};

const TOKEN_LIFETIME_MS = 60 * 60 * 1000;

export type TokenCheck =
  { ok: true; audience: string } | { ok: false; code: string; message: string };

/**
 * Issues and checks the sandbox's bearer tokens. A token names its audience and expiry and is
 * signed with a per-sandbox secret, so only tokens this sandbox issued are accepted, and a token
 * obtained for Log Analytics does not open ARM (and the reverse), as in Azure.
 */
export interface SandboxTokens {
  credential: TokenCredential;
  issue(scope: string, lifetimeMs?: number): AccessToken;
  check(authorization: string | undefined, audience: string): TokenCheck;
}

export function createSandboxTokens(): SandboxTokens {
  const secret = randomBytes(32);
  const sign = (payload: string) =>
    createHmac('sha256', secret).update(payload).digest('base64url');

  const issue = (scope: string, lifetimeMs = TOKEN_LIFETIME_MS): AccessToken => {
    // Expiry uses the real clock: token caching in the SDK compares it with Date.now().
    const expiresOnTimestamp = Date.now() + lifetimeMs;
    const audience = Buffer.from(AUDIENCES[scope] ?? scope).toString('base64url');
    const payload = `${audience}.${expiresOnTimestamp}`;

    return {
      token: `sandbox.${payload}.${sign(payload)}`,
      expiresOnTimestamp,
      tokenType: 'Bearer',
    };
  };

  return {
    credential: {
      async getToken(scopes) {
        const scope = Array.isArray(scopes) ? (scopes[0] ?? '') : (scopes as string);
        return issue(scope);
      },
    },
    issue,
    check(authorization, audience) {
      const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
      if (!match) {
        return {
          ok: false,
          code: 'AuthenticationFailed',
          message: "Authentication failed. The 'Authorization' header is missing.",
        };
      }
      const parts = (match[1] ?? '').split('.');
      const [prefix, encodedAudience = '', expiry = '', signature = ''] = parts;
      const expected = Buffer.from(sign(`${encodedAudience}.${expiry}`));
      const given = Buffer.from(signature);
      if (
        parts.length !== 4 ||
        prefix !== 'sandbox' ||
        expected.length !== given.length ||
        !timingSafeEqual(expected, given)
      ) {
        return {
          ok: false,
          code: 'InvalidAuthenticationToken',
          message: 'The access token is invalid.',
        };
      }
      if (Number(expiry) <= Date.now()) {
        return {
          ok: false,
          code: 'ExpiredAuthenticationToken',
          message:
            `The access token expiry UTC time '${new Date(Number(expiry)).toISOString()}' ` +
            `is earlier than current UTC time '${new Date().toISOString()}'.`,
        };
      }
      const tokenAudience = Buffer.from(encodedAudience, 'base64url').toString();
      if (tokenAudience !== audience) {
        return {
          ok: false,
          code: 'InvalidAuthenticationTokenAudience',
          message:
            'The access token has been obtained for wrong audience or resource ' +
            `'${tokenAudience}'. It should exactly match with one of the allowed audiences ` +
            `'${audience}'.`,
        };
      }

      return { ok: true, audience };
    },
  };
}

export const ARM_AUDIENCE = 'https://management.azure.com/';
export const LOGS_AUDIENCE = 'https://api.loganalytics.io';
