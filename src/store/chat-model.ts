// The model of one guest chat: phases, the merged transcript, catch-up, the outbox, members, typing, media
// requests, resume and ending. It sees the backend only through GuestApi and EventStream (types), from create-chat.

import { batch, signal } from '@preact/signals-core';
import type { GuestApi, GuestSession } from '../api/types';
import type { ConnectionStatus, EventStream, StreamNotice } from '../events/types';
import { backoffDelay } from '../lib/backoff';
import { sleep, systemClock, type Clock, type TimerHandle } from '../lib/clock';
import { consoleLogger, type Logger } from '../lib/log';
import { MEMBERS_MAX_PAGE_SIZE, MESSAGE_BODY_MAX_LENGTH, MESSAGES_MAX_RESULTS } from '../protocol/guest-paths';
import type {
  CreateWebChatConversationRequest,
  MediaRequestAnswer,
  MemberState,
  WebChatGuestMediaRequest,
  WebChatMemberInfo,
  WebChatMessage,
} from '../protocol/models';
import { chatError, failureInfo, isAmbiguous, isSessionGone, toChatError, type FailureInfo } from './chat-error';
import { createMessageList, type ServerEntry } from './message-list';
import { createPersistence, storageKey, type KeyValueStorage, type StoredChat } from './persistence';
import type { Chat, ChatError, ChatEvents, ChatMediaRequest, ChatMember, ChatMessage, ChatPhase, GuestInfo } from './types';

/** Page wake-ups (tab visible again, browser back online): background timers may have been throttled. */
export interface Lifecycle {
  onWake(listener: () => void): () => void;
}

export interface ChatModelOptions {
  organizationId: string;
  deploymentId: string;
  queue: string;
  skills?: readonly string[] | undefined;
  language?: string | undefined;
  priority?: number | undefined;
  customFields?: Readonly<Record<string, string>> | undefined;
  /** For deployments that require authenticated guests (webchat-v2.md §9); a provider is asked at each start. */
  memberAuthToken?: string | (() => Promise<string>) | undefined;
  /** The display name when the guest gives none (the UI passes its localized "Guest"). */
  defaultDisplayName?: string | undefined;
  /** Page context as `customFields` (`_genesys_url`…, §3.1), read at each start; create-chat supplies it in browsers. */
  pageContext?: (() => Record<string, string>) | undefined;
}

/** Tuning, for tests; every field has a default (in brackets, set in createChatModel). */
export interface ChatTiming {
  /** How long an incoming indicator shows without a new frame (webchat-v2.md §3.1 item 6: about 4 s) [4000]. */
  typingDisplayMs: number;
  /** At most one outgoing typing POST per this many ms (§13: one per 2–3 s) [3000]. */
  typingThrottleMs: number;
  /**
   * Attempts before a message is shown failed, together with `sendMinWindowMs` [4]. Widget contract §4: at least 3
   * attempts over at least 5 s; the backoff gives 1–2, 2–4, 4–8 s between 4 attempts.
   */
  sendAttempts: number;
  /** A message is not given up before this much time passed since its first attempt [5000]. */
  sendMinWindowMs: number;
  /** [2000] */
  sendBackoffBaseMs: number;
  /** [16000] */
  sendBackoffCapMs: number;
  /** [1000] */
  catchUpRetryBaseMs: number;
  /** [30000] */
  catchUpRetryCapMs: number;
  /** DELETE attempts before `end()` ends the chat locally anyway [3]. */
  endAttempts: number;
  /** An own DISCONNECTED this soon after an agent left counts as "ended by the agent" [10000]. */
  agentEndWindowMs: number;
}

export interface ChatModelDeps extends ChatModelOptions {
  api: GuestApi;
  /**
   * Opens the event stream of a chat (create-chat: `createEventStream`; tests: a fake). `heartbeatIntervalMs` is the
   * interval this chat learned on an earlier page, when it resumes.
   */
  openStream(uri: string, heartbeatIntervalMs?: number): EventStream;
  clock?: Clock | undefined;
  /** Where a running chat is kept for a reload; none → nothing persists. */
  storage?: KeyValueStorage | undefined;
  logger?: Logger | undefined;
  lifecycle?: Lifecycle | null | undefined;
  random?: (() => number) | undefined;
  timing?: Partial<ChatTiming> | undefined;
}

/**
 * Single flight: a call during a run gets one more run after it (so every caller's run starts after its call),
 * and all of them share the outcome of the last run. `run` must be async (never throw synchronously).
 */
export function singleFlight<T>(run: () => Promise<T>): () => Promise<T> {
  let current: Promise<T> | undefined;
  let again = false;
  const loop = async () => {
    try {
      let result: T;
      do {
        again = false;
        result = await run();
      } while (again);
      return result;
    } finally {
      current = undefined;
    }
  };
  return () => (current ? ((again = true), current) : (current = loop()));
}

/**
 * The running chat: everything that dies with it (requests, timers, the stream) goes in `cleanups`. It is also the
 * session (`conversationId`, `memberId`, `jwt`) and the request options (`signal`, aborted by the first cleanup) of
 * every call made for it: `api.getMember(l, id, l)`.
 */
