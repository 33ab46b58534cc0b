import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { systemClock } from '../lib/clock';
import type { Logger } from '../lib/log';
import { createEventStream, type EventStreamOptions } from './event-stream';
import { fakeWebSocketClass } from './fake-websocket.test.helper';
import type { ConnectionStatus, EventStream, StreamNotice } from './types';

// Every timer here runs on Vitest's fake timers (the stream gets systemClock), so time moves only when a test
// advances it. Timing of the socket itself is tested in socket.test.ts with a fake clock.

const C = '1c1a063b-45bf-4719-9127-7bca923118c1';
const heartbeat = { topicName: 'channel.metadata', eventBody: { message: 'WebSocket Heartbeat' } };
const pong = { topicName: 'channel.metadata', eventBody: { message: 'pong' } };
const messageFrame = (id: string) => ({
  topicName: `v2.conversations.chats.${C}.messages`,
  version: '2',
  eventBody: { id, conversation: { id: C }, sender: { id: 'agent-1' }, body: `text ${id}`, bodyType: 'standard', timestamp: '2026-01-01T00:00:00.000Z' },
  metadata: { CorrelationId: 'corr', type: 'message' },
});
const typingFrame = { topicName: `v2.conversations.chats.${C}.messages`, version: '2', eventBody: { id: 't1', conversation: { id: C }, sender: { id: 'agent-1' }, timestamp: '2026-01-01T00:00:00.000Z' }, metadata: { CorrelationId: 'c', type: 'typing-indicator' } };
const memberFrame = { topicName: `v2.conversations.chats.${C}.members`, version: '2', eventBody: { conversation: { id: C }, member: { id: 'agent-1', state: 'CONNECTED' }, timestamp: '2026-01-01T00:00:00.000Z' }, metadata: { CorrelationId: 'c', type: 'member-change' } };
const mediaFrame = { topicName: `v2.conversations.chats.${C}.mediarequests`, version: '2', eventBody: { id: 'mr1', conversation: { id: C }, types: ['COBROWSE'], state: 'PENDING', timestamp: '2026-01-01T00:00:00.000Z' }, metadata: { CorrelationId: 'c', type: 'media-request' } };
const socketClosing = { topicName: 'v2.system.socket_closing', eventBody: { message: 'maintenance' } };
const URL = 'wss://streaming.example.test/chat/jwt/abc.def.ghi';
/** A forced reconnect connects after a zero-delay timer, which Node (and so the fake timers) runs 1 ms later. */
const HOP = 1;

function setup(options: Partial<EventStreamOptions> = {}) {
  const { FakeWebSocket, instances } = fakeWebSocketClass();
  const logs: string[] = [];
  const logger: Logger = { warn: (m) => logs.push(`warn: ${m}`), error: (m) => logs.push(`error: ${m}`) };
  const stream = createEventStream({ url: URL, WebSocket: FakeWebSocket, clock: systemClock, logger, random: () => 0, ...options });
  const notices: StreamNotice[] = [];
  const statuses: ConnectionStatus[] = [];
  stream.subscribe((n) => notices.push(n));
  stream.status.subscribe((s) => statuses.push(s));
  const latest = () => {
    const ws = instances[instances.length - 1];
    if (!ws) throw new Error('no socket yet');
    return ws;
  };
  const tick = (ms: number) => vi.advanceTimersByTimeAsync(ms);
  /** Lets pending work settle, then the server accepts the first socket. */
  const connect = async () => {
    await tick(0);
    latest().accept();
  };
  const types = () => notices.map((n) => n.type);
  return { stream, instances, logs, notices, statuses, latest, tick, connect, types };
}

beforeEach(() => {
  vi.useFakeTimers({ now: Date.UTC(2026, 0, 1) });
});
afterEach(() => {
  vi.useRealTimers();
});

let current: EventStream | undefined;
afterEach(() => current?.close());

