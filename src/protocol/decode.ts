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
  type MemberState,
  type WebChatConversation,
  type WebChatGuestMediaRequest,
  type WebChatGuestMediaRequestEntityList,
  type WebChatMemberInfo,
  type WebChatMemberInfoEntityList,
  type WebChatMessage,
  type WebChatMessageEntityList,
  type WebChatTyping,
} from './models';
import {
  HEARTBEAT_MESSAGE,
  PONG_MESSAGE,
  type DecodeResult,
  type MediaRequestEventBody,
  type MemberChangeBody,
  type MessageEventBody,
  type StreamFrame,
  type TypingEventBody,
} from './frames';

export class DecodeError extends Error {
  constructor(
    readonly path: string,
    readonly expected: string,
  ) {
    super(`${path}: expected ${expected}`);
    this.name = 'DecodeError';
  }
}

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function obj(v: unknown, path: string): Obj {
  if (!isObj(v)) throw new DecodeError(path, 'an object');
  return v;
}

function str(o: Obj, key: string, path: string): string {
  const v = o[key];
  if (typeof v !== 'string') throw new DecodeError(`${path}.${key}`, 'a string');
  return v;
}

function optStr(o: Obj, key: string, path: string): string | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'string') throw new DecodeError(`${path}.${key}`, 'a string');
  return v;
}

function optBool(o: Obj, key: string, path: string): boolean | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  if (typeof v !== 'boolean') throw new DecodeError(`${path}.${key}`, 'a boolean');
  return v;
}

function num(o: Obj, key: string, path: string): number {
  const v = o[key];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new DecodeError(`${path}.${key}`, 'a number');
  return v;
}

function oneOf<T extends string>(o: Obj, key: string, allowed: readonly T[], path: string): T {
  const v = o[key];
  if (typeof v !== 'string' || !(allowed as readonly string[]).includes(v)) {
    throw new DecodeError(`${path}.${key}`, `one of ${allowed.join(', ')}`);
  }
  return v as T;
}

function arr(o: Obj, key: string, path: string): unknown[] {
  const v = o[key];
  if (!Array.isArray(v)) throw new DecodeError(`${path}.${key}`, 'an array');
  return v;
}

function stringMap(o: Obj, key: string, path: string): Record<string, string> | undefined {
  const v = o[key];
  if (v === undefined || v === null) return undefined;
  const m = obj(v, `${path}.${key}`);
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(m)) {
    if (typeof val !== 'string') throw new DecodeError(`${path}.${key}.${k}`, 'a string');
    out[k] = val;
  }
  return out;
}

/** Copies the optional string fields that are present, so absent stays absent. */
function copyStrings<T extends object>(target: T, o: Obj, keys: readonly (keyof T & string)[], path: string): T {
  for (const k of keys) {
    const v = optStr(o, k, path);
    if (v !== undefined) (target as Record<string, unknown>)[k] = v;
  }
  return target;
}

function idRef(v: unknown, path: string): { id: string } {
  return { id: str(obj(v, path), 'id', path) };
}

export function isBodyType(v: unknown): v is BodyType {
  return typeof v === 'string' && (BODY_TYPES as readonly string[]).includes(v);
}

export function decodeWebChatMessage(v: unknown, path = 'message'): WebChatMessage {
  const o = obj(v, path);
  const conv = obj(o.conversation, `${path}.conversation`);
  const msg: WebChatMessage = {
    id: str(o, 'id', path),
    conversation: copyStrings<WebChatConversation>({ id: str(conv, 'id', `${path}.conversation`) }, conv, ['selfUri', 'name'], `${path}.conversation`),
    sender: idRef(o.sender, `${path}.sender`),
    body: str(o, 'body', path),
    bodyType: oneOf(o, 'bodyType', BODY_TYPES, path),
    timestamp: str(o, 'timestamp', path),
  };
  return copyStrings(msg, o, ['name', 'selfUri'], path);
}

export function decodeWebChatTyping(v: unknown, path = 'typing'): WebChatTyping {
  const o = obj(v, path);
  const conv = obj(o.conversation, `${path}.conversation`);
  return {
    id: str(o, 'id', path),
    conversation: copyStrings<WebChatConversation>({ id: str(conv, 'id', `${path}.conversation`) }, conv, ['selfUri'], `${path}.conversation`),
    sender: idRef(o.sender, `${path}.sender`),
    timestamp: str(o, 'timestamp', path),
  };
}