interface Live extends GuestSession {
  readonly signal: AbortSignal;
  /** A resumed chat's first transcript load is history (no events, no unread); cleared once it is done. */
  resumed: boolean;
  readonly cleanups: Array<() => void>;
  catchUp(): Promise<boolean>;
  stream?: EventStream;
  endRequested?: boolean;
}

/** A message the guest typed (a sent draft leaves the queue). */
interface Draft {
  /** What the UI shows (id = local id): replaced only when its status or error changes, so the UI keeps it. */
  view: ChatMessage;
  state: DraftState;
  /** A POST is under way: its echo may arrive before its answer. */
  inFlight?: boolean;
  /** An earlier attempt got no clear answer (5xx, none): the service may hold the message already. */
  unverified?: boolean;
  /** Resolves the promise of `send()` (or `retry()`) once the draft is sent or failed. */
  done?: () => void;
}

type EndedBy = 'guest' | 'agent' | 'system';

/** A draft waits its turn, is on its way (one at a time), failed (until retried), or was sent. */
const QUEUED = 0;
const SENDING = 1;
const FAILED = 2;
const SENT = 3;
type DraftState = typeof QUEUED | typeof SENDING | typeof FAILED | typeof SENT;

const CLOSED: ConnectionStatus = { state: 'closed' };
/** The notice of a chat the service no longer knows (or a stored one that cannot go on). */
const expired = (message: string, status?: number) => chatError('session-expired', message, status);
/** Same content (our views are built with their keys in one order). */
const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
/** Chat text: what counts as unread. Joins, leaves and media-request announcements carry none. */
const isText = (t: WebChatMessage['bodyType']) => t === 'standard' || t === 'notice';
const PRECHAT = ['firstName', 'lastName', 'email', 'phoneNumber'] as const;

