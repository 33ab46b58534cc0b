// Test doubles for the store: an in-memory WebChat v2 service behind a GuestApi (with the paging rules of
// webchat-v2.md §3.1) and fake event streams, both typed as the real interfaces, on a fake clock.

import { ApiError } from '../api/api-error';
import type { GuestApi, GuestSession, ListMessagesQuery } from '../api/types';
import type { ConnectionStatus, EventStream, StreamNotice } from '../events/types';
import { createFakeClock, type FakeClock } from '../lib/fake-clock';
import { createSubscribable, type WritableSubscribable } from '../lib/subscribable';
import type {
  BodyType,
  CreateWebChatConversationRequest,
  MediaRequestType,
  MemberState,
  WebChatGuestMediaRequest,
  WebChatMemberInfo,
  WebChatMessage,
} from '../protocol/models';

export type Op = keyof GuestApi;

export interface FakeStream extends EventStream {
  readonly uri: string;
  readonly hints: { heartbeatIntervalMs?: number };
  /** What heartbeatIntervalMs() answers. */
  learnedIntervalMs: number | undefined;
  readonly statusW: WritableSubscribable<ConnectionStatus>;
  closed: boolean;
  livenessChecks: number;
  /** A stalled stream stays "open" and delivers nothing. */
  stalled: boolean;
  open(reconnected?: boolean): void;
  drop(): void;
  stale(): void;
  deliver(notice: StreamNotice): void;
}

export function createFakeStream(uri: string, hints: { heartbeatIntervalMs?: number } = {}): FakeStream {
  const statusW = createSubscribable<ConnectionStatus>({ state: 'connecting' });
  const listeners = new Set<(n: StreamNotice) => void>();
  const stream: FakeStream = {
    uri,
    hints,
    learnedIntervalMs: undefined,
    statusW,
    status: statusW,
    closed: false,
    livenessChecks: 0,
    stalled: false,
    heartbeatIntervalMs: () => stream.learnedIntervalMs,
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
    checkLiveness() {
      stream.livenessChecks++;
    },
    close() {
      stream.closed = true;
      statusW.set({ state: 'closed' });
    },
    open(reconnected = false) {
      stream.stalled = false;
      statusW.set({ state: 'open' });
      for (const fn of [...listeners]) fn({ type: 'open', reconnected });
    },
    drop() {
      statusW.set({ state: 'reconnecting', attempt: 1, delayMs: 1000 });
    },
    stale() {
      for (const fn of [...listeners]) fn({ type: 'stale' });
    },
    deliver(notice) {
      for (const fn of [...listeners]) fn(notice);
    },
  };
  return stream;
}

interface Failure {
  error: ApiError;
  /** The request takes effect before it fails (a gateway timeout behind a service that did the work). */
  afterEffect: boolean;
}

export interface FakeBackend {
  clock: FakeClock;
  api: GuestApi;
  calls: Array<{ op: Op; args: unknown[] }>;
  streams: FakeStream[];
  openStream(uri: string, hints?: { heartbeatIntervalMs?: number }): EventStream;
  lastStream(): FakeStream;
  readonly conversationId: string;
  readonly guestId: string;
  readonly jwt: string;
  readonly uri: string;
  /** The service's transcript, in its order. */
  messages: WebChatMessage[];
  members: Map<string, WebChatMemberInfo>;
  mediaRequests: WebChatGuestMediaRequest[];
  lastCreate?: CreateWebChatConversationRequest;
  /** Own messages are echoed to the streams (default true). */
  echo: boolean;
  /** When set, every guest call answers this (401 expired JWT, 404 conversation gone…). */
  gone?: ApiError;
  failNext(op: Op, error: ApiError, options?: { afterEffect?: boolean; times?: number }): void;
  clearFailures(op: Op): void;
  /** Holds the answer of the next call of `op` until `release()`; its effect happens at once. */
  hold(op: Op): { release(): void };
  countCalls(op: Op): number;
  addAgent(name?: string, options?: { broadcast?: boolean }): WebChatMemberInfo;
  setMemberState(id: string, state: MemberState, options?: { broadcast?: boolean }): void;
  say(senderId: string, body: string, options?: { broadcast?: boolean; bodyType?: BodyType }): WebChatMessage;
  typing(senderId: string): void;
  addMediaRequest(types: MediaRequestType[], options?: { broadcast?: boolean }): WebChatGuestMediaRequest;
  setMediaRequestState(id: string, state: WebChatGuestMediaRequest['state'], options?: { broadcast?: boolean }): void;
  /** Frames to every open, unstalled, unclosed stream. */
  broadcast(notice: StreamNotice): void;
  flush(): Promise<void>;
}