describe('connection status', () => {
  it('goes connecting → open and announces the first open as not a reconnect', async () => {
    const s = setup();
    current = s.stream;
    expect(s.stream.status.get()).toEqual({ state: 'connecting' });
    await s.connect();
    expect(s.latest().url).toBe(URL);
    expect(s.stream.status.get()).toEqual({ state: 'open' });
    expect(s.notices).toEqual([{ type: 'open', reconnected: false }]);
  });

  it('reconnects after a drop with a jittered delay of at most 1 s, then announces a reconnect', async () => {
    const s = setup({ random: () => 0.5 });
    current = s.stream;
    await s.connect();
    s.latest().drop();
    expect(s.stream.status.get()).toEqual({ state: 'reconnecting', attempt: 1, delayMs: 750 });
    await s.tick(749);
    expect(s.instances).toHaveLength(1);
    await s.tick(1);
    expect(s.instances).toHaveLength(2);
    expect(s.latest().url).toBe(URL);
    s.latest().accept();
    expect(s.stream.status.get()).toEqual({ state: 'open' });
    expect(s.notices).toEqual([
      { type: 'open', reconnected: false },
      { type: 'open', reconnected: true },
    ]);
  });

  it('backs off exponentially up to a 30 s cap and keeps trying, saying which attempt waits how long', async () => {
    const s = setup({ random: () => 1 });
    current = s.stream;
    await s.connect();
    s.latest().drop();
    const seen: ConnectionStatus[] = [s.stream.status.get()];
    for (let i = 0; i < 8; i++) {
      const status = s.stream.status.get();
      if (status.state !== 'reconnecting') throw new Error('expected reconnecting');
      await s.tick(status.delayMs);
      s.latest().drop();
      seen.push(s.stream.status.get());
    }
    expect(seen).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000, 30000].map((delayMs, i) => ({ state: 'reconnecting', attempt: i + 1, delayMs })));
    expect(s.instances).toHaveLength(9);
  });

  it('spreads reconnect delays with jitter (between half and all of the ceiling)', async () => {
    for (const [random, delay] of [
      [0, 500],
      [0.999, 1000],
    ] as const) {
      const s = setup({ random: () => random });
      await s.connect();
      s.latest().drop();
      expect(s.stream.status.get()).toMatchObject({ delayMs: Math.round(delay) });
      s.stream.close();
    }
  });

  it('starts the backoff afresh after a socket that stayed up, but not after one that closed at once', async () => {
    const s = setup({ random: () => 1 });
    current = s.stream;
    await s.connect();
    s.latest().drop();
    await s.tick(1000);
    s.latest().accept();
    s.latest().serverClose(1000);
    expect(s.stream.status.get()).toEqual({ state: 'reconnecting', attempt: 2, delayMs: 2000 });
    await s.tick(2000);
    s.latest().accept();
    await s.tick(5000);
    s.latest().drop();
    expect(s.stream.status.get()).toEqual({ state: 'reconnecting', attempt: 1, delayMs: 1000 });
  });

  it('retries a connection attempt that never opens', async () => {
    const s = setup({ random: () => 1 });
    current = s.stream;
    await s.tick(0);
    expect(s.instances).toHaveLength(1);
    await s.tick(10_000);
    expect(s.instances[0]?.closedWith).toBeDefined();
    expect(s.stream.status.get()).toEqual({ state: 'reconnecting', attempt: 1, delayMs: 1000 });
    await s.tick(1000);
    expect(s.instances).toHaveLength(2);
  });

  it('queues nothing: a ping while down is dropped, not sent on reopen', async () => {
    const s = setup();
    current = s.stream;
    await s.connect();
    s.latest().drop();
    s.stream.checkLiveness();
    await s.tick(0);
    s.latest().accept();
    expect(s.instances.flatMap((ws) => ws.sent)).toEqual([]);
  });
});

