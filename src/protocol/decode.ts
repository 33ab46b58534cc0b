// Decoders from untrusted JSON (`unknown`) into the wire models: the only place that trusts JSON.
// Each returns the value or throws a DecodeError naming the path that was wrong. Unknown fields are dropped
// silently (the service may add fields at any time), unknown enum values are errors the caller decides about.

import {
  BODY_TYPES,
  MEDIA_REQUEST_STATES,
  MEDIA_REQUEST_TYPES,
  MEMBER_ROLES,
  MEMBER_STATES,
  type BodyType,
  type CreateWebChatConversationResponse,
  type ErrorBody,
  type WebChatGuestMediaRequest,
  type WebChatGuestMediaRequestEntityList,
  type WebChatMemberInfo,
  type WebChatMemberInfoEntityList,
  type WebChatMessage,
  type WebChatMessageEntityList,
  type WebChatTyping,
} from './models';
import { HEARTBEAT_MESSAGE, PONG_MESSAGE, type DecodeResult, type StreamFrame } from './frames';

/** `message.sender.id: expected a string`: the path that was wrong, and what it should have been. */
export class DecodeError extends Error {
  override name = 'DecodeError';
  constructor(path: string, expected: string) {
    super(`${path}: expected ${expected}`);
  }
}

type Obj = Record<string, unknown>;

/**
 * A shape, walked by `walk`: `'s'` a string, `'n'` a finite number, `'b'` a boolean; a list of strings is an enum;
 * `[shape]` (an object or enum shape) an array of it; an object maps keys to shapes, where a key may name several
 * fields (`'id body'`), a field ending in `?` may be absent or null (and is then left out), and `*` is every field.
 */
type Shape = string | readonly Shape[] | { readonly [keys: string]: Shape };

const TYPES: Obj = { s: 'string', n: 'number', b: 'boolean' };

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function walk(shape: Shape, v: unknown, path: string): unknown {
  const fail = (expected: string): never => {
    throw new DecodeError(path, expected);
  };
  if (typeof shape === 'string') {
    const type = TYPES[shape];
    return typeof v === type && (shape !== 'n' || Number.isFinite(v)) ? v : fail(`a ${type}`);
  }
  if (Array.isArray(shape)) {
    const [item] = shape as readonly Shape[];
    if (typeof item === 'string') return shape.includes(v) ? v : fail(`one of ${shape.join(', ')}`);
    return Array.isArray(v) ? v.map((x, i) => walk(item as Shape, x, `${path}[${i}]`)) : fail('an array');
  }
  if (!isObj(v)) return fail('an object');
  const out: Obj = {};
  for (const [keys, s] of Object.entries(shape as Obj)) {
    for (const k of keys.split(' ')) {
      const key = k.replace('?', '');
      for (const name of key === '*' ? Object.keys(v) : [key]) {
        if (k === key || v[name] != null) out[name] = walk(s as Shape, v[name], `${path}.${name}`);
      }
    }
  }
  return out;
}

/** A decoder of `shape`; its errors name paths from `root` (`message.sender.id`). */
const decoder =
  <T>(shape: Shape, root: string) =>
  (v: unknown): T =>
    walk(shape, v, root) as T;

const S = 's';
const REF = { id: S };
const CONVERSATION = { 'id name? selfUri?': S };
const MESSAGE_FIELDS = { 'id name? body timestamp': S, sender: REF, bodyType: BODY_TYPES };
const MESSAGE = { ...MESSAGE_FIELDS, conversation: CONVERSATION, 'selfUri?': S };
const TYPING_FIELDS = { 'id timestamp': S, sender: REF };
const MEMBER: Shape = {
  'id? displayName? firstName? lastName? email? phoneNumber? avatarImageUrl? joinDate? leaveDate?': S,
  role: MEMBER_ROLES,
  'authenticatedGuest?': 'b',
  'customFields?': { '*': S },
  'state?': MEMBER_STATES,
};
const MEDIA_REQUEST_FIELDS = { types: [MEDIA_REQUEST_TYPES], state: MEDIA_REQUEST_STATES, 'communicationId? securityKey?': S };
const MEDIA_REQUEST = { ...MEDIA_REQUEST_FIELDS, 'id? name? selfUri?': S };

export const isBodyType = (v: unknown): v is BodyType => (BODY_TYPES as readonly unknown[]).includes(v);

