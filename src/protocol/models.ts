// The WebChat v2 wire models, named exactly as the API names them (webchat-v2.md §4).
// Types only: decoding untrusted JSON into these lives in decode.ts.

/** ISO-8601 UTC date-time with milliseconds, e.g. `2022-03-08T15:50:29.605Z`. */
export type DateTime = string;

export type BodyType = 'standard' | 'notice' | 'member-join' | 'member-leave' | 'media-request';
export const BODY_TYPES: readonly BodyType[] = ['standard', 'notice', 'member-join', 'member-leave', 'media-request'];

export type MemberRole = 'AGENT' | 'CUSTOMER' | 'WORKFLOW' | 'ACD';
export const MEMBER_ROLES: readonly MemberRole[] = ['AGENT', 'CUSTOMER', 'WORKFLOW', 'ACD'];

export type MemberState = 'CONNECTED' | 'DISCONNECTED' | 'ALERTING';
export const MEMBER_STATES: readonly MemberState[] = ['CONNECTED', 'DISCONNECTED', 'ALERTING'];

export type MediaRequestType = 'COBROWSE' | 'SCREENSHARE';
export const MEDIA_REQUEST_TYPES: readonly MediaRequestType[] = ['COBROWSE', 'SCREENSHARE'];

export type MediaRequestState = 'PENDING' | 'ACCEPTED' | 'DECLINED' | 'TIMEDOUT' | 'CANCELLED' | 'ERRORED';
export const MEDIA_REQUEST_STATES: readonly MediaRequestState[] = ['PENDING', 'ACCEPTED', 'DECLINED', 'TIMEDOUT', 'CANCELLED', 'ERRORED'];
/** The states a guest may PATCH a PENDING request into. */
export type MediaRequestAnswer = 'ACCEPTED' | 'DECLINED' | 'ERRORED';

export type SortOrder = 'ascending' | 'descending';

export interface WebChatRoutingTarget {
  /** `QUEUE`; the service matches it case-insensitively. */
  targetType: string;
  /** The queue name. */
  targetAddress: string;
  skills?: string[];
  language?: string;
  priority?: number;
}

export interface GuestMemberInfo {
  displayName: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  phoneNumber?: string;
  avatarImageUrl?: string;
  customFields?: Record<string, string>;
  /** Not in the model; the official widget sends `CUSTOMER` and the service ignores it. */
  role?: string;
}

export interface JourneyCustomer {
  id: string;
  idType: string;
}
export interface JourneyCustomerSession {
  id: string;
  type: string;
}
export interface JourneyActionMap {
  id: string;
  version: number;
}
export interface JourneyAction {
  id: string;
  actionMap: JourneyActionMap;
}
export interface JourneyContext {
  customer: JourneyCustomer;
  customerSession?: JourneyCustomerSession;
  triggeringAction?: JourneyAction;
}

export interface CreateWebChatConversationRequest {
  organizationId: string;
  deploymentId: string;
  routingTarget: WebChatRoutingTarget;
  memberInfo: GuestMemberInfo;
  memberAuthToken?: string;
  journeyContext?: JourneyContext;
}

export interface WebChatMemberInfo {
  id?: string;
  displayName?: string;
  firstName?: string;
  lastName?: string;
  email?: string;
  phoneNumber?: string;
  avatarImageUrl?: string;
  role: MemberRole;
  joinDate?: DateTime;
  leaveDate?: DateTime | null;
  authenticatedGuest?: boolean;
  customFields?: Record<string, string>;
  state?: MemberState;
}

export interface CreateWebChatConversationResponse {
  id: string;
  jwt: string;
  eventStreamUri: string;
  /** Only `{ id }` in real answers (webchat-v2.md §3.1); never rely on more. */
  member: { id: string } & Partial<WebChatMemberInfo>;
}

/** REST answers carry `selfUri`; event-stream bodies carry only `id`. */
export interface WebChatConversation {
  id: string;
  name?: string;
  member?: WebChatMemberInfo;
  selfUri?: string;
}

/** In practice `sender` carries only `id`, in REST answers and events alike. */
export interface WebChatSenderRef {
  id: string;
}

export interface WebChatMessage {
  id: string;
  name?: string;
  conversation: WebChatConversation;
  sender: WebChatSenderRef;
  /** Empty for `member-join` / `member-leave`; the media request id for `media-request`. */
  body: string;
  bodyType: BodyType;
  timestamp: DateTime;
  selfUri?: string;
}

export interface CreateWebChatMessageRequest {
  body: string;
  bodyType?: BodyType;
}

export interface WebChatTyping {
  id: string;
  conversation: WebChatConversation;
  sender: WebChatSenderRef;
  timestamp: DateTime;
}

export interface WebChatGuestMediaRequest {
  id?: string;
  name?: string;
  types: MediaRequestType[];
  state: MediaRequestState;
  communicationId?: string;
  securityKey?: string;
  selfUri?: string;
}

/** The standard paged listing (members). */
export interface PagedEntityList<T> {
  entities: T[];
  pageSize: number;
  pageNumber: number;
  total: number;
  pageCount: number;
  firstUri?: string;
  nextUri?: string;
  previousUri?: string;
  lastUri?: string;
  selfUri?: string;
}

export type WebChatMemberInfoEntityList = PagedEntityList<WebChatMemberInfo>;

/** The message listing is a cursor walk: no total or page number (webchat-v2.md §3.1 item 7). */
export interface WebChatMessageEntityList {
  entities: WebChatMessage[];
  /** The page size asked for (`maxResults`), not the number returned. */
  pageSize: number;
  /** A path starting with `/api/v2/`, present only when more lies beyond the page. */
  next?: string;
  previousPage?: string;
  selfUri?: string;
}

export interface WebChatGuestMediaRequestEntityList {
  entities: WebChatGuestMediaRequest[];
}

export interface DomainEntityRef {
  id?: string;
  name?: string;
  selfUri?: string;
}

export type WebChatSkin = 'basic' | 'modern-caret-skin';
export const WEB_CHAT_SKINS: readonly WebChatSkin[] = ['basic', 'modern-caret-skin'];

export interface WebChatConfig {
  webChatSkin?: WebChatSkin;
}

export interface WebChatDeployment {
  id?: string;
  name?: string;
  description?: string;
  authenticationRequired?: boolean;
  authenticationUrl?: string;
  disabled?: boolean;
  webChatConfig?: WebChatConfig;
  allowedDomains?: string[];
  flow?: DomainEntityRef;
  selfUri?: string;
}

export interface WebChatDeploymentEntityListing {
  total: number;
  entities: WebChatDeployment[];
  selfUri?: string;
}

export interface WebChatSettings {
  requireDeployment?: boolean;
}

/** The answer of `POST /api/v2/signeddata`. */
export interface SignedData {
  jwt: string;
}

export interface Detail {
  errorCode?: string;
  fieldName?: string;
  entityId?: string;
  entityName?: string;
}

export interface Limit {
  key?: string;
  namespace?: string;
  value?: number;
}

export interface ErrorBody {
  message: string;
  code: string;
  status: number;
  entityId?: string;
  entityName?: string;
  messageWithParams?: string;
  messageParams?: Record<string, string>;
  contextId?: string;
  details?: Detail[];
  errors?: ErrorBody[];
  limit?: Limit;
}

/** The OAuth client-credentials answer (`POST /oauth/token`). */
export interface OAuthTokenResponse {
  access_token: string;
  token_type: 'bearer';
  expires_in: number;
}

/** OAuth's own error shape (RFC 6749 §5.2), as Genesys' login service uses it. */
export interface OAuthErrorBody {
  error: string;
  description?: string;
}
