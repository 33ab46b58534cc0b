// The full WebChat v2 client (guest and admin over one request function), for Node callers and tools.
// Browser code should build only the guest client (`createGuestApi`), so the widget never carries admin code.

import { apiBaseForEnvironment } from '../protocol/paths';
import { adminApiOver, type AccessTokenProvider } from './admin-api';
import { guestApiOver } from './guest-api';
import { createHttpClient, normalizeApiBase, type HttpClientOptions } from './http';
import type { ApiClient } from './types';

export interface ApiClientOptions extends Omit<HttpClientOptions, 'apiBase'> {
  /** Overrides `environment`: the API base URL, e.g. an emulator's `http://127.0.0.1:8787`. */
  apiBase?: string;
  /** A Genesys Cloud environment, e.g. `mypurecloud.com` → `https://api.mypurecloud.com`. */
  environment?: string;
  /** Needed only by the admin operations. */
  getAccessToken?: AccessTokenProvider;
}

export function createApiClient(options: ApiClientOptions): ApiClient {
  const apiBase = options.apiBase ?? (options.environment ? apiBaseForEnvironment(options.environment) : undefined);
  if (!apiBase) {
    throw new TypeError('Parley: createApiClient needs `apiBase` (e.g. "http://127.0.0.1:8787") or `environment` (e.g. "mypurecloud.com").');
  }
  const http = createHttpClient({ ...options, apiBase: normalizeApiBase(apiBase).base });
  const getAccessToken: AccessTokenProvider =
    options.getAccessToken ??
    (() => {
      throw new Error('Parley: admin operations need `getAccessToken` in createApiClient options.');
    });
  return { ...guestApiOver(http), ...adminApiOver(http, getAccessToken) };
}