export const decodeWebChatMessage = decoder<WebChatMessage>(MESSAGE, 'message');
export const decodeWebChatTyping = decoder<WebChatTyping>({ ...TYPING_FIELDS, conversation: CONVERSATION }, 'typing');
export const decodeWebChatMemberInfo = decoder<WebChatMemberInfo>(MEMBER, 'member');
export const decodeWebChatGuestMediaRequest = decoder<WebChatGuestMediaRequest>(MEDIA_REQUEST, 'mediaRequest');
export const decodeCreateWebChatConversationResponse = decoder<CreateWebChatConversationResponse>({ 'id jwt eventStreamUri': S, member: REF }, 'response');
export const decodeWebChatMessageEntityList = decoder<WebChatMessageEntityList>({ entities: [MESSAGE], pageSize: 'n', 'next? previousPage? selfUri?': S }, 'messages');
export const decodeWebChatMemberInfoEntityList = decoder<WebChatMemberInfoEntityList>(
  { entities: [MEMBER], 'pageSize pageNumber total pageCount': 'n', 'firstUri? nextUri? previousUri? lastUri? selfUri?': S },
  'members',
);
export const decodeWebChatGuestMediaRequestEntityList = decoder<WebChatGuestMediaRequestEntityList>({ entities: [MEDIA_REQUEST] }, 'mediaRequests');
/** An object of strings (`customFields`), copied. */
export const decodeStringMap = decoder<Record<string, string>>({ '*': S }, 'map');

/**
 * Reads an ErrorBody if `v` is one; `undefined` otherwise (a proxy's HTML page, an empty body, a malformed one…), so
 * that the caller falls back to the HTTP status.
 */
export function decodeErrorBody(v: unknown): ErrorBody | undefined {
  try {
    const shape = { 'code message? contextId?': S, 'status?': 'n', 'details?': [{ 'errorCode? fieldName? entityId? entityName?': S }] };
    return { message: '', status: 0, ...(walk(shape, v, 'error') as Obj) } as ErrorBody;
  } catch {
    return undefined;
  }
}

// ---- frames ----

/** Event bodies carry `conversation: { id }` only, and messages no `selfUri` (webchat-v2.md §6). */
const EVENT_BODIES: Record<string, Shape> = {
  message: { ...MESSAGE_FIELDS, conversation: REF },
  'typing-indicator': { ...TYPING_FIELDS, conversation: REF },
  'member-change': { conversation: REF, member: { id: S, state: MEMBER_STATES }, timestamp: S },
  'media-request': { ...MEDIA_REQUEST_FIELDS, 'id timestamp': S, conversation: REF },
};

const CONVERSATION_TOPIC = /^v2\.conversations\.chats\.([^.]+)\.(messages|members|mediarequests)$/;

function decodeEnvelope(o: unknown): StreamFrame {
  const { topicName } = walk({ topicName: S }, o, 'frame') as { topicName: string };
  const { eventBody: body, metadata } = o as Obj;
  const other = (reason: string): StreamFrame => ({ type: 'other', topicName, reason });
  if (topicName === 'channel.metadata') {
    const { message } = walk({ message: S }, body, 'frame.eventBody') as { message: string };
    return message === HEARTBEAT_MESSAGE ? { type: 'heartbeat' } : message === PONG_MESSAGE ? { type: 'pong' } : other(`message ${message}`);
  }
  // The service closes the socket about a minute after this warning; its text is for logs only.
  if (topicName === 'v2.system.socket_closing') return { type: 'socket-closing', message: String((body as Obj | undefined)?.message ?? '') };
  const [, conversationId] = CONVERSATION_TOPIC.exec(topicName) ?? [];
  if (!conversationId) return other('unknown topic');
  // `CorrelationId` is spelt with a capital C in recorded frames; tolerate its absence.
  const { type, CorrelationId = '' } = walk({ type: S, 'CorrelationId?': S }, metadata, 'frame.metadata') as { type: string; CorrelationId?: string };
  const shape = Object.hasOwn(EVENT_BODIES, type) && EVENT_BODIES[type];
  if (!shape || (type === 'message' && isObj(body) && !isBodyType(body.bodyType))) return other(`unknown type ${type}`);
  return { type, conversationId, correlationId: CorrelationId, body: walk(shape, body, 'frame.eventBody') } as StreamFrame;
}

/**
 * Decodes one event-stream frame: a JSON text, or an already parsed value. Never throws.
 * Well-formed frames of unknown topics or types decode to `{ type: 'other' }` (clients ignore them);
 * anything malformed is `{ ok: false }` with the reason.
 */
export function decodeFrame(data: unknown): DecodeResult {
  try {
    return { ok: true, frame: decodeEnvelope(typeof data === 'string' ? JSON.parse(data) : data) };
  } catch (e) {
    return { ok: false, error: e instanceof DecodeError ? e.message : 'frame is not JSON' };
  }
}
