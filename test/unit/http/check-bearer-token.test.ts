import { generateKeyPairSync } from 'node:crypto';
import jwt from 'jsonwebtoken';
import { describe, expect, it } from 'vitest';
import { checkBearerToken, listTokenIssuers } from '../../../src/http/check-bearer-token.js';

const APP_ID = '5f0c7c2e-8a43-4d7e-9b1a-2c3d4e5f6a7b';
const TENANT = '72f988bf-86f1-41af-91ab-2d7cd011db47';
const NOW = 1_800_000_000;
const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const channel = { appId: APP_ID, issuers: listTokenIssuers({ type: 'MultiTenant' }) };

function bearer(
  claims: Record<string, unknown>,
  options: { keyid?: string } = { keyid: 'k1' },
): string {
  const payload = {
    iss: 'https://api.botframework.com',
    aud: APP_ID,
    exp: NOW + 600,
    nbf: NOW - 60,
    ...claims,
  };
  const defined = Object.fromEntries(Object.entries(payload).filter(([, v]) => v !== undefined));
  return `Bearer ${jwt.sign(defined, privateKey, { algorithm: 'RS256', ...options })}`;
}

describe('checkBearerToken', () => {
  it('passes a well-formed channel token for this bot', () => {
    expect(checkBearerToken(bearer({}), channel, NOW)).toEqual({ ok: true });
    expect(checkBearerToken(bearer({ aud: ['other', APP_ID] }), channel, NOW)).toEqual({
      ok: true,
    });
  });

  it.each([
    ['no header', undefined, 'missing'],
    ['a blank header', '  ', 'missing'],
    ['another scheme', 'Basic dXNlcjpwYXNz', 'not-bearer'],
    ['a lower-case scheme', `bearer ${bearer({}).slice(7)}`, 'not-bearer'],
    ['a bearer that is not a JWT', 'Bearer abc', 'malformed'],
    [
      'a JWT with a payload that is not JSON',
      'Bearer eyJhbGciOiJSUzI1NiJ9.bm90LWpzb24.c2ln',
      'malformed',
    ],
    ['a token over 16 KB', `Bearer ${'a'.repeat(9000)}.${'b'.repeat(9000)}.c`, 'malformed'],
    ['an unsigned token', 'Bearer eyJhbGciOiJub25lIn0.eyJpc3MiOiJ4In0.', 'algorithm'],
    ['a token without a key id', bearer({}, {}), 'algorithm'],
    ['another issuer', bearer({ iss: 'https://sts.windows.net/evil/' }), 'issuer'],
    ['another audience', bearer({ aud: 'https://api.botframework.com' }), 'audience'],
    ['a token past exp plus 5 minutes', bearer({ exp: NOW - 301 }), 'expired'],
    ['a token without exp', bearer({ exp: undefined }), 'expired'],
    ['a token valid only later', bearer({ nbf: NOW + 301 }), 'not-yet-valid'],
  ])('refuses %s', (_case, header, reason) => {
    expect(checkBearerToken(header, channel, NOW)).toEqual({ ok: false, reason });
  });

  it('tolerates five minutes of clock skew on exp', () => {
    expect(checkBearerToken(bearer({ exp: NOW - 299 }), channel, NOW)).toEqual({ ok: true });
  });

  it('refuses an HMAC token even when its claims are right', () => {
    const hmac = jwt.sign(
      { iss: 'https://api.botframework.com', aud: APP_ID, exp: NOW + 60 },
      'k',
      {
        keyid: 'k1',
      },
    );

    expect(checkBearerToken(`Bearer ${hmac}`, channel, NOW)).toEqual({
      ok: false,
      reason: 'algorithm',
    });
  });
});

describe('listTokenIssuers', () => {
  it('accepts only the channel issuer for a MultiTenant bot', () => {
    expect(listTokenIssuers({ type: 'MultiTenant', tenantId: TENANT })).toEqual([
      'https://api.botframework.com',
    ]);
  });

  it.each(['SingleTenant', 'UserAssignedMSI'] as const)(
    'adds the own tenant v1 and v2 issuers for %s',
    (type) => {
      const issuers = listTokenIssuers({ type, tenantId: TENANT });
      const expectations = { appId: APP_ID, issuers };

      expect(issuers).toEqual([
        'https://api.botframework.com',
        `https://sts.windows.net/${TENANT}/`,
        `https://login.microsoftonline.com/${TENANT}/v2.0`,
      ]);
      expect(checkBearerToken(bearer({ iss: issuers[2] }), expectations, NOW).ok).toBe(true);
      expect(
        checkBearerToken(
          bearer({ iss: 'https://sts.windows.net/another-tenant/' }),
          expectations,
          NOW,
        ),
      ).toEqual({ ok: false, reason: 'issuer' });
    },
  );
});
