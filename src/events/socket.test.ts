// The reconnecting socket alone, on a fake clock: every timer (backoff, connect timeout) is the clock's, so time
// moves only when a test advances it. The event stream's tests cover it again from above.

import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../lib/fake-clock';
import { fakeWebSocketClass } from './fake-websocket.test.helper';
import { createReconnectingSocket } from './socket';
import type { ConnectionStatus } from './types';

const URL = 'wss://streaming.example.test/chat/jwt/abc.def.ghi';

/** `random: () => 1` makes every backoff the full ceiling: 1000, 2000, 4000 … 30000 ms. */
function setup(random = () => 1) {
  const { FakeWebSocket, instances } = fakeWebSocketClass();
  const clock = createFakeClock();
  const calls: string[] = [];
  const socket = createReconnectingSocket({
    url: URL,
    WebSocket: FakeWebSocket,
    clock,
    random,
    onOpen: () => calls.push('open'),
    onMessage: (data) => calls.push(`message ${String(data)}`),
    onDown: () => calls.push('down'),
  });
  const statuses: ConnectionStatus[] = [];
  socket.status.subscribe((s) => statuses.push(s));
  const latest = () => {
    const ws = instances.at(-1);
    if (!ws) throw new Error('no socket yet');
    return ws;
  };
  return { socket, instances, clock, calls, statuses, latest };
}

describe('connecting', () => {
  it('connects at once and says connecting, then open', () => {
    const s = setup();
    expect(s.instances).toHaveLength(1);
    expect(s.latest().url).toBe(URL);
    expect(s.socket.status.get()).toEqual({ state: 'connecting' });
    s.latest().accept();
    expect(s.socket.status.get()).toEqual({ state: 'open' });
    expect(s.calls).toEqual(['open']);
  });

  it('abandons a connection attempt that has not opened after 10 s and retries after the backoff', async () => {
    const s = setup();
    await s.clock.advance(9_999);
    expect(s.latest().closedWith).toBeUndefined();
    expect(s.calls).toEqual([]);
    await s.clock.advance(1);
    expect(s.instances[0]?.closedWith?.code).toBe(1000);
    expect(s.socket.status.get()).toEqual({ state: 'reconnecting', attempt: 1, delayMs: 1000 });
    expect(s.calls).toEqual(['down']);
    await s.clock.advance(999);
    expect(s.instances).toHaveLength(1);
    await s.clock.advance(1);
    expect(s.instances).toHaveLength(2);
    // The abandoned socket's own close event (it comes late) changes nothing.
    expect(s.calls).toEqual(['down']);
  });

  it('does not time out a socket that opened', async () => {
    const s = setup();
    await s.clock.advance(5_000);
    s.latest().accept();
    await s.clock.advance(60_000);
    expect(s.instances).toHaveLength(1);
    expect(s.latest().closedWith).toBeUndefined();
    expect(s.socket.status.get()).toEqual({ state: 'open' });
  });
});

describe('backoff', () => {
  it('grows while connections keep failing, and reports one way down per socket', async () => {
    const s = setup();
    s.latest().accept();
    const delays: number[] = [];
    for (let i = 0; i < 7; i++) {
      // A browser reports a failure as 'error', then 'close': one way down.
      s.latest().drop();
      const status = s.socket.status.get();
      if (status.state !== 'reconnecting') throw new Error('expected reconnecting');
      expect(status.attempt).toBe(i + 1);
      delays.push(status.delayMs);
      await s.clock.advance(status.delayMs);
    }
    expect(delays).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000]);
    expect(s.calls.filter((c) => c === 'down')).toHaveLength(7);
    expect(s.instances).toHaveLength(8);
  });

  it('is jittered: between half and all of the ceiling', () => {
    const s = setup(() => 0);
    s.latest().accept();
    s.latest().drop();
    expect(s.socket.status.get()).toEqual({ state: 'reconnecting', attempt: 1, delayMs: 500 });
  });

  it('starts afresh after a socket that stayed open 5 s, not after one that closed sooner', async () => {
    const s = setup();
    s.latest().accept();
    s.latest().drop();
    await s.clock.advance(1000);
    s.latest().accept();
    await s.clock.advance(4_999);
    s.latest().serverClose(1001);
    expect(s.socket.status.get()).toEqual({ state: 'reconnecting', attempt: 2, delayMs: 2000 });
    await s.clock.advance(2000);
    s.latest().accept();
    await s.clock.advance(5_000);
    s.latest().serverClose(1001);
    expect(s.socket.status.get()).toEqual({ state: 'reconnecting', attempt: 1, delayMs: 1000 });
  });

  it('counts a connect timeout as a failed attempt', async () => {
    const s = setup();
    s.latest().accept();
    s.latest().drop();
    await s.clock.advance(1000);
    await s.clock.advance(10_000);
    expect(s.socket.status.get()).toEqual({ state: 'reconnecting', attempt: 2, delayMs: 2000 });
  });
});