describe('frames', () => {
  it('hands conversation events on as decoded frames', async () => {
    const s = setup();
    current = s.stream;
    await s.connect();
    for (const f of [messageFrame('m1'), typingFrame, memberFrame, mediaFrame]) s.latest().deliver(f);
    const frames = s.notices.flatMap((n) => (n.type === 'frame' ? [n.frame] : []));
    expect(frames.map((f) => f.type)).toEqual(['message', 'typing-indicator', 'member-change', 'media-request']);
    expect(frames[0]).toEqual({ type: 'message', conversationId: C, correlationId: 'corr', body: messageFrame('m1').eventBody });
  });

  it('consumes heartbeats and pongs and ignores frames of unknown topics or types', async () => {
    const s = setup();
    current = s.stream;
    await s.connect();
    s.latest().deliver(heartbeat);
    s.latest().deliver(pong);
    s.latest().deliver({ topicName: 'v2.users.x.presence', eventBody: {} });
    s.latest().deliver({ ...memberFrame, metadata: { type: 'member-shuffle' } });
    s.latest().deliver({ ...messageFrame('m2'), eventBody: { ...messageFrame('m2').eventBody, bodyType: 'hologram' } });
    expect(s.types()).toEqual(['open']);
    expect(s.logs).toEqual([]);
  });

  it.each([
    ['text that is not JSON', 'not json {'],
    ['a JSON array', '[1,2]'],
    ['a message without an id', JSON.stringify({ ...messageFrame('x'), eventBody: { ...messageFrame('x').eventBody, id: 7 } })],
    ['a member change without a state', JSON.stringify({ ...memberFrame, eventBody: { ...memberFrame.eventBody, member: { id: 'a' } } })],
    ['binary data', new Uint8Array([1, 2, 3])],
  ])('drops %s with one log line', async (_, data) => {
    const s = setup();
    current = s.stream;
    await s.connect();
    s.latest().deliverRaw(data);
    s.latest().deliver(messageFrame('after'));
    expect(s.types()).toEqual(['open', 'frame']);
    expect(s.logs).toHaveLength(1);
    expect(s.logs[0]).toMatch(/^warn: dropped an undecodable event-stream frame/);
  });

  it('moves to a fresh socket at once on socket_closing', async () => {
    const s = setup({ random: () => 1 });
    current = s.stream;
    await s.connect();
    s.latest().deliver(socketClosing);
    expect(s.instances[0]?.closedWith?.code).toBe(1000);
    expect(s.stream.status.get()).toEqual({ state: 'reconnecting', attempt: 1, delayMs: 0 });
    await s.tick(0);
    expect(s.instances).toHaveLength(2);
    s.latest().accept();
    expect(s.notices).toEqual([
      { type: 'open', reconnected: false },
      { type: 'open', reconnected: true },
    ]);
  });

  it('ignores frames and events from a socket it has left behind', async () => {
    const s = setup();
    current = s.stream;
    await s.connect();
    const old = s.latest();
    s.latest().deliver(socketClosing);
    // Its close event (the fake delivers it in a microtask) and the new socket both come with the next tick.
    await s.tick(0);
    expect(s.instances).toHaveLength(2);
    old.deliver(messageFrame('late'));
    old.drop();
    expect(s.types()).toEqual(['open']);
    expect(s.statuses).toEqual([{ state: 'open' }, { state: 'reconnecting', attempt: 1, delayMs: 0 }]);
    // It keeps an 'error' listener for its whole life (`ws` in Node throws an 'error' that nobody listens to).
    expect(old.listenerCount('error')).toBeGreaterThan(0);
  });

  it('keeps delivering to other listeners when one throws, and logs it', async () => {
    const s = setup();
    current = s.stream;
    s.stream.subscribe(() => {
      throw new Error('boom');
    });
    const second: StreamNotice[] = [];
    s.stream.subscribe((n) => second.push(n));
    await s.connect();
    s.latest().deliver(messageFrame('m1'));
    expect(second.map((n) => n.type)).toEqual(['open', 'frame']);
    expect(s.logs.filter((l) => l.startsWith('error:'))).toHaveLength(2);
  });

  it('stops calling a listener that unsubscribed', async () => {
    const s = setup();
    current = s.stream;
    const seen: StreamNotice[] = [];
    const off = s.stream.subscribe((n) => seen.push(n));
    await s.connect();
    off();
    s.latest().deliver(messageFrame('m1'));
    expect(seen).toEqual([{ type: 'open', reconnected: false }]);
  });
});