export function decodeWebChatMemberInfo(v: unknown, path = 'member'): WebChatMemberInfo {
  const o = obj(v, path);
  const m: WebChatMemberInfo = { role: oneOf(o, 'role', MEMBER_ROLES, path) };
  copyStrings(m, o, ['id', 'displayName', 'firstName', 'lastName', 'email', 'phoneNumber', 'avatarImageUrl', 'joinDate'], path);
  const leave = optStr(o, 'leaveDate', path);
  if (leave !== undefined) m.leaveDate = leave;
  if (o.state !== undefined && o.state !== null) m.state = oneOf(o, 'state', MEMBER_STATES, path);
  const auth = optBool(o, 'authenticatedGuest', path);
  if (auth !== undefined) m.authenticatedGuest = auth;
  const custom = stringMap(o, 'customFields', path);
  if (custom !== undefined) m.customFields = custom;
  return m;
}

export function decodeWebChatGuestMediaRequest(v: unknown, path = 'mediaRequest'): WebChatGuestMediaRequest {
  const o = obj(v, path);
  const types = arr(o, 'types', path).map((t, i) => {
    if (typeof t !== 'string' || !(MEDIA_REQUEST_TYPES as readonly string[]).includes(t)) {
      throw new DecodeError(`${path}.types[${i}]`, `one of ${MEDIA_REQUEST_TYPES.join(', ')}`);
    }
    return t as WebChatGuestMediaRequest['types'][number];
  });
  const r: WebChatGuestMediaRequest = { types, state: oneOf(o, 'state', MEDIA_REQUEST_STATES, path) };
  return copyStrings(r, o, ['id', 'name', 'communicationId', 'securityKey', 'selfUri'], path);
}

export function decodeCreateWebChatConversationResponse(v: unknown): CreateWebChatConversationResponse {
  const path = 'response';
  const o = obj(v, path);
  return {
    id: str(o, 'id', path),
    jwt: str(o, 'jwt', path),
    eventStreamUri: str(o, 'eventStreamUri', path),
    member: idRef(o.member, `${path}.member`),
  };
}

export function decodeWebChatMessageEntityList(v: unknown): WebChatMessageEntityList {
  const path = 'messages';
  const o = obj(v, path);
  const list: WebChatMessageEntityList = {
    entities: arr(o, 'entities', path).map((e, i) => decodeWebChatMessage(e, `${path}.entities[${i}]`)),
    pageSize: num(o, 'pageSize', path),
  };
  return copyStrings(list, o, ['next', 'previousPage', 'selfUri'], path);
}

export function decodeWebChatMemberInfoEntityList(v: unknown): WebChatMemberInfoEntityList {
  const path = 'members';
  const o = obj(v, path);
  const list: WebChatMemberInfoEntityList = {
    entities: arr(o, 'entities', path).map((e, i) => decodeWebChatMemberInfo(e, `${path}.entities[${i}]`)),
    pageSize: num(o, 'pageSize', path),
    pageNumber: num(o, 'pageNumber', path),
    total: num(o, 'total', path),
    pageCount: num(o, 'pageCount', path),
  };
  return copyStrings(list, o, ['firstUri', 'nextUri', 'previousUri', 'lastUri', 'selfUri'], path);
}

export function decodeWebChatGuestMediaRequestEntityList(v: unknown): WebChatGuestMediaRequestEntityList {
  const path = 'mediaRequests';
  const o = obj(v, path);
  return { entities: arr(o, 'entities', path).map((e, i) => decodeWebChatGuestMediaRequest(e, `${path}.entities[${i}]`)) };
}

/** Reads an ErrorBody if `v` is one; `undefined` otherwise (a proxy's HTML page, an empty body…). */
export function decodeErrorBody(v: unknown): ErrorBody | undefined {
  if (!isObj(v) || typeof v.code !== 'string') return undefined;
  const body: ErrorBody = {
    code: v.code,
    message: typeof v.message === 'string' ? v.message : '',
    status: typeof v.status === 'number' ? v.status : 0,
  };
  if (typeof v.contextId === 'string') body.contextId = v.contextId;
  if (Array.isArray(v.details)) {
    body.details = v.details.filter(isObj).map((d) => {
      const out: NonNullable<ErrorBody['details']>[number] = {};
      for (const k of ['errorCode', 'fieldName', 'entityId', 'entityName'] as const) if (typeof d[k] === 'string') out[k] = d[k];
      return out;
    });
  }
  return body;
}

