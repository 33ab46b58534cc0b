// The guest half of the WebChat v2 paths (webchat-v2.md §3.1) and the service's limits: all the <script> bundle
// needs. paths.ts adds the admin paths on top for the emulator and the admin client, so the two cannot disagree.

export const API_PREFIX = '/api/v2';
export const GUEST_CONVERSATIONS = `${API_PREFIX}/webchat/guest/conversations`;

/** `/api/v2/webchat/guest/conversations/{part}/{part}…`, each part URL-encoded: `conversationPath(c, 'members', m)`. */
export const conversationPath = (...parts: string[]): string => [GUEST_CONVERSATIONS, ...parts.map(encodeURIComponent)].join('/');

/**
 * The limits the guest client needs (webchat-v2.md §11), one constant each so the bundle carries only those it uses;
 * paths.ts has them all as `limits`. Lengths count UTF-16 code units, as JavaScript's `length`.
 */
export const MESSAGE_BODY_MAX_LENGTH = 4000;
export const MESSAGES_MAX_RESULTS = 100;
export const MEMBERS_MAX_PAGE_SIZE = 100;

/** `mypurecloud.com` → `https://api.mypurecloud.com`; tolerant of a scheme or `api.` prefix, as the SDK is. */
export const apiBaseForEnvironment = (environment: string): string =>
  `https://api.${environment.trim().replace(/^([a-z]+:\/\/)?(api\.)?|\/+$/gi, '')}`;
