// The shape of the REST client: one method per WebChat v2 endpoint (webchat-v2.md §3), and its one error class.
// The store depends on `GuestApi` as a type only; create-chat hands it the real client, tests a fake.

import type {
  CreateWebChatConversationRequest,
  CreateWebChatConversationResponse,
  CreateWebChatMessageRequest,
  MediaRequestAnswer,
  MediaRequestType,
  SignedData,
  SortOrder,
  WebChatDeployment,
  WebChatDeploymentEntityListing,
  WebChatGuestMediaRequest,
  WebChatGuestMediaRequestEntityList,
  WebChatMemberInfo,
  WebChatMemberInfoEntityList,
  WebChatMessage,
  WebChatMessageEntityList,
  WebChatSettings,
  WebChatTyping,
} from '../protocol/models';

/** What a guest call needs: the conversation and member the JWT was issued for. */
export interface GuestSession {
  conversationId: string;
  memberId: string;
  jwt: string;
}

export interface RequestOptions {
  signal?: AbortSignal;
}

// Type aliases rather than interfaces, so that a query is a plain record of its parameters (sent as they are).
export type ListMembersQuery = {
  pageSize?: number;
  pageNumber?: number;
  excludeDisconnectedMembers?: boolean;
};

export type ListMessagesQuery = {
  after?: string;
  before?: string;
  sortOrder?: SortOrder;
  maxResults?: number;
};

/** The eleven guest operations. Everything but `createConversation` is authorized by the session's JWT. */
export interface GuestApi {
  createConversation(body: CreateWebChatConversationRequest, options?: RequestOptions): Promise<CreateWebChatConversationResponse>;
  listMembers(session: GuestSession, query?: ListMembersQuery, options?: RequestOptions): Promise<WebChatMemberInfoEntityList>;
  getMember(session: GuestSession, memberId: string, options?: RequestOptions): Promise<WebChatMemberInfo>;
  /** DELETE the session's own member: the guest leaves and the chat ends. */
  leave(session: GuestSession, options?: RequestOptions): Promise<void>;
  /** Never retried by the client: a message POST has no idempotency key (the store's outbox decides). */
  sendMessage(session: GuestSession, body: CreateWebChatMessageRequest, options?: RequestOptions): Promise<WebChatMessage>;
  sendTyping(session: GuestSession, options?: RequestOptions): Promise<WebChatTyping>;
  listMessages(session: GuestSession, query?: ListMessagesQuery, options?: RequestOptions): Promise<WebChatMessageEntityList>;
  /** Follows a listing's `next` / `previousPage` path (relative to the API origin, as the service gives it). */
  listMessagesAt(session: GuestSession, path: string, options?: RequestOptions): Promise<WebChatMessageEntityList>;
  getMessage(session: GuestSession, messageId: string, options?: RequestOptions): Promise<WebChatMessage>;
  listMediaRequests(session: GuestSession, options?: RequestOptions): Promise<WebChatGuestMediaRequestEntityList>;
  getMediaRequest(session: GuestSession, mediaRequestId: string, options?: RequestOptions): Promise<WebChatGuestMediaRequest>;
  updateMediaRequest(
    session: GuestSession,
    mediaRequestId: string,
    body: { types: MediaRequestType[]; state: MediaRequestAnswer },
    options?: RequestOptions,
  ): Promise<WebChatGuestMediaRequest>;
}

/** The eight admin operations plus `signeddata`, authorized by an OAuth bearer token. */
export interface AdminApi {
  listDeployments(options?: RequestOptions): Promise<WebChatDeploymentEntityListing>;
  createDeployment(body: WebChatDeployment, options?: RequestOptions): Promise<WebChatDeployment>;
  getDeployment(deploymentId: string, options?: RequestOptions): Promise<WebChatDeployment>;
  updateDeployment(deploymentId: string, body: WebChatDeployment, options?: RequestOptions): Promise<WebChatDeployment>;
  deleteDeployment(deploymentId: string, options?: RequestOptions): Promise<void>;
  getSettings(options?: RequestOptions): Promise<WebChatSettings>;
  updateSettings(body: WebChatSettings, options?: RequestOptions): Promise<WebChatSettings>;
  deleteSettings(options?: RequestOptions): Promise<void>;
  /** `POST /api/v2/signeddata`: for a site's backend, to mint a guest's `memberAuthToken`. Never from a browser. */
  signData(data: Record<string, unknown>, options?: RequestOptions): Promise<SignedData>;
}

export type ApiClient = GuestApi & AdminApi;
