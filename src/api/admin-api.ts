// The eight WebChat v2 admin operations (webchat-v2.md §3.2) and `POST /api/v2/signeddata` (§9), authorized by an
// OAuth bearer token from the caller's provider. For a site's backend or tools: never shipped to a guest's browser.

import { paths } from '../protocol/paths';
import {
  decodeSignedData,
  decodeWebChatDeployment,
  decodeWebChatDeploymentEntityListing,
  decodeWebChatSettings,
} from './admin-decode';
import { createHttpClient, normalizeApiBase, type HttpClient, type HttpClientOptions } from './http';
import type { AdminApi } from './types';

/** Returns a current OAuth access token; asked before every attempt, so it may refresh in between. */
export type AccessTokenProvider = () => string | Promise<string>;

export interface AdminApiOptions extends HttpClientOptions {
  getAccessToken: AccessTokenProvider;
}

export function createAdminApi(options: AdminApiOptions): AdminApi {
  return adminApiOver(createHttpClient({ ...options, apiBase: normalizeApiBase(options.apiBase).base }), options.getAccessToken);
}

/** The admin operations over an existing request function (the full client shares one with the guest side). */
export function adminApiOver(http: HttpClient, getAccessToken: AccessTokenProvider): AdminApi {
  const token = getAccessToken;
  return {
    listDeployments(options) {
      return http.request({ method: 'GET', target: paths.deployments(), token, retry: 'idempotent', decode: decodeWebChatDeploymentEntityListing, signal: options?.signal });
    },
    createDeployment(body, options) {
      return http.request({ method: 'POST', target: paths.deployments(), json: body, token, retry: 'rate-limit', decode: (v) => decodeWebChatDeployment(v), signal: options?.signal });
    },
    getDeployment(deploymentId, options) {
      return http.request({ method: 'GET', target: paths.deployment(deploymentId), token, retry: 'idempotent', decode: (v) => decodeWebChatDeployment(v), signal: options?.signal });
    },
    updateDeployment(deploymentId, body, options) {
      return http.request({ method: 'PUT', target: paths.deployment(deploymentId), json: body, token, retry: 'rate-limit', decode: (v) => decodeWebChatDeployment(v), signal: options?.signal });
    },
    async deleteDeployment(deploymentId, options) {
      await http.request({ method: 'DELETE', target: paths.deployment(deploymentId), token, retry: 'rate-limit', decode: null, signal: options?.signal });
    },
    getSettings(options) {
      return http.request({ method: 'GET', target: paths.settings(), token, retry: 'idempotent', decode: decodeWebChatSettings, signal: options?.signal });
    },
    updateSettings(body, options) {
      return http.request({ method: 'PUT', target: paths.settings(), json: body, token, retry: 'rate-limit', decode: decodeWebChatSettings, signal: options?.signal });
    },
    async deleteSettings(options) {
      await http.request({ method: 'DELETE', target: paths.settings(), token, retry: 'rate-limit', decode: null, signal: options?.signal });
    },
    signData(data, options) {
      return http.request({ method: 'POST', target: paths.signedData(), json: data, token, retry: 'rate-limit', decode: decodeSignedData, signal: options?.signal });
    },
  };
}