export const apiError = (status: number, code: string, retryAfterMs?: number) =>
  new ApiError(retryAfterMs === undefined ? { status, code, message: `${code} (${status})` } : { status, code, message: `${code} (${status})`, retryAfterMs });

export const networkError = () => new ApiError({ status: 0, code: 'network.error', message: 'fetch failed' });

export function createFakeBackend(options: { clock?: FakeClock; conversationId?: string; guestId?: string } = {}): FakeBackend {
  const clock = options.clock ?? createFakeClock();
  const conversationId = options.conversationId ?? 'conv-1';
  const guestId = options.guestId ?? 'guest-1';
  const jwt = 'jwt-1';
  const uri = `ws://fake/chat/jwt/${jwt}`;
  let counter = 0;
  // Ids that sort against time: a store comparing ids would get the order wrong.
  const nextId = (prefix: string) => `${prefix}-${String(999_999 - ++counter).padStart(6, '0')}`;
  const failures = new Map<Op, Failure[]>();
  const holds = new Map<Op, Promise<void>[]>();

  const iso = () => new Date(clock.now()).toISOString();
  const path = (q: URLSearchParams) => `/api/v2/webchat/guest/conversations/${conversationId}/messages?${q.toString()}`;

  const b: FakeBackend = {
    clock,
    calls: [],
    streams: [],
    conversationId,
    guestId,
    jwt,
    uri,
    messages: [],
    members: new Map([[guestId, { id: guestId, role: 'CUSTOMER', state: 'CONNECTED', displayName: 'Guest' }]]),
    mediaRequests: [],
    echo: true,
    openStream(u, hints) {
      const s = createFakeStream(u, hints);
      b.streams.push(s);
      return s;
    },
    lastStream() {
      const s = b.streams[b.streams.length - 1];
      if (!s) throw new Error('no stream was opened');
      return s;
    },
    failNext(op, error, { afterEffect = false, times = 1 } = {}) {
      const list = failures.get(op) ?? [];
      for (let i = 0; i < times; i++) list.push({ error, afterEffect });
      failures.set(op, list);
    },
    clearFailures(op) {
      failures.delete(op);
    },
    hold(op) {
      let release!: () => void;
      const gate = new Promise<void>((r) => (release = r));
      const list = holds.get(op) ?? [];
      list.push(gate);
      holds.set(op, list);
      return { release };
    },
    countCalls: (op) => b.calls.filter((c) => c.op === op).length,
    broadcast(notice) {
      for (const s of b.streams) if (!s.closed && !s.stalled && s.status.get().state === 'open') s.deliver(notice);
    },
    addAgent(name = 'Alice', { broadcast = true } = {}) {
      const id = nextId('agent');
      const info: WebChatMemberInfo = { id, role: 'AGENT', state: 'CONNECTED', displayName: name, joinDate: iso() };
      b.members.set(id, info);
      if (broadcast) memberFrame(id, 'CONNECTED');
      b.say(id, '', { bodyType: 'member-join', broadcast });
      return info;
    },
    setMemberState(id, state, { broadcast = true } = {}) {
      const m = b.members.get(id);
      if (!m) throw new Error(`no member ${id}`);
      b.members.set(id, { ...m, state });
      if (broadcast) memberFrame(id, state);
    },
    say(senderId, body, { broadcast = true, bodyType = 'standard' } = {}) {
      const m: WebChatMessage = {
        id: nextId('msg'),
        conversation: { id: conversationId, selfUri: `/api/v2/conversations/${conversationId}` },
        sender: { id: senderId },
        body,
        bodyType,
        timestamp: iso(),
      };
      b.messages.push(m);
      if (broadcast) messageFrame(m);
      return m;
    },
    typing(senderId) {
      b.broadcast({
        type: 'frame',
        frame: {
          type: 'typing-indicator',
          conversationId,
          correlationId: 'c',
          body: { id: nextId('typing'), conversation: { id: conversationId }, sender: { id: senderId }, timestamp: iso() },
        },
      });
    },
    addMediaRequest(types, { broadcast = true } = {}) {
      const r: WebChatGuestMediaRequest = { id: nextId('media'), types, state: 'PENDING' };
      b.mediaRequests.push(r);
      if (broadcast) mediaFrame(r);
      return r;
    },
    setMediaRequestState(id, state, { broadcast = true } = {}) {
      const i = b.mediaRequests.findIndex((r) => r.id === id);
      const r = b.mediaRequests[i];
      if (!r) throw new Error(`no media request ${id}`);
      b.mediaRequests[i] = { ...r, state };
      if (broadcast) mediaFrame(b.mediaRequests[i] as WebChatGuestMediaRequest);
    },
    flush: () => clock.advance(0),
    api: undefined as unknown as GuestApi,
  };

  function messageFrame(m: WebChatMessage) {
    const { selfUri: _s, ...rest } = m;
    b.broadcast({ type: 'frame', frame: { type: 'message', conversationId, correlationId: 'c', body: { ...rest, conversation: { id: conversationId } } } });
  }
  function memberFrame(id: string, state: MemberState) {
    b.broadcast({
      type: 'frame',
      frame: { type: 'member-change', conversationId, correlationId: 'c', body: { conversation: { id: conversationId }, member: { id, state }, timestamp: iso() } },
    });
  }
  function mediaFrame(r: WebChatGuestMediaRequest) {
    b.broadcast({
      type: 'frame',
      frame: {
        type: 'media-request',
        conversationId,
        correlationId: 'c',
        body: { id: r.id as string, conversation: { id: conversationId }, types: r.types, state: r.state, timestamp: iso() },
      },
    });
  }

  /** Records the call, then applies an injected failure (before or after `effect`) and any hold on the answer. */
  async function call<T>(op: Op, args: unknown[], session: GuestSession | undefined, effect: () => T): Promise<T> {
    b.calls.push({ op, args });
    await Promise.resolve();
    if (session) {
      if (b.gone) throw b.gone;
      if (session.jwt !== jwt || session.conversationId !== conversationId) throw apiError(401, 'bad.credentials');
    }
    const failure = failures.get(op)?.shift();
    if (failure && !failure.afterEffect) throw failure.error;
    const result = effect();
    if (failure) throw failure.error;
    const gate = holds.get(op)?.shift();
    if (gate) await gate;
    return result;
  }

  function listMessages(query: ListMessagesQuery = {}) {
    const max = Math.min(query.maxResults ?? 100, 100);
    const order = query.sortOrder ?? 'ascending';
    const index = (id: string) => {
      const i = b.messages.findIndex((m) => m.id === id);
      if (i < 0) throw apiError(400, 'invalid.value');
      return i;
    };
    const from = query.after !== undefined ? index(query.after) + 1 : 0;
    const to = query.before !== undefined ? index(query.before) : b.messages.length;
    const pool = b.messages.slice(from, to);
    // Nearest the cursor, or the oldest/newest without one (§3.1 item 7).
    const ascendingWindow = order === 'ascending' ? (query.before !== undefined && query.after === undefined ? pool.slice(-max) : pool.slice(0, max)) : undefined;
    const descendingWindow = order === 'descending' ? (query.after !== undefined && query.before === undefined ? pool.slice(0, max) : pool.slice(-max)) : undefined;
    const entities = ascendingWindow ?? [...(descendingWindow ?? [])].reverse();
    const last = entities[entities.length - 1];
    let next: string | undefined;
    if (last) {
      const li = b.messages.indexOf(last);
      if (order === 'ascending' && li < to - 1) next = path(new URLSearchParams({ after: last.id, sortOrder: 'ascending', maxResults: String(max) }));
      if (order === 'descending' && li > from) next = path(new URLSearchParams({ before: last.id, sortOrder: 'descending', maxResults: String(max) }));
    }
    return next ? { entities, pageSize: max, next } : { entities, pageSize: max };
  }

  b.api = {
    createConversation(body) {
      return call('createConversation', [body], undefined, () => {
        b.lastCreate = body;
        return { id: conversationId, jwt, eventStreamUri: uri, member: { id: guestId } };
      });
    },
    listMembers(session, query = {}) {
      return call('listMembers', [session, query], session, () => {
        const pageSize = query.pageSize ?? 25;
        const pageNumber = query.pageNumber ?? 1;
        const all = [...b.members.values()];
        const entities = all.slice((pageNumber - 1) * pageSize, pageNumber * pageSize);
        return { entities, pageSize, pageNumber, total: all.length, pageCount: Math.ceil(all.length / pageSize) };
      });
    },
    getMember(session, memberId) {
      return call('getMember', [session, memberId], session, () => {
        const m = b.members.get(memberId);
        if (!m) throw apiError(404, 'chat.error.not.found');
        return { ...m };
      });
    },
    leave(session) {
      return call('leave', [session], session, () => {
        const me = b.members.get(guestId);
        if (me?.state === 'DISCONNECTED') throw apiError(400, 'chat.error.member.state');
        b.say(guestId, '', { bodyType: 'member-leave' });
        b.setMemberState(guestId, 'DISCONNECTED');
      });
    },
    sendMessage(session, body) {
      return call('sendMessage', [session, body], session, () => {
        const m = b.say(guestId, body.body, { broadcast: b.echo, bodyType: body.bodyType ?? 'standard' });
        return { ...m, selfUri: `/api/v2/webchat/guest/conversations/${conversationId}/messages/${m.id}` };
      });
    },
    sendTyping(session) {
      return call('sendTyping', [session], session, () => ({ id: nextId('typing'), conversation: { id: conversationId }, sender: { id: guestId }, timestamp: iso() }));
    },
    listMessages(session, query) {
      return call('listMessages', [session, query], session, () => listMessages(query));
    },
    listMessagesAt(session, p) {
      return call('listMessagesAt', [session, p], session, () => {
        const q = new URL(p, 'http://x').searchParams;
        const query: ListMessagesQuery = {};
        const after = q.get('after');
        const before = q.get('before');
        if (after) query.after = after;
        if (before) query.before = before;
        query.sortOrder = q.get('sortOrder') === 'descending' ? 'descending' : 'ascending';
        query.maxResults = Number(q.get('maxResults') ?? 100);
        return listMessages(query);
      });
    },
    getMessage(session, id) {
      return call('getMessage', [session, id], session, () => {
        const m = b.messages.find((x) => x.id === id);
        if (!m) throw apiError(404, 'chat.error.not.found');
        return m;
      });
    },
    listMediaRequests(session) {
      return call('listMediaRequests', [session], session, () => ({ entities: b.mediaRequests.map((r) => ({ ...r })) }));
    },
    getMediaRequest(session, id) {
      return call('getMediaRequest', [session, id], session, () => {
        const r = b.mediaRequests.find((x) => x.id === id);
        if (!r) throw apiError(404, 'chat.error.not.found');
        return r;
      });
    },
    updateMediaRequest(session, id, body) {
      return call('updateMediaRequest', [session, id, body], session, () => {
        const r = b.mediaRequests.find((x) => x.id === id);
        if (!r) throw apiError(404, 'chat.error.not.found');
        if (r.state !== 'PENDING') throw apiError(400, 'chat.error.conversation.state');
        b.setMediaRequestState(id, body.state);
        return { ...(b.mediaRequests.find((x) => x.id === id) as WebChatGuestMediaRequest) };
      });
    },
  };
  return b;
}

/** A Web Storage stand-in. */
export function createMemoryStorage(initial: Record<string, string> = {}) {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (k: string) => data.get(k) ?? null,
    setItem: (k: string, v: string) => void data.set(k, v),
    removeItem: (k: string) => void data.delete(k),
  };
}

export interface RecordingLogger {
  warn(message: string, ...details: unknown[]): void;
  error(message: string, ...details: unknown[]): void;
  lines: string[];
}

export function createRecordingLogger(): RecordingLogger {
  const lines: string[] = [];
  return {
    lines,
    warn: (m) => void lines.push(`warn: ${m}`),
    error: (m) => void lines.push(`error: ${m}`),
  };
}