describe('reconnect()', () => {
  it('replaces an open socket at once: attempt 1, no wait', async () => {
    const s = setup();
    s.latest().accept();
    // A failure first, so that the attempt counter is not 1 by chance.
    s.latest().drop();
    await s.clock.advance(1000);
    s.latest().accept();
    s.socket.reconnect();
    expect(s.instances[1]?.closedWith?.code).toBe(1000);
    expect(s.socket.status.get()).toEqual({ state: 'reconnecting', attempt: 1, delayMs: 0 });
    expect(s.calls).toEqual(['open', 'down', 'open', 'down']);
    await s.clock.advance(0);
    expect(s.instances).toHaveLength(3);
    s.latest().accept();
    expect(s.socket.status.get()).toEqual({ state: 'open' });
    // The replaced socket's close event came and went without a second way down.
    expect(s.calls).toEqual(['open', 'down', 'open', 'down', 'open']);
  });

  it('cuts a backoff wait short, keeping the attempt count', async () => {
    const s = setup();
    s.latest().accept();
    s.latest().drop();
    await s.clock.advance(1000);
    s.latest().drop();
    expect(s.socket.status.get()).toEqual({ state: 'reconnecting', attempt: 2, delayMs: 2000 });
    s.socket.reconnect();
    expect(s.socket.status.get()).toEqual({ state: 'reconnecting', attempt: 2, delayMs: 0 });
    expect(s.instances).toHaveLength(3);
    // The cut wait is gone: no second socket when it would have ended.
    await s.clock.advance(2000);
    expect(s.instances).toHaveLength(3);
    expect(s.calls).toEqual(['open', 'down', 'down']);
  });

  it('does nothing while a connection attempt is under way', async () => {
    const s = setup();
    s.socket.reconnect();
    expect(s.instances).toHaveLength(1);
    expect(s.latest().closedWith).toBeUndefined();
    expect(s.statuses).toEqual([]);
    // Nor during a later attempt, and the attempt keeps its own 10 s timeout.
    s.latest().accept();
    s.latest().drop();
    await s.clock.advance(1000);
    await s.clock.advance(5_000);
    s.socket.reconnect();
    expect(s.instances).toHaveLength(2);
    await s.clock.advance(5_000);
    expect(s.socket.status.get()).toEqual({ state: 'reconnecting', attempt: 2, delayMs: 2000 });
    expect(s.calls).toEqual(['open', 'down', 'down']);
  });

  it('does nothing in the zero wait after a forced reconnect', async () => {
    const s = setup();
    s.latest().accept();
    s.socket.reconnect();
    const statuses = s.statuses.length;
    s.socket.reconnect();
    expect(s.statuses).toHaveLength(statuses);
    await s.clock.advance(0);
    expect(s.instances).toHaveLength(2);
  });
});

