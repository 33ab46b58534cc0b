// The `parley-chat/core` entry: the headless chat model and the API client, for teams who bring their own UI.
// Touches no DOM at import time and runs in Node (pass `WebSocket` from "ws" there).

export { createChat } from './create-chat';
export type { ChatOptions, PersistMode, WebSocketClass } from './create-chat';
export { createApiClient } from './api/api-client';
export type { ApiClientOptions } from './api/api-client';
export { ApiError } from './api/api-error';
export type { ApiClient, AdminApi, GuestApi, GuestSession } from './api/types';
export type { ConnectionStatus } from './events/types';
export type {
  Chat,
  ChatError,
  ChatErrorCode,
  ChatEvents,
  ChatMediaRequest,
  ChatMember,
  ChatMessage,
  ChatPhase,
  GuestInfo,
  MessageStatus,
} from './store/types';
export type { ChatTiming, Lifecycle } from './store/chat-model';
export type { KeyValueStorage } from './store/persistence';
export type { Clock } from './lib/clock';
export type { Logger } from './lib/log';
export type * from './protocol/models';