export function createChatModel(deps: ChatModelDeps): Chat {
  const { api, clock = systemClock, logger = consoleLogger, random, lifecycle, organizationId, deploymentId, skills, language, priority } = deps;
  const {
    typingDisplayMs = 4000,
    typingThrottleMs = 3000,
    sendAttempts = 4,
    sendMinWindowMs = 5000,
    sendBackoffBaseMs = 2000,
    sendBackoffCapMs = 16000,
    catchUpRetryBaseMs = 1000,
    catchUpRetryCapMs = 30000,
    endAttempts = 3,
    agentEndWindowMs = 10000,
  } = deps.timing ?? {};
  const persistence = createPersistence(deps.storage, storageKey(organizationId, deploymentId), logger);
  /** Requests made before a chat runs (create, the resume check): dispose() aborts them. */
  const instanceAbort = new AbortController();
  const instanceReq = { signal: instanceAbort.signal };
  const resolved = Promise.resolve();

  const phase = signal<ChatPhase>({ name: 'idle' });
  const connection = signal(CLOSED);
  /** The server's messages, then the drafts (they have no server timestamp: a local clock would misplace them). */
  const messages = signal<readonly ChatMessage[]>([]);
  const unreadCount = signal(0);
  const hasEarlier = signal(false);
  const loadingEarlier = signal(false);
  const memberId = signal<string>();
  const conversationId = signal<string>();
  const members = signal<ReadonlyMap<string, ChatMember>>(new Map());
  const typing = signal<readonly string[]>([]);
  const mediaRequests = signal<readonly ChatMediaRequest[]>([]);

  let live: Live | undefined;
  let disposed = false;
  let startPromise = resolved;
  let endPromise: Promise<void> | undefined;
  /** Everything up to this message is known: the next catch-up asks for what follows it. */
  let cursor: string | undefined;
  /** True while stream frames are known to follow the cursor without a gap (see catchUpOnce). */
  let streamLive = false;
  /** Bumped whenever frames may have been missed (a new socket, a stale notice, the socket going down). */
  let gapEpoch = 0;
  let earliestId: string | undefined;
  let lastAgentGoneAt = -Infinity;
  /**
   * `message` events of messages that arrived while a gap was open: a frame from a new socket can come before the
   * catch-up fills the gap behind it. They go out in transcript order once the gap is closed (or the chat ends).
   */
  const held = new Set<ServerEntry>();
  /** Unsent drafts in sending order. */
  let queue: Draft[] = [];
  let nextLocal = 0;
  let sending = false;
  /** States from member-change frames about members whose record has not arrived yet. */
  const pendingStates = new Map<string, MemberState>();
  /** Ids looked up (or being looked up): one lookup per new member. */
  const lookedUp = new Set<string>();
  /** Who is typing, in the order they started, with the timer that ends each indicator. */
  const typingTimers = new Map<string, TimerHandle>();
  /** When a typing frame came from a member still being looked up. */
  const typingHeld = new Map<string, number>();
  let typingSentAt = -Infinity;
  let typingInFlight = false;
  /** PENDING media requests, oldest first (a Map keeps a replaced entry in its place). */
  const media = new Map<string, ChatMediaRequest>();

  const ownId = () => live?.memberId;
  const running = () => ['queued', 'active'].includes(phase.value.name);
  const backoff = (attempt: number, baseMs: number, capMs: number) => backoffDelay(attempt, { baseMs, capMs, random });
  /** Waits `ms` unless chat `l` ends first: resolves whether to go on. */
  const pause = (ms: number, l: Live) => sleep(clock, ms, l.signal).then(() => true, () => false);

  // ---- events ----

  const listeners = new Map<keyof ChatEvents, Set<(detail: never) => void>>();
  const emit = <E extends keyof ChatEvents>(event: E, detail: ChatEvents[E]) => {
    for (const fn of [...(listeners.get(event) ?? [])]) {
      try {
        (fn as (d: ChatEvents[E]) => void)(detail);
      } catch (e) {
        // A throwing listener never breaks the store or the other listeners.
        logger.error(`${event} listener threw`, e);
      }
    }
  };
  const emitError = ({ code, message }: ChatError) => emit('error', { code, message });

  /**
   * What a failed call of chat `l` means: nothing once `l` is over; the end of the chat on 401/403 (or a 404 about
   * our own resources, `own`); otherwise the failure, for the caller (logged first when `what` names the call).
   */
  const failed = (l: Live, e: unknown, own?: boolean, what?: string): FailureInfo | undefined => {
    if (l !== live) return undefined;
    const info = failureInfo(e);
    // (The notice of the end says why; no log line needed.)
    if (isSessionGone(info, own)) finishEnded('system', expired(info.message, info.status));
    else {
      if (what) logger.warn(what, info.message);
      return info;
    }
  };

  // ---- members ----

  /** The three states sort alphabetically in the order they happen, and only move forward: a member who left never
   * comes back under the same id (webchat-v2.md §7). So frames, lookups and listings commute: whichever arrives
   * last, the most advanced state wins and a repeated state is a no-op. */
  const later = (a: MemberState | undefined, b: MemberState | undefined) => (!a || (b && b > a) ? b : a);

  const agentConnected = () => [...members.value.values()].some((m) => m.role === 'AGENT' && m.state === 'CONNECTED');

  /**
   * Full records (list or lookup answers, or a known member with a new state) merged over what is known; then acts on
   * what changed: phase, who-ended-it bookkeeping, the `members` event.
   */
  const applyInfo = (infos: readonly WebChatMemberInfo[]) => {
    const next = new Map(members.value);
    let changed = false;
    let ownGone = false;
    for (const record of infos) {
      const { id } = record;
      if (!id) continue;
      const previous = next.get(id);
      const info = { ...previous?.info, ...record };
      // A record without a state (a lookup answer may omit it) keeps what is known (or what a frame said), or counts
      // as CONNECTED.
      const state = (info.state = later(later(previous?.state, record.state), pendingStates.get(id)) ?? 'CONNECTED');
      pendingStates.delete(id);
      const m: ChatMember = {
        id,
        role: info.role,
        state: state as MemberState,
        info,
        name: info.displayName?.trim() || [info.firstName, info.lastName].join(' ').trim() || undefined,
        avatarImageUrl: info.avatarImageUrl,
      };
      // Nothing new (a catch-up lists every member again): no signal update, no event.
      if (same(m, previous)) continue;
      if (state === 'DISCONNECTED' && previous?.state !== state) {
        if (id === ownId()) ownGone = true;
        else if (m.role === 'AGENT') lastAgentGoneAt = clock.now();
      }
      next.set(id, m);
      changed = true;
    }
    if (!changed) return;
    members.value = next;
    // Back to queued when the last agent left: a transfer waits for the next agent (webchat-v2.md §7 c).
    const name = agentConnected() ? 'active' : 'queued';
    if (live && running() && name !== phase.value.name) phase.value = { name };
    emit('members', [...next.values()]);
    if (ownGone) ownDisconnected();
  };

  /** Looks a member up once; until it answers, its messages show a neutral sender. */
  const lookup = (id: string) => {
    const l = live;
    if (!l || members.value.has(id) || lookedUp.has(id)) return;
    lookedUp.add(id);
    api.getMember(l, id, l).then(
      (info) => {
        if (l !== live) return;
        applyInfo([{ ...info, id }]);
        // A typing frame that came before the lookup answered still counts while it would be showing.
        const at = typingHeld.get(id);
        typingHeld.delete(id);
        if (at !== undefined && clock.now() - at < typingDisplayMs) showTyping(id, typingDisplayMs - (clock.now() - at));
      },
      // The next catch-up's listing will bring it; allow another lookup meanwhile.
      (e: unknown) => failed(l, e, false, `lookup ${id} failed`) && lookedUp.delete(id),
    );
  };

  const ownDisconnected = () => {
    // Only the guest's own DISCONNECTED ends the chat; an agent's alone may be a transfer (§7).
    finishEnded(agentConnected() || clock.now() - lastAgentGoneAt <= agentEndWindowMs ? 'agent' : 'system');
  };

  // ---- typing: in, agents only, each shown until ~4 s pass without a frame or a message; out, throttled ----

  /** Starts (with the timer that will end it) or ends (no timer) a member's typing indicator. */
  const setTyping = (id: string, timer?: TimerHandle) => {
    clock.clearTimeout(typingTimers.get(id));
    if (timer) typingTimers.set(id, timer);
    else if (!typingTimers.delete(id)) return;
    typing.value = [...typingTimers.keys()];
  };

  const showTyping = (id: string, ms: number) => {
    setTyping(
      id,
      clock.setTimeout(() => setTyping(id), ms),
    );
    emit('typing', { memberId: id });
  };

  /** Forgets what belongs to the chat that ran: typing indicators, media prompts. */
  const clearRunning = () => {
    // (Deleting the current entry while iterating a Map is safe.)
    typingTimers.forEach((_, id) => setTyping(id));
    typingHeld.clear();
    media.clear();
    mediaRequests.value = [];
  };

  // ---- media requests (webchat-v2.md §8): Parley only records the guest's answer ----

  /** Replaces request `id` in place (appends it when new); no `next` removes it. */
  const putMedia = (id: string, next?: ChatMediaRequest) => {
    if (next) media.set(id, next);
    else media.delete(id);
    mediaRequests.value = [...media.values()];
  };

  /** A frame's, a listing's or an answer's view of a request; `answering` and `error` stay as they were unless given. */
  const applyMedia = (r: WebChatGuestMediaRequest, answering?: boolean, error?: ChatError) => {
    const { id, state } = r;
    const pending = state === 'PENDING';
    if (!id) return;
    const previous = media.get(id);
    const view: ChatMediaRequest = {
      id,
      types: r.types,
      state,
      answering: pending && (answering ?? !!previous?.answering),
      error: error ?? previous?.error,
      communicationId: r.communicationId ?? previous?.communicationId,
      securityKey: r.securityKey ?? previous?.securityKey,
    };
    // Answered, timed out or cancelled: the prompt goes, whoever moved it.
    if (pending ? same(view, previous) : !previous) return;
    putMedia(id, pending ? view : undefined);
    emit('mediarequest', view);
  };

  /** Either signal of a media request (its frame, its `media-request` message) re-reads them: a catch-up does. */
  const refreshMedia = () => void live?.catchUp();

  const answerMedia = async (id: string, state: MediaRequestAnswer) => {
    const l = live;
    const request = media.get(id);
    if (!l || !request || request.answering) return;
    putMedia(id, { ...request, answering: true, error: undefined });
    try {
      const answer = await api.updateMediaRequest(l, id, { types: request.types, state }, l);
      if (l === live) applyMedia({ ...answer, id: answer.id ?? id }, false);
    } catch (e) {
      const info = failed(l, e);
      if (!info) return;
      const error = toChatError(info);
      // The prompt stays, with the error, until the request leaves PENDING.
      const current = media.get(id);
      if (current) applyMedia(current, false, error);
      emitError(error);
      // A 400/404 usually means it left PENDING meanwhile (the agent withdrew it): the listing will say.
      if (info.status === 400 || info.status === 404) refreshMedia();
    }
  };

  // ---- the outbox: one message at a time, in order, under the duplicate rule of webchat-v2.md §13 ----

  const settle = (d: Draft) => d.done?.();

  const failDraft = (d: Draft, error: ChatError) => {
    d.state = FAILED;
    d.view = { ...d.view, status: 'failed', error };
  };

  /** Sent (no error) or failed: either way the draft's waiters are told. A sent draft leaves the queue. */
  const finish = (d: Draft, error?: ChatError) => {
    if (d.state === SENT) return;
    if (error) {
      failDraft(d, error);
      emitError(error);
    } else {
      d.state = SENT;
      queue = queue.filter((x) => x !== d);
    }
    publish();
    settle(d);
  };

  /** Queues `d`; resolves once it is sent or failed, never rejects. */
  const enqueue = (d: Draft) => {
    const settled = new Promise<void>((resolve) => (d.done = resolve));
    // The service refuses it (400); keep what was typed, visibly, instead of sending a doomed request.
    if (d.view.body.length > MESSAGE_BODY_MAX_LENGTH) finish(d, chatError('rejected', `over ${MESSAGE_BODY_MAX_LENGTH} chars`));
    else {
      publish();
      void kick();
    }
    return settled;
  };

  /** One draft's whole journey: attempts, verification after ambiguous answers, and the final outcome. */
  const deliver = async (d: Draft, l: Live) => {
    d.state = SENDING;
    const startedAt = clock.now();
    const gone = () => d.state !== SENDING || l !== live;
    for (let attempt = 1; ; attempt++) {
      let info: FailureInfo | undefined;
      // The API takes no client id: after a 5xx or no answer the message may be stored. Look before resending;
      // a catch-up that fails counts as an attempt, without a POST.
      if (d.unverified && !(await l.catchUp())) info = failureInfo('unverified send');
      if (gone()) return;
      if (!info) {
        d.inFlight = true;
        const answer = await api.sendMessage(l, { body: d.view.body }, l).catch(failureInfo);
        d.inFlight = false;
        if (gone()) return;
        if ('id' in answer) {
          acceptPosted(d.view.id, answer);
          return finish(d);
        }
        info = failed(l, answer);
        if (info && isAmbiguous(info)) d.unverified = true;
        // The chat ended with it (401/403/404), or any other 4xx: resending cannot help. A 429 was not processed: it
        // waits and goes again.
        else if (info?.status !== 429) return finish(d, toChatError(answer));
      }
      if (attempt >= sendAttempts && clock.now() - startedAt >= sendMinWindowMs) return finish(d, toChatError(info));
      // Retry-After (a 429's, with the time to come back) is honoured; without it (or with nonsense) back off ≥ 1 s (§13).
      const after = info.retryAfterMs as number;
      if (!(await pause(after >= 0 ? after : backoff(attempt, sendBackoffBaseMs, sendBackoffCapMs), l))) return;
    }
  };

  const kick = async () => {
    if (sending) return;
    sending = true;
    try {
      for (let l, d; (l = live) && (d = queue.find((x) => x.state === QUEUED)); ) await deliver(d, l);
    } catch (e) {
      logger.error('outbox stopped', e);
    } finally {
      sending = false;
    }
  };

  /**
   * A message from the guest's own member, new to the list and newer than what was known (stream or catch-up, never
   * history): if it is the echo of a draft whose POST may have been stored, that draft is sent and its local id is
   * returned (the UI keeps its DOM node). Messages known before an attempt are never new again, so an older
   * identical text cannot be taken for this one.
   */
  const claim = (message: WebChatMessage) => {
    const candidates = queue.filter((d) => d.state !== QUEUED && (d.inFlight || d.unverified) && d.view.body === message.body);
    // The draft whose POST is under way is the likeliest owner of an echo.
    const d = candidates.find((x) => x.inFlight) ?? candidates[0];
    if (d) finish(d);
    return d?.view.id;
  };

  const failAll = (error: ChatError) => {
    for (const d of queue) if (d.state !== FAILED) failDraft(d, error);
    publish();
    queue.forEach(settle);
  };

  const clearDrafts = () => {
    const old = queue;
    queue = [];
    publish();
    old.forEach(settle);
  };

  // ---- transcript ----

  const list = createMessageList(
    (m, at) => ({
      id: m.id,
      bodyType: m.bodyType,
      // A media request's body is its id, not text.
      body: isText(m.bodyType) ? m.body : '',
      senderId: m.sender.id,
      timestamp: at,
      own: m.sender.id === ownId(),
      status: 'sent',
    }),
    () => clock.now(),
  );

  const publish = () => {
    messages.value = [...list.entries(), ...queue].map((e) => e.view);
  };

  const setCursor = (id: string | undefined) => {
    if (!id || id === cursor) return;
    cursor = id;
    persistence.save({ lastMessageId: id });
  };

  /**
   * Merges server messages. `history` (a resumed chat's first page, older pages): shown, but no `message` event and
   * no unread count; `older` places them before known messages of the same time. `claimedBy`: the POST answer of
   * that draft. Only news can be a draft's echo: history is older than any draft.
   */
  const add = (batchOf: readonly WebChatMessage[], proven: boolean, history: boolean, older?: boolean, claimedBy?: string) => {
    const own = ownId();
    const fresh = batch(() => {
      const added = list.merge(batchOf, proven, older);
      for (const e of added) {
        // Fresh entries still carry their decoded message (it goes once emitted, below).
        const message = e.message!;
        const { bodyType, sender } = message;
        const isOwn = sender.id === own;
        if (isOwn && bodyType === 'standard' && (claimedBy || !history)) {
          const localId = claimedBy ?? claim(message);
          if (localId) e.view = { ...e.view, localId };
        }
        if (!isOwn) lookup(sender.id);
        if (history) continue;
        if (!isOwn && isText(bodyType)) unreadCount.value++;
        setTyping(sender.id);
        typingHeld.delete(sender.id);
        if (bodyType === 'media-request') refreshMedia();
      }
      if (added.length) publish();
      if (streamLive && proven && !older) setCursor(list.newestProven()?.view.id);
      return added;
    });
    for (const e of fresh) {
      if (history) e.message = undefined;
      else if (streamLive && !held.size) emitMessage(e);
      else held.add(e);
    }
  };

  /** The `message` event, once per entry; the decoded copy is not needed after it. */
  const emitMessage = (e: ServerEntry) => {
    const { message } = e;
    e.message = undefined;
    if (message) emit('message', message);
  };

  const release = () => {
    for (const e of list.entries()) if (held.delete(e)) emitMessage(e);
  };

  const acceptPosted = (localId: string, message: WebChatMessage) => {
    const known = list.get(message.id);
    if (!known) return add([message], false, false, false, localId);
    // The echo came first and was matched already (or, rarely, went to an identical earlier draft).
    if (!known.view.localId) {
      known.view = { ...known.view, localId };
      publish();
    }
  };

  /** One page of history before `before` (the newest page without), oldest first, and whether more lies before it. */
  const older = async (l: Live, before?: string) => {
    const page = await api.listMessages(l, { before, sortOrder: 'descending', maxResults: MESSAGES_MAX_RESULTS }, l);
    return [[...page.entities].reverse(), !!page.next] as const;
  };

  // ---- the stream ----

  const openGap = () => {
    streamLive = false;
    gapEpoch++;
  };

  const setConnection = (s: ConnectionStatus) => {
    const previous = connection.value.state;
    connection.value = s;
    if (s.state !== 'open') openGap();
    if (previous !== s.state) emit('connection', s.state);
  };

  const onNotice = (l: Live, n: StreamNotice) => {
    if (l !== live) return;
    if (n.type !== 'frame') {
      // A new socket, or a silence: frames may have been lost.
      openGap();
      void l.catchUp();
      return;
    }
    const { type, body, conversationId: about } = n.frame;
    if (about !== l.conversationId) return;
    if (type === 'message') add([body], true, false);
    else if (type === 'typing-indicator') {
      // Only agents' typing shows, as in the official widget (§6.4); that leaves out the echo of our own.
      const id = body.sender.id;
      const known = members.value.get(id);
      if (known) {
        if (known.role === 'AGENT') showTyping(id, typingDisplayMs);
      } else if (id !== l.memberId) {
        // An agent types as soon as it joins, often before its lookup answers: hold the frame until then.
        typingHeld.set(id, clock.now());
        lookup(id);
      }
    } else if (type === 'media-request') {
      applyMedia(body);
      refreshMedia();
    } else {
      // Member-change frames carry only id and state (§6.5): a known member changes at once, another waits for its
      // lookup. For its own id a client acts on the event directly: no lookup needed to end.
      const { id, state } = body.member;
      if (members.value.has(id)) applyInfo([{ id, state } as WebChatMemberInfo]);
      else {
        pendingStates.set(id, later(pendingStates.get(id), state) as MemberState);
        lookup(id);
      }
      if (id === ownId() && state === 'DISCONNECTED') ownDisconnected();
    }
  };

  /**
   * One catch-up: messages after the cursor (or the newest page when there is none), every member page, our own
   * member, media requests. Completeness: REST covers everything up to the end of this run and the stream everything
   * since its socket opened, which was before this run started; so if no new gap opened meanwhile, every message up
   * to the newest one seen on either is known, and frames from here on extend the cursor directly.
   */
  const catchUpOnce = async (l: Live) => {
    const epoch = gapEpoch;
    const messagesPart = async () => {
      if (!cursor) {
        const [entities, more] = await older(l);
        if (l !== live) return;
        add(entities, true, l.resumed);
        l.resumed = false;
        if (!earliestId && entities[0]) {
          earliestId = entities[0].id;
          hasEarlier.value = more;
        }
        return setCursor(entities.at(-1)?.id);
      }
      try {
        const seen = new Set<string>();
        let page = await api.listMessages(l, { after: cursor, sortOrder: 'ascending', maxResults: MESSAGES_MAX_RESULTS }, l);
        for (;;) {
          if (l !== live) return;
          const { entities, next } = page;
          add(entities, true, false);
          setCursor(entities.at(-1)?.id);
          // An empty page or a repeated link would loop forever on a misbehaving server: both end the walk.
          if (!next || !entities.length || seen.has(next)) return;
          seen.add(next);
          page = await api.listMessagesAt(l, next, l);
        }
      } catch (e) {
        // A cursor the service refuses (400) cannot recover by repeating it: start again from the newest page.
        if (failureInfo(e).status === 400) cursor = undefined;
        throw e;
      }
    };
    const all: WebChatMemberInfo[] = [];
    const [, , me, { entities: requests }] = await Promise.all([
      messagesPart(),
      (async () => {
        for (let pageNumber = 1; ; pageNumber++) {
          const page = await api.listMembers(l, { pageSize: MEMBERS_MAX_PAGE_SIZE, pageNumber }, l);
          all.push(...page.entities);
          if (pageNumber >= page.pageCount || !page.entities.length) return;
        }
      })(),
      api.getMember(l, l.memberId, l),
      api.listMediaRequests(l, l),
    ]);
    if (l !== live) return;
    applyInfo([...all, { ...me, id: l.memberId }]);
    for (const r of requests) applyMedia(r);
    // A request the service no longer lists cannot be answered any more.
    for (const id of media.keys()) if (!requests.some((x) => x.id === id)) putMedia(id);
    const learned = l.stream?.heartbeatIntervalMs();
    if (learned) persistence.save({ heartbeatIntervalMs: learned });
    if (epoch === gapEpoch && connection.value.state === 'open') {
      streamLive = true;
      setCursor(list.newestProven()?.view.id);
      release();
    }
  };

  // ---- life of a chat ----

  /** Runs `chat`: kept for a reload, its stream opened (with the heartbeat interval it learned, when it resumes). */
  const begin = (chat: StoredChat, resumed: boolean) => {
    const { conversationId: c, memberId: m, eventStreamUri, heartbeatIntervalMs } = chat;
    const abort = new AbortController();
    let failures = 0;
    let retry: TimerHandle | undefined;
    const l: Live = {
      ...chat,
      signal: abort.signal,
      resumed,
      cleanups: [() => abort.abort(), () => clock.clearTimeout(retry)],
      catchUp: singleFlight(async () => {
        clock.clearTimeout(retry);
        if (l !== live) return false;
        try {
          await catchUpOnce(l);
          failures = 0;
          return true;
        } catch (e) {
          // Frames keep arriving meanwhile; the retry only closes the gap the failed run left. Every catch-up call
          // names our own conversation: 401/403/404 there means the chat is over.
          if (failed(l, e, true, 'catch-up failed')) {
            retry = clock.setTimeout(() => void l.catchUp(), backoff(++failures, catchUpRetryBaseMs, catchUpRetryCapMs));
          }
          return false;
        }
      }),
    };
    live = l;
    conversationId.value = c;
    memberId.value = m;
    phase.value = { name: 'queued' };
    persistence.save(chat);
    let stream: EventStream;
    try {
      stream = l.stream = deps.openStream(eventStreamUri, heartbeatIntervalMs);
    } catch (e) {
      // The notice (and its `error` event) carries why.
      return finishEnded('system', expired(failureInfo(e).message));
    }
    l.cleanups.push(
      stream.subscribe((n) => onNotice(l, n)),
      stream.status.subscribe((s) => l === live && setConnection(s)),
      () => stream.close(),
    );
    if (lifecycle) l.cleanups.push(lifecycle.onWake(() => stream.checkLiveness()));
    emit('started', { conversationId: c, memberId: m, ...(resumed && { resumed }) });
    setConnection(stream.status.get());
    void kick();
  };

  /** Tears the running chat down (the transcript stays on screen); returns it if one ran. */
  const teardown = () => {
    const l = live;
    live = undefined;
    l?.cleanups.forEach((fn) => fn());
    return l;
  };

  const finishEnded = (by: EndedBy, notice?: ChatError) => {
    const l = teardown();
    if (!l) return;
    if (l.endRequested) by = 'guest';
    batch(() => {
      clearRunning();
      failAll(chatError('rejected', 'chat ended'));
      setConnection(CLOSED);
    });
    release();
    ended(by, notice);
  };

  /** The chat is over: nothing is kept for a reload, and the phase and the events say so. */
  const ended = (by: EndedBy, notice?: ChatError) => {
    persistence.clear();
    phase.value = { name: 'ended', by, notice };
    emit('ended', { by });
    if (notice) emitError(notice);
  };

  const fail = (error: ChatError) => {
    failAll(error);
    phase.value = { name: 'failed', error };
    emitError(error);
  };

  /** A chat kept from an earlier page: verify it and carry on (webchat-v2.md §7.1 "page reload"). */
  const resume = async (stored: StoredChat) => {
    const me = await api.getMember(stored, stored.memberId, instanceReq).catch(failureInfo);
    if (disposed) return;
    // A stored chat that cannot continue (gone, or its guest disconnected): forget it and say so (the UI offers a new
    // chat). No clear answer: keep what is stored, so a later start() or reload can try again. (A failure has no role.)
    if (!('role' in me)) return isSessionGone(me, true) ? ended('system', expired(me.message, me.status)) : fail(toChatError(me));
    if (me.state === 'DISCONNECTED') return ended('system', expired('chat ended'));
    begin(stored, true);
  };

  const startNew = async (guest: GuestInfo = {}) => {
    let token;
    try {
      const t = deps.memberAuthToken;
      token = typeof t === 'function' ? await t() : t;
    } catch (e) {
      if (!disposed) fail(chatError('auth-failed', `memberAuthToken: ${failureInfo(e).message}`));
      return;
    }
    // (A create after dispose() meets the aborted signal and goes nowhere.)
    const memberInfo: CreateWebChatConversationRequest['memberInfo'] = { displayName: '' };
    // The pre-chat fields also go into customFields, as the official widget sends them (Architect flows read them).
    const customFields: Record<string, string> = { ...deps.pageContext?.(), ...deps.customFields, ...guest.customFields };
    for (const k of PRECHAT) {
      const v = guest[k]?.trim();
      if (v) memberInfo[k] = customFields[k] = v;
    }
    memberInfo.displayName =
      guest.displayName?.trim() || [memberInfo.firstName, memberInfo.lastName].join(' ').trim() || deps.defaultDisplayName || 'Guest';
    if (Object.keys(customFields).length) memberInfo.customFields = customFields;
    let created;
    try {
      // Absent options stay undefined, which the JSON body leaves out.
      created = await api.createConversation(
        {
          organizationId,
          deploymentId,
          routingTarget: { targetType: 'QUEUE', targetAddress: deps.queue, skills: skills?.length ? (skills as string[]) : undefined, language, priority },
          memberInfo,
          memberAuthToken: token || undefined,
        },
        instanceReq,
      );
    } catch (e) {
      if (!disposed) fail(toChatError(e));
      return;
    }
    if (!disposed) begin({ conversationId: created.id, memberId: created.member.id, jwt: created.jwt, eventStreamUri: created.eventStreamUri }, false);
  };

  /** A stored chat is resumed rather than a second conversation created. */
  const launch = (stored: StoredChat | undefined, guest?: GuestInfo) => {
    phase.value = { name: 'starting' };
    return (startPromise = stored ? resume(stored) : startNew(guest));
  };

  const stored = persistence.load();
  if (stored) void launch(stored);

  return {
    phase,
    connection,
    messages,
    members,
    typing,
    mediaRequests,
    unreadCount,
    hasEarlier,
    loadingEarlier,
    memberId,
    conversationId,

    start(guest) {
      if (disposed || running()) return resolved;
      if (phase.value.name === 'starting') return startPromise;
      batch(() => {
        list.clear();
        clearDrafts();
        members.value = new Map();
        unreadCount.value = 0;
        hasEarlier.value = false;
        memberId.value = conversationId.value = undefined;
      });
      pendingStates.clear();
      lookedUp.clear();
      // (`held`, `streamLive`, typing and media requests were emptied when the chat ended; a `loadEarlier()` still
      // under way resets `loadingEarlier` itself once its request dies with the old chat.)
      cursor = earliestId = undefined;
      lastAgentGoneAt = -Infinity;
      // A stored chat whose resume failed for want of an answer is tried again rather than abandoned.
      return launch(persistence.load(), guest);
    },

    send(body) {
      const name = phase.value.name;
      if (name !== 'starting' && !running()) return Promise.reject(new Error(`cannot send: chat is ${name}`));
      if (!body.trim()) return resolved;
      const id = `local:${++nextLocal}`;
      const d: Draft = {
        view: { id, localId: id, bodyType: 'standard', body, senderId: ownId() ?? '', timestamp: clock.now(), own: true, status: 'sending' },
        state: QUEUED,
      };
      queue.push(d);
      return enqueue(d);
    },

    retry(localId) {
      const d = queue.find((x) => x.view.id === localId);
      if (!live || d?.state !== FAILED) return resolved;
      d.state = QUEUED;
      d.view = { ...d.view, status: 'sending', error: undefined };
      // Keep it in typing order relative to what is still waiting, but behind what is already on its way.
      queue = [...queue.filter((x) => x !== d), d];
      return enqueue(d);
    },

    startTyping() {
      const l = live;
      const now = clock.now();
      if (!l || !running() || typingInFlight || now - typingSentAt < typingThrottleMs) return;
      typingSentAt = now;
      typingInFlight = true;
      api
        .sendTyping(l, l)
        // A lost typing indicator does not matter; a dead session does.
        .catch((e: unknown) => failed(l, e, false, 'typing failed'))
        .finally(() => (typingInFlight = false));
    },

    acceptMediaRequest: (id) => answerMedia(id, 'ACCEPTED'),
    declineMediaRequest: (id) => answerMedia(id, 'DECLINED'),

    async loadEarlier() {
      const l = live;
      if (!l || loadingEarlier.value || !hasEarlier.value) return;
      loadingEarlier.value = true;
      try {
        const [entities, more] = await older(l, earliestId);
        if (l !== live) return;
        add(entities, true, true, true);
        earliestId = entities[0]?.id ?? earliestId;
        hasEarlier.value = more;
      } catch (e) {
        if (failed(l, e, true)) emitError(toChatError(e));
      } finally {
        loadingEarlier.value = false;
      }
    },

    markRead() {
      unreadCount.value = 0;
    },

    end() {
      const run = async () => {
        await startPromise;
        const l = live;
        if (!l) return;
        l.endRequested = true;
        for (let attempt = 1; ; attempt++) {
          const info = await api.leave(l, l).then(() => undefined, failureInfo);
          if (l !== live) return;
          // 400: the member or conversation is over already; 401/403/404: the chat is gone. Either way, ended.
          if (!info || info.status === 400 || isSessionGone(info, true)) break;
          if (attempt >= endAttempts) {
            // The guest asked to leave: honour it here even if the service could not be told (and say so).
            emitError(toChatError(info));
            break;
          }
          if (!(await pause(backoff(attempt, 1000, 4000), l))) return;
        }
        finishEnded('guest');
      };
      return (endPromise ??= run().finally(() => (endPromise = undefined)));
    },

    on(event, fn) {
      let set = listeners.get(event);
      if (!set) listeners.set(event, (set = new Set()));
      set.add(fn);
      return () => void set.delete(fn);
    },

    dispose() {
      if (disposed) return;
      disposed = true;
      instanceAbort.abort();
      teardown();
      clearRunning();
      clearDrafts();
      listeners.clear();
    },
  };
}
