// Event-stream frames: the JSON the service sends (Wire*) and the typed events the decoder turns them into
// (StreamFrame). The emulator builds Wire* frames; clients only ever see StreamFrame (webchat-v2.md §6).

import type {
  DateTime,
  MediaRequestState,
  MediaRequestType,
  MemberState,
  WebChatConversation,
  WebChatMessage,
  WebChatTyping,
} from './models';

export type ConversationTopic = 'messages' | 'members' | 'mediarequests';
export type EventType = 'message' | 'typing-indicator' | 'member-change' | 'media-request';

export const topicName = (conversationId: string, topic: ConversationTopic): string =>
  `v2.conversations.chats.${conversationId}.${topic}`;

export const HEARTBEAT_MESSAGE = 'WebSocket Heartbeat';
export const PONG_MESSAGE = 'pong';
/** The one frame a client may send up the stream. */
export const PING_FRAME = JSON.stringify({ message: 'ping' });

export interface MemberChangeBody {
  conversation: { id: string };
  /** Only id and state: never role or name (webchat-v2.md §6.5). */
  member: { id: string; state: MemberState };
  timestamp: DateTime;
}

export interface MediaRequestEventBody {
  id: string;
  conversation: { id: string };
  types: MediaRequestType[];
  state: MediaRequestState;
  communicationId?: string;
  securityKey?: string;
  timestamp: DateTime;
}

/** Event bodies carry `conversation: { id }` without `selfUri`, and messages have no `selfUri`. */
export type MessageEventBody = Omit<WebChatMessage, 'selfUri' | 'conversation'> & { conversation: Pick<WebChatConversation, 'id'> };
export type TypingEventBody = Omit<WebChatTyping, 'conversation'> & { conversation: Pick<WebChatConversation, 'id'> };

interface WireEnvelope<T extends EventType, B> {
  topicName: string;
  version: '2';
  eventBody: B;
  metadata: { CorrelationId: string; type: T };
}

export type WireMessageFrame = WireEnvelope<'message', MessageEventBody>;
export type WireTypingFrame = WireEnvelope<'typing-indicator', TypingEventBody>;
export type WireMemberChangeFrame = WireEnvelope<'member-change', MemberChangeBody>;
export type WireMediaRequestFrame = WireEnvelope<'media-request', MediaRequestEventBody>;

/** Heartbeats and pongs: no `version`, no `metadata`. */
export interface WireChannelMetadataFrame {
  topicName: 'channel.metadata';
  eventBody: { message: string };
}

/** Sent by the notification service before maintenance closes a socket. */
export interface WireSocketClosingFrame {
  topicName: 'v2.system.socket_closing';
  eventBody: { message: string };
}

export type WireFrame =
  | WireMessageFrame
  | WireTypingFrame
  | WireMemberChangeFrame
  | WireMediaRequestFrame
  | WireChannelMetadataFrame
  | WireSocketClosingFrame;

/** A decoded frame. `other` is a well-formed frame of a topic or type a client must ignore. */
export type StreamFrame =
  | { type: 'message'; conversationId: string; correlationId: string; body: MessageEventBody }
  | { type: 'typing-indicator'; conversationId: string; correlationId: string; body: TypingEventBody }
  | { type: 'member-change'; conversationId: string; correlationId: string; body: MemberChangeBody }
  | { type: 'media-request'; conversationId: string; correlationId: string; body: MediaRequestEventBody }
  | { type: 'heartbeat' }
  | { type: 'pong' }
  | { type: 'socket-closing'; message: string }
  | { type: 'other'; topicName: string; reason: string };

export type DecodeResult = { ok: true; frame: StreamFrame } | { ok: false; error: string };