describe('close()', () => {
  it('closes an open socket with 1000 and says closed, with no further callbacks', async () => {
    const s = setup();
    s.latest().accept();
    s.socket.close();
    expect(s.latest().closedWith?.code).toBe(1000);
    expect(s.socket.status.get()).toEqual({ state: 'closed' });
    s.latest().deliver('late');
    s.latest().drop();
    await s.clock.advance(60_000);
    expect(s.calls).toEqual(['open']);
    expect(s.instances).toHaveLength(1);
    expect(s.clock.pendingTimers()).toBe(0);
  });

  it('during a backoff wait: no new socket, no callbacks, no timers', async () => {
    const s = setup();
    s.latest().accept();
    s.latest().drop();
    s.socket.close();
    expect(s.clock.pendingTimers()).toBe(0);
    s.socket.reconnect();
    await s.clock.advance(60_000);
    expect(s.instances).toHaveLength(1);
    expect(s.calls).toEqual(['open', 'down']);
    expect(s.socket.status.get()).toEqual({ state: 'closed' });
  });

  it('during a connection attempt: the socket is closed, its late open is ignored, no new socket', async () => {
    const s = setup();
    s.socket.close();
    expect(s.latest().closedWith?.code).toBe(1000);
    expect(s.clock.pendingTimers()).toBe(0);
    s.latest().accept();
    s.latest().deliver('late');
    await s.clock.advance(60_000);
    expect(s.instances).toHaveLength(1);
    expect(s.calls).toEqual([]);
    expect(s.statuses).toEqual([{ state: 'closed' }]);
  });

  it('from a listener of the way down: no reconnect and no onDown follow', async () => {
    const s = setup();
    s.socket.status.subscribe((st) => st.state === 'reconnecting' && s.socket.close());
    s.latest().accept();
    s.calls.length = 0;
    s.latest().drop();
    await s.clock.advance(60_000);
    expect(s.instances).toHaveLength(1);
    expect(s.calls).not.toContain('down');
    expect(s.socket.status.get()).toEqual({ state: 'closed' });
  });

  it('is final: a second close() and later calls change nothing', async () => {
    const s = setup();
    s.socket.close();
    s.socket.close();
    s.socket.reconnect();
    s.socket.send('x');
    await s.clock.advance(60_000);
    expect(s.statuses).toEqual([{ state: 'closed' }]);
    expect(s.instances).toHaveLength(1);
  });
});

describe('sockets left behind', () => {
  it('ignore every late event, yet keep an error listener', async () => {
    const s = setup();
    s.latest().accept();
    const old = s.latest();
    old.drop();
    await s.clock.advance(1000);
    s.latest().accept();
    old.accept();
    old.deliver('late');
    old.drop();
    old.serverClose();
    expect(s.calls).toEqual(['open', 'down', 'open']);
    expect(s.socket.status.get()).toEqual({ state: 'open' });
    expect(old.listenerCount('error')).toBeGreaterThan(0);
  });
});

describe('send() and messages', () => {
  it('sends only on an open socket and keeps nothing for later', async () => {
    const s = setup();
    s.socket.send('while connecting');
    s.latest().accept();
    s.socket.send('while open');
    s.latest().drop();
    s.socket.send('while waiting');
    await s.clock.advance(1000);
    s.socket.send('while reconnecting');
    s.latest().accept();
    s.socket.close();
    s.socket.send('after close');
    expect(s.instances.map((ws) => ws.sent)).toEqual([['while open'], []]);
  });

  it('delivers messages of the open socket only', () => {
    const s = setup();
    s.latest().deliver('before open');
    s.latest().accept();
    s.latest().deliver('hello');
    expect(s.calls).toEqual(['open', 'message hello']);
  });
});

describe('a WebSocket constructor that throws', () => {
  const throwingAfter = (okCount: number) => {
    const { FakeWebSocket, instances } = fakeWebSocketClass();
    let made = 0;
    const Flaky = class extends FakeWebSocket {
      constructor(url: string) {
        if (++made > okCount) throw new DOMException('blocked', 'SecurityError');
        super(url);
      }
    };
    return { Flaky, instances, made: () => made };
  };
  const options = (WebSocket: ReturnType<typeof throwingAfter>['Flaky'], clock = createFakeClock(), calls: string[] = []) => ({
    url: URL,
    WebSocket,
    clock,
    random: () => 1,
    onOpen: () => calls.push('open'),
    onMessage: () => {},
    onDown: () => calls.push('down'),
  });

  it('throws to the caller on the first connection', () => {
    const { Flaky } = throwingAfter(0);
    expect(() => createReconnectingSocket(options(Flaky))).toThrow('blocked');
  });

  it('counts a throw on a reconnect as a failed attempt and retries after the backoff', async () => {
    const { Flaky, instances, made } = throwingAfter(1);
    const clock = createFakeClock();
    const calls: string[] = [];
    const socket = createReconnectingSocket(options(Flaky, clock, calls));
    instances[0]!.accept();
    instances[0]!.drop();
    await clock.advance(1_000);
    expect(made()).toBe(2);
    expect(socket.status.get()).toEqual({ state: 'reconnecting', attempt: 2, delayMs: 2_000 });
    expect(calls).toEqual(['open', 'down', 'down']);
    await clock.advance(2_000);
    expect(made()).toBe(3);
    socket.close();
  });
});
