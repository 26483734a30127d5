import { generateKeyPairSync, randomUUID, type KeyObject } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import jwt from 'jsonwebtoken';
import type { CredentialsFactory } from '../../../src/http/create-adapter.js';

/** Claims of a test token; anything left out gets the value a real Teams channel token has. */
export interface TokenClaims {
  iss?: string;
  aud?: string;
  serviceurl?: string;
  /** Seconds from now; negative for a token that has already expired. */
  expiresIn?: number;
}

/**
 * A local stand-in for the Bot Framework's signing-key publication: an OpenID document and a key
 * set with one RSA key endorsed for `msteams`, so botbuilder's real signature validation runs
 * offline. Tokens it signs are valid; `signForged` signs with a key nobody published.
 */
export class TokenIssuer {
  private server?: Server;
  private readonly kid = randomUUID();
  private readonly keys = generateKeyPairSync('rsa', { modulusLength: 2048 });
  private readonly rogue = generateKeyPairSync('rsa', { modulusLength: 2048 });
  /** Where botbuilder reads the OpenID document; pass it as `openIdMetadataUrl`. */
  metadataUrl = '';

  constructor(private readonly appId: string) {}

  async start(): Promise<this> {
    const jwk = this.keys.publicKey.export({ format: 'jwk' });
    this.server = createServer((req, res) => {
      const base = this.metadataUrl.replace(/\/openid$/, '');
      const body =
        req.url === '/openid'
          ? { issuer: 'https://api.botframework.com', jwks_uri: `${base}/keys` }
          : {
              keys: [{ kty: 'RSA', kid: this.kid, n: jwk.n, e: jwk.e, endorsements: ['msteams'] }],
            };
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(body));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.metadataUrl = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/openid`;

    return this;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) =>
      this.server ? this.server.close(() => resolve()) : resolve(),
    );
  }

  /** A channel token signed with the published key. */
  sign(claims: TokenClaims = {}): string {
    return this.signWith(this.keys.privateKey, claims);
  }

  /** A token with the right claims signed by a key that was never published under its kid. */
  signForged(claims: TokenClaims = {}): string {
    return this.signWith(this.rogue.privateKey, claims);
  }

  private signWith(key: KeyObject, claims: TokenClaims): string {
    const { expiresIn = 3600, ...rest } = claims;
    const payload = { iss: 'https://api.botframework.com', aud: this.appId, ...rest };

    return jwt.sign(payload, key, { algorithm: 'RS256', keyid: this.kid, expiresIn });
  }
}

/**
 * Outbound credentials that stamp a fixed bearer token on every Bot Connector call, in place of
 * a real Azure AD token request (this machine has no network).
 */
export function createFixedCredentials(appId: string, outboundToken: string): CredentialsFactory {
  return {
    isValidAppId: async (id: string) => id === appId,
    isAuthenticationDisabled: async () => false,
    createCredentials: async () => ({
      signRequest: async <T extends { headers: { set(name: string, value: string): void } }>(
        request: T,
      ) => {
        request.headers.set('authorization', `Bearer ${outboundToken}`);
        return request;
      },
    }),
  } as CredentialsFactory;
}
