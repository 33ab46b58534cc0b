// The public shape of one guest chat: the read-only signals the UI renders and the actions it calls.
// This is what `parley-chat/core`'s `createChat()` returns (widget-contract.md §2) and what `ui/` consumes.

import type { ReadonlySignal } from '@preact/signals-core';
import type {
  MediaRequestType,
  MemberRole,
  MemberState,
  WebChatGuestMediaRequest,
  WebChatMemberInfo,
  WebChatMessage,
} from '../protocol/models';
import type { ConnectionStatus } from '../events/types';

/** Why a start failed or a chat ended, as a stable code the UI turns into localized text. */
export type ChatErrorCode =
  | 'network' // no answer from the API
  | 'rejected' // the API refused the request (4xx other than the ones below)
  | 'origin-not-allowed'
  | 'deployment-disabled'
  | 'auth-required'
  | 'auth-failed'
  | 'not-found' // unknown organization, deployment or queue
  | 'rate-limited'
  | 'server' // 5xx after retries
  | 'session-expired'; // the stored chat could not be resumed (401/403/404 on our own conversation)

export interface ChatError {
  code: ChatErrorCode;
  /** Developer-facing detail (never shown as UI text: the UI localizes `code`). */
  message: string;
  status?: number;
}

export type ChatPhase =
  | { name: 'idle' }
  | { name: 'starting' }
  /** Created and the stream attached; no agent connected yet. */
  | { name: 'queued' }
  | { name: 'active' }
  /** `by`: who ended it; `notice` is set when a stored chat could not be resumed. */
  | { name: 'ended'; by: 'guest' | 'agent' | 'system'; notice?: ChatError }
  | { name: 'failed'; error: ChatError };

export type MessageStatus = 'sending' | 'sent' | 'failed';

/** One line of the transcript, as the UI shows it. */
export interface ChatMessage {
  /** The server id once known; a local id (`local:…`) while a draft is unsent. Stable keys for rendering. */
  id: string;
  /** The draft's local id, kept after the server id replaces it so the UI can keep its DOM node. */
  localId?: string;
  bodyType: WebChatMessage['bodyType'];
  /** The text as sent; never HTML. Empty for joins and leaves. */
  body: string;
  senderId: string;
  /** Milliseconds since the epoch. */
  timestamp: number;
  /** True when sent by this guest's own member. */
  own: boolean;
  status: MessageStatus;
  /** Why the last attempt failed (failed messages only). */
  error?: ChatError;
}

/** A member as the UI needs it; `name` is undefined until the lookup answered. */
export interface ChatMember {
  id: string;
  role: MemberRole;
  state: MemberState;
  name?: string;
  avatarImageUrl?: string;
  /** The full record once fetched. */
  info?: WebChatMemberInfo;
}

export interface ChatMediaRequest {
  id: string;
  types: MediaRequestType[];
  state: WebChatGuestMediaRequest['state'];
  /** True while an accept or decline PATCH is under way. */
  answering: boolean;
  /** Set when the last PATCH failed; the prompt stays. */
  error?: ChatError;
  communicationId?: string;
  securityKey?: string;
}

export interface GuestInfo {
  firstName?: string;
  lastName?: string;
  email?: string;
  phoneNumber?: string;
  displayName?: string;
  customFields?: Record<string, string>;
}

/** Events of the chat, for the public `on()` API (widget-contract.md §2). */
export interface ChatEvents {
  /** `resumed` is true when a chat kept from an earlier page carries on (persist). */
  started: { conversationId: string; memberId: string; resumed?: boolean };
  message: WebChatMessage;
  typing: { memberId: string };
  members: readonly ChatMember[];
  mediarequest: ChatMediaRequest;
  connection: ConnectionStatus['state'];
  ended: { by: 'guest' | 'agent' | 'system' };
  error: { code: string; message: string };
}

export interface Chat {
  readonly phase: ReadonlySignal<ChatPhase>;
  readonly connection: ReadonlySignal<ConnectionStatus>;
  /** Ordered by timestamp, then by the order the service gave; deduplicated by id. */
  readonly messages: ReadonlySignal<readonly ChatMessage[]>;
  /** Every member ever seen, by id. */
  readonly members: ReadonlySignal<ReadonlyMap<string, ChatMember>>;
  /** Ids of members (other than the guest) typing right now. */
  readonly typing: ReadonlySignal<readonly string[]>;
  /** Requests still PENDING, oldest first. */
  readonly mediaRequests: ReadonlySignal<readonly ChatMediaRequest[]>;
  /** Agent messages (standard and notice) not yet seen; reset by `markRead()`. */
  readonly unreadCount: ReadonlySignal<number>;
  /** True while older history may exist on the server. */
  readonly hasEarlier: ReadonlySignal<boolean>;
  readonly loadingEarlier: ReadonlySignal<boolean>;
  /** This guest's member id once started. */
  readonly memberId: ReadonlySignal<string | undefined>;
  readonly conversationId: ReadonlySignal<string | undefined>;

  start(guest?: GuestInfo): Promise<void>;
  send(text: string): Promise<void>;
  retry(messageId: string): Promise<void>;
  /** Call on every keystroke: at most one typing POST per few seconds goes out. */
  startTyping(): void;
  acceptMediaRequest(id: string): Promise<void>;
  declineMediaRequest(id: string): Promise<void>;
  loadEarlier(): Promise<void>;
  /** Tells the model the guest has seen the transcript (window open and tab visible). */
  markRead(): void;
  end(): Promise<void>;
  on<E extends keyof ChatEvents>(event: E, fn: (detail: ChatEvents[E]) => void): () => void;
  dispose(): void;
}
