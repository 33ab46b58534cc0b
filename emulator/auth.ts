// Credentials, all signed with this instance's own key (jose, HS256): guest JWTs with the real claim layout,
// OAuth client-credentials access tokens, and `signeddata` tokens for authenticated guests (webchat-v2.md §2, §9).
// Which endpoint demands which credential is decided by the routes; this module only issues and checks.

import { randomUUID, timingSafeEqual } from 'node:crypto';
import { SignJWT, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import type { EmulatorClock } from './clock';
import { EmulatorError } from './errors';

const GUEST_ISSUER = 'urn:purecloud:webchat';
// Our own issuers keep the three kinds apart: a guest JWT is never an admin token, nor the reverse.
const OAUTH_ISSUER = 'urn:parley-emulator:oauth';
const SIGNED_DATA_ISSUER = 'urn:parley-emulator:signeddata';

export const ACCESS_TOKEN_LIFETIME_SEC = 24 * 60 * 60;
const SIGNED_DATA_LIFETIME_SEC = 60 * 60;
/** Uncertain (webchat-v2.md §14.12): observed real lifetimes were 20.9 h and 21.9 h. */
export const DEFAULT_JWT_LIFETIME_MS = 21 * 60 * 60 * 1000;

export interface GuestClaims {
  conversationId: string;
  deploymentId: string;
  memberId: string;
  organizationId: string;
}

export type SignedDataCheck = 'valid' | 'expired' | 'invalid';

export interface Auth {
  issueGuestJwt(claims: GuestClaims): Promise<string>;
  /** Throws 401 `bad.credentials` or `credentials.expired`. */
  verifyGuestJwt(token: string): Promise<GuestClaims>;
  issueAccessToken(): Promise<string>;
  verifyAccessToken(token: string): Promise<void>;
  /** True when id and secret are the emulator's one OAuth client's. */
  checkClient(id: string, secret: string): boolean;
  signData(data: Record<string, unknown>): Promise<string>;
  checkSignedData(token: string): Promise<SignedDataCheck>;
}

export function createAuth(options: { clock: EmulatorClock; jwtLifetimeMs: number; clientId: string; clientSecret: string }): Auth {
  const { clock } = options;
  // Imported once: jose would otherwise import a raw secret on every sign and verify.
  const key = crypto.subtle.importKey('raw', crypto.getRandomValues(new Uint8Array(32)), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
  const kid = randomUUID();
  const nowSec = () => Math.floor(clock.now() / 1000);

  const sign = async (payload: JWTPayload, issuer: string, lifetimeSec: number) =>
    new SignJWT(payload)
      .setProtectedHeader({ alg: 'HS256', kid, typ: 'JWT' })
      .setIssuer(issuer)
      .setIssuedAt(nowSec())
      .setExpirationTime(nowSec() + Math.max(1, Math.floor(lifetimeSec)))
      .sign(await key);

  /** Verifies on the injected clock, so tests expire tokens by advancing a fake clock. */
  async function verify(token: string, issuer: string): Promise<JWTPayload> {
    try {
      const { payload } = await jwtVerify(token, await key, { issuer, algorithms: ['HS256'], currentDate: new Date(clock.now()) });
      return payload;
    } catch (e) {
      if (e instanceof joseErrors.JWTExpired) throw new EmulatorError(401, 'credentials.expired');
      throw new EmulatorError(401, 'bad.credentials');
    }
  }

  const text = (v: unknown): string => (typeof v === 'string' ? v : '');

  return {
    issueGuestJwt: (c) =>
      sign({ data: { conv: c.conversationId, did: c.deploymentId, sub: c.memberId }, org: c.organizationId }, GUEST_ISSUER, options.jwtLifetimeMs / 1000),
    async verifyGuestJwt(token) {
      const payload = await verify(token, GUEST_ISSUER);
      const data = (payload.data ?? {}) as Record<string, unknown>;
      const claims: GuestClaims = {
        conversationId: text(data.conv),
        deploymentId: text(data.did),
        memberId: text(data.sub),
        organizationId: text(payload.org),
      };
      if (!claims.conversationId || !claims.memberId) throw new EmulatorError(401, 'bad.credentials');
      return claims;
    },
    issueAccessToken: () => sign({ client_id: options.clientId }, OAUTH_ISSUER, ACCESS_TOKEN_LIFETIME_SEC),
    async verifyAccessToken(token) {
      await verify(token, OAUTH_ISSUER);
    },
    checkClient(id, secret) {
      const same = (a: string, b: string) => {
        const x = Buffer.from(a);
        const y = Buffer.from(b);
        return x.length === y.length && timingSafeEqual(x, y);
      };
      return same(id, options.clientId) && same(secret, options.clientSecret);
    },
    signData: (data) => sign({ data }, SIGNED_DATA_ISSUER, SIGNED_DATA_LIFETIME_SEC),
    async checkSignedData(token) {
      try {
        await verify(token, SIGNED_DATA_ISSUER);
        return 'valid';
      } catch (e) {
        return e instanceof EmulatorError && e.code === 'credentials.expired' ? 'expired' : 'invalid';
      }
    },
  };
}

/**
 * The bearer token of an `Authorization` header (scheme case-insensitive), or a 401:
 * none, an empty one, or another scheme → `authentication.required`; a bare word such as the guest SDK's
 * literal `[REDACTED]` → `bad.credentials` (webchat-v2.md §2, §12). Which code each malformed header gets is our choice.
 */
export function bearerToken(header: string | string[] | undefined): string {
  const value = (Array.isArray(header) ? header[0] : header)?.trim() ?? '';
  if (value === '') throw new EmulatorError(401, 'authentication.required');
  const space = value.search(/\s/);
  if (space < 0) {
    if (value.toLowerCase() === 'bearer') throw new EmulatorError(401, 'authentication.required');
    throw new EmulatorError(401, 'bad.credentials');
  }
  if (value.slice(0, space).toLowerCase() !== 'bearer') throw new EmulatorError(401, 'authentication.required');
  const token = value.slice(space).trim();
  if (token === '') throw new EmulatorError(401, 'authentication.required');
  return token;
}