// ---- frames ----

const CONVERSATION_TOPIC = /^v2\.conversations\.chats\.([^.]+)\.(messages|members|mediarequests)$/;

function decodeEnvelope(o: Obj): StreamFrame {
  const topic = str(o, 'topicName', 'frame');
  if (topic === 'channel.metadata') {
    const message = str(obj(o.eventBody, 'frame.eventBody'), 'message', 'frame.eventBody');
    if (message === HEARTBEAT_MESSAGE) return { type: 'heartbeat' };
    if (message === PONG_MESSAGE) return { type: 'pong' };
    return { type: 'other', topicName: topic, reason: `channel.metadata message "${message}"` };
  }
  if (topic === 'v2.system.socket_closing') {
    const body = isObj(o.eventBody) ? o.eventBody : {};
    return { type: 'socket-closing', message: typeof body.message === 'string' ? body.message : '' };
  }
  const match = CONVERSATION_TOPIC.exec(topic);
  if (!match) return { type: 'other', topicName: topic, reason: 'unknown topic' };
  const conversationId = match[1] as string;
  const metadata = obj(o.metadata, 'frame.metadata');
  const type = str(metadata, 'type', 'frame.metadata');
  // `CorrelationId` is spelt with a capital C in recorded frames; tolerate its absence.
  const correlationId = typeof metadata.CorrelationId === 'string' ? metadata.CorrelationId : '';
  const body = obj(o.eventBody, 'frame.eventBody');
  const p = 'frame.eventBody';
  switch (type) {
    case 'message': {
      if (!isBodyType(body.bodyType)) return { type: 'other', topicName: topic, reason: `unknown bodyType ${String(body.bodyType)}` };
      const m = decodeWebChatMessage(body, p);
      const eventBody: MessageEventBody = { ...m, conversation: { id: m.conversation.id } };
      delete (eventBody as Partial<WebChatMessage>).selfUri;
      return { type: 'message', conversationId, correlationId, body: eventBody };
    }
    case 'typing-indicator': {
      const t = decodeWebChatTyping(body, p);
      const eventBody: TypingEventBody = { ...t, conversation: { id: t.conversation.id } };
      return { type: 'typing-indicator', conversationId, correlationId, body: eventBody };
    }
    case 'member-change': {
      const member = obj(body.member, `${p}.member`);
      const eventBody: MemberChangeBody = {
        conversation: idRef(body.conversation, `${p}.conversation`),
        member: { id: str(member, 'id', `${p}.member`), state: oneOf(member, 'state', MEMBER_STATES, `${p}.member`) as MemberState },
        timestamp: str(body, 'timestamp', p),
      };
      return { type: 'member-change', conversationId, correlationId, body: eventBody };
    }
    case 'media-request': {
      const r = decodeWebChatGuestMediaRequest(body, p);
      const eventBody: MediaRequestEventBody = {
        id: str(body, 'id', p),
        conversation: idRef(body.conversation, `${p}.conversation`),
        types: r.types,
        state: r.state,
        timestamp: str(body, 'timestamp', p),
      };
      if (r.communicationId !== undefined) eventBody.communicationId = r.communicationId;
      if (r.securityKey !== undefined) eventBody.securityKey = r.securityKey;
      return { type: 'media-request', conversationId, correlationId, body: eventBody };
    }
    default:
      return { type: 'other', topicName: topic, reason: `unknown metadata.type ${type}` };
  }
}

/**
 * Decodes one event-stream frame: a JSON text, or an already parsed value. Never throws.
 * Well-formed frames of unknown topics or types decode to `{ type: 'other' }` (clients ignore them);
 * anything malformed is `{ ok: false }` with the reason.
 */
export function decodeFrame(data: unknown): DecodeResult {
  let value = data;
  if (typeof data === 'string') {
    try {
      value = JSON.parse(data);
    } catch {
      return { ok: false, error: 'frame is not JSON' };
    }
  }
  try {
    return { ok: true, frame: decodeEnvelope(obj(value, 'frame')) };
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
}
