// The WebChat v2 paths (webchat-v2.md §3), shared by the client and the emulator so the two cannot disagree.
// The guest part lives in guest-paths.ts (all the <script> bundle carries); the admin and OAuth paths are added here.

import { API_PREFIX, GUEST_CONVERSATIONS, MEMBERS_MAX_PAGE_SIZE, MESSAGE_BODY_MAX_LENGTH, MESSAGES_MAX_RESULTS, conversationPath as at } from './guest-paths';

export { API_PREFIX, GUEST_CONVERSATIONS, apiBaseForEnvironment, conversationPath } from './guest-paths';

/** Limits the service enforces (webchat-v2.md §11). Lengths count UTF-16 code units, as JavaScript's `length`. */
export const limits = {
  messageBodyMaxLength: MESSAGE_BODY_MAX_LENGTH,
  messagesMaxResults: MESSAGES_MAX_RESULTS,
  membersDefaultPageSize: 25,
  membersMaxPageSize: MEMBERS_MAX_PAGE_SIZE,
  requestBodyMaxBytes: 1_048_576,
} as const;

const enc = encodeURIComponent;

export const paths = {
  conversations: () => GUEST_CONVERSATIONS,
  members: (c: string) => at(c, 'members'),
  member: (c: string, m: string) => at(c, 'members', m),
  memberMessages: (c: string, m: string) => at(c, 'members', m, 'messages'),
  memberTyping: (c: string, m: string) => at(c, 'members', m, 'typing'),
  messages: (c: string) => at(c, 'messages'),
  message: (c: string, id: string) => at(c, 'messages', id),
  mediaRequests: (c: string) => at(c, 'mediarequests'),
  mediaRequest: (c: string, id: string) => at(c, 'mediarequests', id),
  /** The platform conversation, as REST answers name it in `conversation.selfUri`. */
  platformConversation: (c: string) => `${API_PREFIX}/conversations/${enc(c)}`,
  deployments: () => `${API_PREFIX}/webchat/deployments`,
  deployment: (id: string) => `${API_PREFIX}/webchat/deployments/${enc(id)}`,
  settings: () => `${API_PREFIX}/webchat/settings`,
  signedData: () => `${API_PREFIX}/signeddata`,
  oauthToken: () => '/oauth/token',
} as const;
