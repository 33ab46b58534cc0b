// The guest half of the WebChat v2 paths (webchat-v2.md §3.1) and the service's limits: all the <script> bundle
// needs. paths.ts adds the admin paths on top for the emulator and the admin client, so the two cannot disagree.

export const API_PREFIX = '/api/v2';
export const GUEST_CONVERSATIONS = `${API_PREFIX}/webchat/guest/conversations`;

/** `/api/v2/webchat/guest/conversations/{part}/{part}…`, each part URL-encoded: `conversationPath(c, 'members', m)`. */
export const conversationPath = (...parts: string[]): string => [GUEST_CONVERSATIONS, ...parts.map(encodeURIComponent)].join('/');

/** Limits the service enforces (webchat-v2.md §11). Lengths count UTF-16 code units, as JavaScript's `length`. */
export const limits = {
  messageBodyMaxLength: 4000,
  messagesMaxResults: 100,
  membersDefaultPageSize: 25,
  membersMaxPageSize: 100,
  requestBodyMaxBytes: 1_048_576,
} as const;

/** `mypurecloud.com` → `https://api.mypurecloud.com`; tolerant of a scheme or `api.` prefix, as the SDK is. */
export const apiBaseForEnvironment = (environment: string): string =>
  `https://api.${environment.trim().replace(/^([a-z]+:\/\/)?(api\.)?|\/+$/gi, '')}`;
