// Which messages open a new visual group (name, avatar, time) and which continue the one above.
// Depends only on the previous message, so appending a message never changes an existing row's props.

import type { ChatMessage } from '../store/types';

/** Consecutive messages of one sender stay grouped unless this much time passed between them. */
export const GROUP_GAP_MS = 5 * 60_000;

export const startsGroup = (prev: ChatMessage | undefined, m: ChatMessage): boolean =>
  !prev || prev.senderId != m.senderId || prev.bodyType != 'standard' || m.bodyType != 'standard' || m.timestamp - prev.timestamp > GROUP_GAP_MS;

/** Messages the guest sees as lines: a `media-request` message only announces a request (webchat-v2.md §6.3). */
export const isShown = (m: ChatMessage) => m.bodyType != 'media-request';