describe('liveness', () => {
  async function learned(s: ReturnType<typeof setup>, everyMs = 2000) {
    await s.connect();
    for (let i = 0; i < 3; i++) {
      await s.tick(everyMs);
      s.latest().deliver(heartbeat);
    }
  }

  it('learns the heartbeat interval from the gaps it observes', async () => {
    const s = setup();
    current = s.stream;
    await s.connect();
    expect(s.stream.heartbeatIntervalMs()).toBeUndefined();
    await learned(s, 2000);
    expect(s.stream.heartbeatIntervalMs()).toBe(2000);
  });

  it('emits stale (once) after 1.5 silent intervals and sends a ping probe', async () => {
    const s = setup();
    current = s.stream;
    await learned(s);
    await s.tick(2999);
    expect(s.types()).toEqual(['open']);
    await s.tick(1);
    expect(s.types()).toEqual(['open', 'stale']);
    expect(s.latest().sent).toEqual(['{"message":"ping"}']);
    await s.tick(1000);
    expect(s.types()).toEqual(['open', 'stale']);
  });

  it('counts a pong as life', async () => {
    const s = setup();
    current = s.stream;
    await learned(s);
    await s.tick(3000);
    s.latest().deliver(pong);
    await s.tick(4000);
    expect(s.instances).toHaveLength(1);
    expect(s.types()).toEqual(['open', 'stale', 'stale']);
  });

  it('reconnects a silent socket after 2.5 intervals even though it looks open, then announces a reconnect', async () => {
    const s = setup();
    current = s.stream;
    await learned(s);
    await s.tick(4999);
    expect(s.instances).toHaveLength(1);
    await s.tick(1);
    expect(s.instances[0]?.closedWith?.code).toBe(1000);
    expect(s.stream.status.get()).toEqual({ state: 'reconnecting', attempt: 1, delayMs: 0 });
    expect(s.logs).toEqual(['warn: event stream silent for 5000 ms: reconnecting']);
    await s.tick(HOP);
    expect(s.instances).toHaveLength(2);
    s.latest().accept();
    expect(s.notices.at(-1)).toEqual({ type: 'open', reconnected: true });
    expect(s.stream.heartbeatIntervalMs()).toBe(2000);
  });

  it('reconnects after 30 s of silence while the interval is still unknown', async () => {
    const s = setup();
    current = s.stream;
    await s.connect();
    s.latest().deliver(heartbeat);
    await s.tick(17_999);
    expect(s.types()).toEqual(['open']);
    await s.tick(1);
    expect(s.types()).toEqual(['open', 'stale']);
    await s.tick(11_999);
    expect(s.instances).toHaveLength(1);
    await s.tick(1 + HOP);
    expect(s.instances).toHaveLength(2);
  });

  it('checks at once when asked (tab visible again, browser online) after timers were held back', async () => {
    const s = setup();
    current = s.stream;
    await learned(s);
    // A frozen tab: the wall clock moves on, no timer runs.
    vi.setSystemTime(Date.now() + 60_000);
    expect(s.instances).toHaveLength(1);
    s.stream.checkLiveness();
    expect(s.instances[0]?.closedWith?.code).toBe(1000);
    await s.tick(0);
    expect(s.instances).toHaveLength(2);
  });

  it('only probes with a ping when asked to check a stream that is fine', async () => {
    const s = setup();
    current = s.stream;
    await learned(s);
    await s.tick(1000);
    s.stream.checkLiveness();
    expect(s.types()).toEqual(['open']);
    expect(s.latest().sent).toEqual(['{"message":"ping"}']);
    expect(s.instances).toHaveLength(1);
  });

  it('emits stale at once when asked to check after a silence of 1.5 intervals the timers missed', async () => {
    const s = setup();
    current = s.stream;
    await learned(s);
    vi.setSystemTime(Date.now() + 3500);
    s.stream.checkLiveness();
    expect(s.types()).toEqual(['open', 'stale']);
  });

  it('cuts a pending backoff short when asked to check while reconnecting', async () => {
    const s = setup({ random: () => 1 });
    current = s.stream;
    await s.connect();
    s.latest().drop();
    await s.tick(1000);
    s.latest().drop();
    expect(s.stream.status.get()).toEqual({ state: 'reconnecting', attempt: 2, delayMs: 2000 });
    s.stream.checkLiveness();
    expect(s.stream.status.get()).toEqual({ state: 'reconnecting', attempt: 2, delayMs: 0 });
    await s.tick(0);
    expect(s.instances).toHaveLength(3);
  });

  it('still backs off on the next failure after a check cut a backoff short before it began', async () => {
    const s = setup({ random: () => 1 });
    current = s.stream;
    await s.connect();
    s.latest().drop();
    s.stream.checkLiveness();
    await s.tick(0);
    expect(s.instances).toHaveLength(2);
    s.latest().drop();
    expect(s.stream.status.get()).toEqual({ state: 'reconnecting', attempt: 2, delayMs: 2000 });
    await s.tick(1999);
    expect(s.instances).toHaveLength(2);
    await s.tick(1);
    expect(s.instances).toHaveLength(3);
  });

  it('puts a message sent into a silently dead stream on screen within about 10 s at a 2 s heartbeat', async () => {
    // The emulator's `--heartbeat-ms 2000` and `stallSocketsMs`: right after a heartbeat the socket goes silent
    // (open, but delivering nothing). A message sent into that silence reaches the screen through the first
    // catch-up that starts after it was sent (a `stale` notice, or the `open` of the reconnected socket) plus one
    // REST round trip; once a fresh socket is open, the message arrives on it at once.
    const restRoundTripMs = 1000;
    const handshakeMs = 200;
    const s = setup({ random: () => 1 });
    current = s.stream;
    await learned(s, 2000);
    const silentFrom = Date.now();
    const catchUps: number[] = [];
    let liveAgainAt: number | undefined;
    s.stream.subscribe((n) => {
      if (n.type === 'stale') catchUps.push(Date.now() - silentFrom);
      if (n.type === 'open' && n.reconnected) {
        liveAgainAt = Date.now() - silentFrom;
        catchUps.push(liveAgainAt);
      }
    });
    for (let t = 0; t < 60_000 && s.instances.length < 2; t += 10) await s.tick(10);
    const fresh = s.latest();
    await s.tick(fresh.createdAt + handshakeMs - Date.now());
    fresh.accept();
    expect(catchUps).toEqual([3000, 5000 + 1 + handshakeMs]);
    const onScreenAfter = (sentAt: number): number => {
      if (liveAgainAt !== undefined && sentAt >= liveAgainAt) return 0;
      const next = catchUps.find((t) => t >= sentAt);
      if (next === undefined) throw new Error(`a message sent ${sentAt} ms into the silence is never caught up`);
      return next + restRoundTripMs - sentAt;
    };
    const worst = Math.max(...Array.from({ length: 201 }, (_, i) => onScreenAfter(i * 50)));
    expect(worst).toBeLessThanOrEqual(10_000);
    expect(worst).toBe(4000);
  });
});

