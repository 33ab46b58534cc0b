// Our own reconnecting WebSocket: one socket at a time, jittered backoff on the injected clock, a truthful
// connection status, a forced reconnect for a dead-but-open socket, and no send queue. Frames and liveness are
// event-stream's. Why not a library: docs/decisions/073-own-reconnecting-socket.md.

import { backoffDelay } from '../lib/backoff';
import { systemClock, type Clock, type TimerHandle } from '../lib/clock';
import { createSubscribable, type Subscribable } from '../lib/subscribable';
import type { ConnectionStatus } from './types';

/** The part of the WHATWG WebSocket API used here: the browser's, and `ws`'s in Node (same API). */
interface Socket {
  addEventListener(type: 'open' | 'message' | 'close' | 'error', listener: (event: { type: string; data?: unknown }) => void): void;
  send(data: string): void;
  close(code?: number): void;
}

/** What the socket needs of a WebSocket class: the browser's, or `ws`'s in Node (Node 20 has no global one). */
export interface WebSocketConstructor {
  new (url: string): Socket;
}

export interface ReconnectingSocketOptions {
  /** `ws:` or `wss:`; used exactly as given (the event stream's URI carries the JWT). */
  url: string;
  WebSocket?: WebSocketConstructor | undefined;
  clock?: Clock;
  random?: (() => number) | undefined;
  onOpen(): void;
  onMessage(data: unknown): void;
  /** The socket went down (a reconnect is scheduled); not called after `close()`. */
  onDown(): void;
}

export interface ReconnectingSocket {
  readonly status: Subscribable<ConnectionStatus>;
  /** Sends at once if open; otherwise drops it (nothing is ever queued). */
  send(data: string): void;
  /**
   * A fresh socket now: closes the open one (even if it only looks open) or cuts a pending backoff short.
   * Does nothing while a connection attempt is under way.
   */
  reconnect(): void;
  /** Closes for good. */
  close(): void;
}

export function createReconnectingSocket({
  url,
  WebSocket: Base = (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket,
  clock = systemClock,
  random,
  onOpen,
  onMessage,
  onDown,
}: ReconnectingSocketOptions): ReconnectingSocket {
  // Checked up front, so that a bad URI is a clear error at creation rather than a failed connection later.
  let valid = false;
  try {
    valid = /^wss?:$/.test(new URL(url).protocol);
  } catch {
    // Not a URL at all.
  }
  if (!valid) throw new TypeError(`Parley: the event stream URI "${url}" must be an absolute URL (ws: or wss:).`);
  if (!Base) throw new TypeError('Parley: no WebSocket class; pass one (in Node 20: the "ws" package).');
  const status = createSubscribable<ConnectionStatus>({ state: 'connecting' });

  /** The socket we listen to. Any other (one left behind, or every one after `close()`) is ignored. */
  let ws: Socket | undefined;
  /** The connect timeout while connecting, or the backoff wait while down: never both. */
  let timer: TimerHandle | undefined;
  let open = false;
  let closed = false;
  /** Consecutive failed connections since the last healthy one. */
  let attempt = 0;
  /** The backoff before the next connection: while it is not 0 and no socket exists, we are waiting it out. */
  let delayMs = 0;
  let openedAt = 0;
  const reconnecting = () => status.set({ state: 'reconnecting', attempt, delayMs });

  const connect = () => {
    clock.clearTimeout(timer);
    delayMs = 0;
    let s: Socket;
    try {
      s = ws = new Base(url);
    } catch (e) {
      // The first one throws to the caller (the store ends the chat with the reason); a later one is one more
      // failed attempt, retried after its backoff, not an uncaught error in a timer.
      if (!attempt) throw e;
      return down();
    }
    // A connection attempt that has not opened after 10 s is abandoned and retried.
    timer = clock.setTimeout(() => down(), 10_000);
    // Listeners stay for the socket's whole life and act only while it is the current one. Never detaching
    // matters for 'error': `ws` (Node) emits it for a socket closed while still connecting, and an EventEmitter
    // with no 'error' listener throws it as an uncaught exception.
    const on = (type: 'open' | 'message' | 'close' | 'error', fn: (data: unknown) => void) =>
      s.addEventListener(type, (event) => s == ws && fn(event.data));
    on('open', () => {
      clock.clearTimeout(timer);
      open = true;
      openedAt = clock.now();
      status.set({ state: 'open' });
      onOpen();
    });
    on('message', (data) => open && onMessage(data));
    // Browsers send 'error' then 'close' for one failure: the first makes it a socket left behind, so each socket
    // goes down once. Handling 'error' too does not wait for a closing handshake that may never finish.
    on('close', () => down());
    on('error', () => down());
  };

  /** Every way down: a server close, an error, the connect timeout, a forced reconnect. */
  function down(forced?: boolean) {
    ws?.close(1000);
    ws = undefined;
    // A socket that stayed open 5 s counts as healthy: the backoff starts afresh. The first retry waits 0.5–1 s,
    // doubling up to 30 s.
    attempt = forced || (open && clock.now() - openedAt >= 5_000) ? 1 : attempt + 1;
    delayMs = forced ? 0 : backoffDelay(attempt, { baseMs: 1_000, capMs: 30_000, random });
    open = false;
    clock.clearTimeout(timer);
    // Scheduled before anyone hears of it, so that a `close()` from a listener cancels it.
    timer = clock.setTimeout(connect, delayMs);
    reconnecting();
    // A status listener may have closed us for good.
    if (!closed) onDown();
  }

  connect();

  return {
    status,
    // Only on an open socket (a connecting one would throw); a message meant for a dead socket is not kept.
    send: (data) => open && ws?.send(data),
    reconnect() {
      if (open) down(true);
      // While waiting out a backoff (the old socket is already gone): connect now. While connecting, or during
      // the zero wait after a forced reconnect, there is nothing to cut short.
      else if (delayMs && !closed) {
        delayMs = 0;
        reconnecting();
        connect();
      }
    },
    close() {
      if (closed) return;
      closed = true;
      open = false;
      clock.clearTimeout(timer);
      ws?.close(1000);
      ws = undefined;
      status.set({ state: 'closed' });
    },
  };
}
