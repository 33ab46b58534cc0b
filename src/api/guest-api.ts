// The eleven guest operations of WebChat v2 (webchat-v2.md §3.1) over the shared request function.
// Admin code stays out of this module: the <script> bundle carries only what a guest's browser calls.

import {
  decodeCreateWebChatConversationResponse,
  decodeWebChatGuestMediaRequest,
  decodeWebChatGuestMediaRequestEntityList,
  decodeWebChatMemberInfo,
  decodeWebChatMemberInfoEntityList,
  decodeWebChatMessage,
  decodeWebChatMessageEntityList,
  decodeWebChatTyping,
} from '../protocol/decode';
import { GUEST_CONVERSATIONS, conversationPath } from '../protocol/guest-paths';
import { ApiError } from './api-error';
import { createHttpClient, type HttpClient, type HttpClientOptions, type HttpMethod, type QueryValue, type RetryPolicy } from './http';
import type { GuestApi, GuestSession, RequestOptions } from './types';

/**
 * `apiBase` (`https://api.{environment}`, or an emulator's origin; an absolute http(s) URL, checked by the caller) plus
 * the request tuning of `http.ts`.
 */
export type GuestApiOptions = HttpClientOptions;

/** The guest client for a browser: `createGuestApi({ apiBase })`. */
export function createGuestApi(options: GuestApiOptions): GuestApi {
  return guestApiOver(createHttpClient(options));
}

/** The guest operations over an existing request function (the full client shares one with the admin side). */
export function guestApiOver(http: HttpClient): GuestApi {
  /**
   * One call; `s` authorizes it with the session's JWT (only the create call goes without). Reads are repeated on
   * failures that may pass, other writes only after 429 (see `RetryPolicy`).
   */
  const call = <T>(
    method: HttpMethod,
    decode: ((v: unknown) => T) | null,
    s: GuestSession | undefined,
    target: string,
    o: RequestOptions | undefined,
    json?: unknown,
    query?: Record<string, QueryValue>,
    retry: RetryPolicy = method === 'GET' ? 'idempotent' : 'rate-limit',
  ): Promise<T> => http.request({ method, retry, decode, target, token: s?.jwt, signal: o?.signal, json, query });
  const at = (s: GuestSession, ...parts: string[]) => conversationPath(s.conversationId, ...parts);
  const me = (s: GuestSession, ...parts: string[]) => at(s, 'members', s.memberId, ...parts);
  return {
    createConversation: (body, o) => call('POST', decodeCreateWebChatConversationResponse, undefined, GUEST_CONVERSATIONS, o, body),
    listMembers: (s, q, o) => call('GET', decodeWebChatMemberInfoEntityList, s, at(s, 'members'), o, undefined, q),
    getMember: (s, id, o) => call('GET', decodeWebChatMemberInfo, s, at(s, 'members', id), o),
    // 204 in the emulator; the official widget also accepts 200, whose body (if any) says nothing we need.
    leave: (s, o) => call('DELETE', null, s, me(s), o),
    sendMessage: (s, body, o) => call('POST', decodeWebChatMessage, s, me(s, 'messages'), o, body, undefined, 'never'),
    // No body, as the official widget sends it (the service must not demand one).
    sendTyping: (s, o) => call('POST', decodeWebChatTyping, s, me(s, 'typing'), o),
    listMessages: (s, q, o) => call('GET', decodeWebChatMessageEntityList, s, at(s, 'messages'), o, undefined, q),
    /**
     * Follows a listing's `next` / `previousPage` link, but sends the session's JWT only to a path under `/api/v2/`
     * (the service's form, joined to the API base) or an absolute URL on the API's own origin.
     */
    async listMessagesAt(s, link, o) {
      // An absolute URL's origin is all it has before the first `/` after the `//`.
      if (!/^\/api\/v2\//.test(link) && !link.startsWith(`${http.apiOrigin}/`)) {
        throw new ApiError({ status: 0, code: 'client.invalid.url', message: `Refusing to follow the paging link "${link}"`, retryable: false });
      }
      return call('GET', decodeWebChatMessageEntityList, s, link, o);
    },
    getMessage: (s, id, o) => call('GET', decodeWebChatMessage, s, at(s, 'messages', id), o),
    listMediaRequests: (s, o) => call('GET', decodeWebChatGuestMediaRequestEntityList, s, at(s, 'mediarequests'), o),
    getMediaRequest: (s, id, o) => call('GET', decodeWebChatGuestMediaRequest, s, at(s, 'mediarequests', id), o),
    updateMediaRequest: (s, id, { types, state }, o) =>
      call('PATCH', decodeWebChatGuestMediaRequest, s, at(s, 'mediarequests', id), o, { types, state }),
  };
}