describe('close()', () => {
  it('stops everything: status closed, socket closed, no notices, no reconnects, no timers', async () => {
    const s = setup();
    await s.connect();
    await s.tick(2000);
    s.latest().deliver(heartbeat);
    s.stream.close();
    expect(s.stream.status.get()).toEqual({ state: 'closed' });
    expect(s.instances[0]?.closedWith?.code).toBe(1000);
    await s.tick(0);
    s.latest().deliver(messageFrame('late'));
    await s.tick(120_000);
    expect(s.instances).toHaveLength(1);
    expect(s.types()).toEqual(['open']);
    expect(vi.getTimerCount()).toBe(0);
    expect(s.statuses.at(-1)).toEqual({ state: 'closed' });
  });

  it('stops a pending reconnect', async () => {
    const s = setup();
    await s.connect();
    s.latest().drop();
    s.stream.close();
    await s.tick(60_000);
    expect(s.instances).toHaveLength(1);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('stops a first connection that is still under way', async () => {
    const s = setup();
    s.stream.close();
    expect(s.instances[0]?.closedWith?.code).toBe(1000);
    s.instances[0]?.accept();
    await s.tick(60_000);
    expect(s.instances).toHaveLength(1);
    expect(s.types()).toEqual([]);
    expect(s.stream.status.get()).toEqual({ state: 'closed' });
    expect(vi.getTimerCount()).toBe(0);
  });

  it('makes later calls harmless', async () => {
    const s = setup();
    await s.connect();
    s.stream.close();
    s.stream.close();
    s.stream.checkLiveness();
    const off = s.stream.subscribe(() => {
      throw new Error('never called');
    });
    off();
    await s.tick(60_000);
    expect(s.instances).toHaveLength(1);
  });
});

describe('options', () => {
  it('refuses a stream URI that is not ws: or wss:', () => {
    const { FakeWebSocket } = fakeWebSocketClass();
    expect(() => createEventStream({ url: 'https://streaming.example.test/chat/jwt/x', WebSocket: FakeWebSocket })).toThrow(/ws: or wss:/);
    expect(() => createEventStream({ url: 'streaming.example.test', WebSocket: FakeWebSocket })).toThrow(/absolute URL/);
  });

  it('asks for a WebSocket class where there is no global one (Node 20)', () => {
    expect(typeof (globalThis as { WebSocket?: unknown }).WebSocket).toBe('undefined');
    expect(() => createEventStream({ url: URL })).toThrow(/WebSocket/);
  });

  it('starts from an interval learned earlier', async () => {
    const s = setup({ initialHeartbeatIntervalMs: 2000 });
    current = s.stream;
    await s.connect();
    expect(s.stream.heartbeatIntervalMs()).toBe(2000);
    await s.tick(5000);
    expect(s.instances[0]?.closedWith).toBeDefined();
  });

  it('can leave out the ping probe', async () => {
    const s = setup({ ping: false });
    current = s.stream;
    await s.connect();
    for (let i = 0; i < 2; i++) {
      await s.tick(2000);
      s.latest().deliver(heartbeat);
    }
    await s.tick(3000);
    s.stream.checkLiveness();
    expect(s.types()).toEqual(['open', 'stale']);
    expect(s.latest().sent).toEqual([]);
  });
});
