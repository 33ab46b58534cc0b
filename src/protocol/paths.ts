// The WebChat v2 paths (webchat-v2.md §3), shared by the client and the emulator so the two cannot disagree.

const enc = encodeURIComponent;

export const API_PREFIX = '/api/v2';
export const GUEST_CONVERSATIONS = `${API_PREFIX}/webchat/guest/conversations`;

export const paths = {
  conversations: () => GUEST_CONVERSATIONS,
  members: (c: string) => `${GUEST_CONVERSATIONS}/${enc(c)}/members`,
  member: (c: string, m: string) => `${GUEST_CONVERSATIONS}/${enc(c)}/members/${enc(m)}`,
  memberMessages: (c: string, m: string) => `${GUEST_CONVERSATIONS}/${enc(c)}/members/${enc(m)}/messages`,
  memberTyping: (c: string, m: string) => `${GUEST_CONVERSATIONS}/${enc(c)}/members/${enc(m)}/typing`,
  messages: (c: string) => `${GUEST_CONVERSATIONS}/${enc(c)}/messages`,
  message: (c: string, id: string) => `${GUEST_CONVERSATIONS}/${enc(c)}/messages/${enc(id)}`,
  mediaRequests: (c: string) => `${GUEST_CONVERSATIONS}/${enc(c)}/mediarequests`,
  mediaRequest: (c: string, id: string) => `${GUEST_CONVERSATIONS}/${enc(c)}/mediarequests/${enc(id)}`,
  /** The platform conversation, as REST answers name it in `conversation.selfUri`. */
  platformConversation: (c: string) => `${API_PREFIX}/conversations/${enc(c)}`,
  deployments: () => `${API_PREFIX}/webchat/deployments`,
  deployment: (id: string) => `${API_PREFIX}/webchat/deployments/${enc(id)}`,
  settings: () => `${API_PREFIX}/webchat/settings`,
  signedData: () => `${API_PREFIX}/signeddata`,
  oauthToken: () => '/oauth/token',
} as const;

/** Limits the service enforces (webchat-v2.md §11). Lengths count UTF-16 code units, as JavaScript's `length`. */
export const limits = {
  messageBodyMaxLength: 4000,
  messagesMaxResults: 100,
  membersDefaultPageSize: 25,
  membersMaxPageSize: 100,
  requestBodyMaxBytes: 1_048_576,
} as const;

/** `mypurecloud.com` → `https://api.mypurecloud.com`; tolerant of a scheme or `api.` prefix, as the SDK is. */
export function apiBaseForEnvironment(environment: string): string {
  const host = environment.trim().replace(/^[a-z]+:\/\//i, '').replace(/^api\./i, '').replace(/\/+$/, '');
  return `https://api.${host}`;
}
