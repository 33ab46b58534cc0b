// How stored entities look on the wire: REST answers (with selfUri) and event-stream frames (without),
// exactly as webchat-v2.md §3–§6 records them. No state of its own.

import { randomUUID } from 'node:crypto';
import type { WebChatGuestMediaRequest, WebChatMemberInfo, WebChatMessage, WebChatTyping } from '../src/protocol/models';
import {
  HEARTBEAT_MESSAGE,
  PONG_MESSAGE,
  topicName,
  type MessageEventBody,
  type WireChannelMetadataFrame,
  type WireMediaRequestFrame,
  type WireMemberChangeFrame,
  type WireMessageFrame,
  type WireTypingFrame,
} from '../src/protocol/frames';
import { paths } from '../src/protocol/paths';
import type { Conversation, MediaRequest, Member, StoredMessage } from './world';

export function memberInfo(m: Member): WebChatMemberInfo {
  const out: WebChatMemberInfo = { id: m.id, role: m.role };
  for (const key of ['displayName', 'firstName', 'lastName', 'email', 'phoneNumber', 'avatarImageUrl'] as const) {
    const v = m[key];
    if (v !== undefined) out[key] = v;
  }
  out.joinDate = m.joinDate;
  if (m.leaveDate !== undefined) out.leaveDate = m.leaveDate;
  if (m.authenticatedGuest !== undefined) out.authenticatedGuest = m.authenticatedGuest;
  if (m.customFields !== undefined) out.customFields = { ...m.customFields };
  out.state = m.state;
  return out;
}

/** REST answers name the platform conversation; event bodies carry only its id. */
const restConversation = (c: Conversation) => ({ id: c.id, selfUri: paths.platformConversation(c.id) });

export function restMessage(c: Conversation, m: StoredMessage): WebChatMessage {
  return {
    id: m.id,
    conversation: restConversation(c),
    sender: { id: m.senderId },
    body: m.body,
    bodyType: m.bodyType,
    timestamp: m.timestamp,
    selfUri: paths.message(c.id, m.id),
  };
}

export function restTyping(c: Conversation, id: string, senderId: string, timestamp: string): WebChatTyping {
  return { id, conversation: restConversation(c), sender: { id: senderId }, timestamp };
}

export function restMediaRequest(c: Conversation, r: MediaRequest): WebChatGuestMediaRequest {
  const out: WebChatGuestMediaRequest = { id: r.id, types: [...r.types], state: r.state };
  if (r.communicationId !== undefined) out.communicationId = r.communicationId;
  if (r.securityKey !== undefined) out.securityKey = r.securityKey;
  out.selfUri = paths.mediaRequest(c.id, r.id);
  return out;
}

// ---- event-stream frames (webchat-v2.md §6) ----

const metadata = <T extends string>(type: T) => ({ CorrelationId: randomUUID(), type });

export function messageFrame(c: Conversation, m: StoredMessage): WireMessageFrame {
  const eventBody: MessageEventBody = {
    id: m.id,
    conversation: { id: c.id },
    sender: { id: m.senderId },
    body: m.body,
    bodyType: m.bodyType,
    timestamp: m.timestamp,
  };
  return { topicName: topicName(c.id, 'messages'), version: '2', eventBody, metadata: metadata('message') };
}

export function typingFrame(c: Conversation, id: string, senderId: string, timestamp: string): WireTypingFrame {
  return {
    topicName: topicName(c.id, 'messages'),
    version: '2',
    eventBody: { id, conversation: { id: c.id }, sender: { id: senderId }, timestamp },
    metadata: metadata('typing-indicator'),
  };
}

/** Only id and state: the real frame carries no role or name (webchat-v2.md §6.5). */
export function memberChangeFrame(c: Conversation, m: Member, timestamp: string): WireMemberChangeFrame {
  return {
    topicName: topicName(c.id, 'members'),
    version: '2',
    eventBody: { conversation: { id: c.id }, member: { id: m.id, state: m.state }, timestamp },
    metadata: metadata('member-change'),
  };
}

/** Uncertain (webchat-v2.md §14.1): no real frame exists; this is the spec's chosen shape (§6.6). */
export function mediaRequestFrame(c: Conversation, r: MediaRequest, timestamp: string): WireMediaRequestFrame {
  const eventBody: WireMediaRequestFrame['eventBody'] = { id: r.id, conversation: { id: c.id }, types: [...r.types], state: r.state, timestamp };
  if (r.communicationId !== undefined) eventBody.communicationId = r.communicationId;
  if (r.securityKey !== undefined) eventBody.securityKey = r.securityKey;
  return { topicName: topicName(c.id, 'mediarequests'), version: '2', eventBody, metadata: metadata('media-request') };
}

export const heartbeatFrame = (): WireChannelMetadataFrame => ({ topicName: 'channel.metadata', eventBody: { message: HEARTBEAT_MESSAGE } });
export const pongFrame = (): WireChannelMetadataFrame => ({ topicName: 'channel.metadata', eventBody: { message: PONG_MESSAGE } });
