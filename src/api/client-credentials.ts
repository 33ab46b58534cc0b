// Obtaining an admin OAuth token by the client-credentials grant (webchat-v2.md §2), for Node callers: a site's
// backend minting signed data, tools, the contract test. The credentials must never reach a browser.

import { systemClock, type Clock } from '../lib/clock';
import type { Logger } from '../lib/log';
import type { OAuthTokenResponse } from '../protocol/models';
import { paths } from '../protocol/paths';
import type { RequestOptions } from './types';
import { decodeOAuthTokenResponse } from './admin-decode';
import { createHttpClient, normalizeApiBase } from './http';

export interface ClientCredentialsOptions {
  /**
   * Where `/oauth/token` lives: `https://login.mypurecloud.com` for Genesys Cloud (see `loginBaseForEnvironment`),
   * the emulator's own origin for the emulator.
   */
  loginBase: string;
  clientId: string;
  clientSecret: string;
  fetch?: typeof globalThis.fetch;
  clock?: Clock;
  logger?: Logger;
}

/** `mypurecloud.com` → `https://login.mypurecloud.com`; tolerant of a scheme or `login.`/`api.` prefix. */
export function loginBaseForEnvironment(environment: string): string {
  const host = environment.trim().replace(/^[a-z]+:\/\//i, '').replace(/^(api|login)\./i, '').replace(/\/+$/, '');
  return `https://login.${host}`;
}

/** UTF-8 then base64, because `btoa` alone rejects anything outside Latin-1. */
function base64Utf8(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** OAuth's error shape: Genesys names the text `description`, RFC 6749 §5.2 `error_description`; read either. */
function readOAuthError(v: unknown): { code: string; message?: string } | undefined {
  const o = (v ?? {}) as Record<string, unknown>;
  const text = [o.description, o.error_description].find((x): x is string => typeof x === 'string');
  return typeof o.error === 'string' ? { code: o.error, message: text } : undefined;
}

/**
 * One `POST /oauth/token` with `grant_type=client_credentials` and HTTP Basic credentials. Rejects with an ApiError
 * whose `code` is OAuth's `error` (e.g. `invalid_client`) when the login service refuses.
 */
export function requestClientCredentialsToken(options: ClientCredentialsOptions, request?: RequestOptions): Promise<OAuthTokenResponse> {
  const http = createHttpClient({ ...options, apiBase: normalizeApiBase(options.loginBase).base });
  return http.request({
    method: 'POST',
    target: paths.oauthToken(),
    body: new URLSearchParams({ grant_type: 'client_credentials' }).toString(),
    headers: {
      Authorization: `Basic ${base64Utf8(`${options.clientId}:${options.clientSecret}`)}`,
      'Content-Type': 'application/x-www-form-urlencoded',
    },
    retry: 'rate-limit',
    decode: decodeOAuthTokenResponse,
    readError: readOAuthError,
    signal: request?.signal,
  });
}

/**
 * A `getAccessToken` for `createAdminApi`: fetches a token when first asked, reuses it until `refreshMarginMs`
 * before it expires, and shares one request between concurrent callers.
 */
export function createClientCredentialsTokenProvider(options: ClientCredentialsOptions & { refreshMarginMs?: number }): () => Promise<string> {
  const clock = options.clock ?? systemClock;
  const margin = options.refreshMarginMs ?? 60_000;
  let cached: { token: string; expiresAt: number } | undefined;
  let pending: Promise<string> | undefined;
  return () => {
    if (cached && clock.now() < cached.expiresAt - margin) return Promise.resolve(cached.token);
    pending ??= requestClientCredentialsToken(options)
      .then((t) => {
        cached = { token: t.access_token, expiresAt: clock.now() + t.expires_in * 1000 };
        return t.access_token;
      })
      .finally(() => {
        pending = undefined;
      });
    return pending;
  };
}
