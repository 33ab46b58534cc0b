// The one wrapper around reconnecting-websocket: no send queue, our own jittered backoff on the injected clock,
// a truthful connection status, a forced reconnect for a dead-but-open socket. Frames and liveness are event-stream's.

import ReconnectingWebSocket from 'reconnecting-websocket';
import { backoffDelay } from '../lib/backoff';
import { systemClock, type Clock, type TimerHandle } from '../lib/clock';
import { createSubscribable, type Subscribable } from '../lib/subscribable';
import type { ConnectionStatus } from './types';

/** What the wrapper needs of a WebSocket class: the browser's, or `ws`'s in Node (Node 20 has no global one). */
export interface WebSocketConstructor {
  new (url: string, protocols?: string | string[]): { addEventListener(type: 'error', listener: () => void): void };
  /** reconnecting-websocket recognises a WebSocket class by `CLOSING === 2`. */
  readonly CLOSING: number;
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
  // Checked here: the WebSocket constructor would throw later, inside reconnecting-websocket, where nobody catches it.
  let valid = false;
  try {
    valid = /^wss?:$/.test(new URL(url).protocol);
  } catch {
    // Not a URL at all.
  }
  if (!valid) throw new TypeError(`Parley: the event stream URI "${url}" must be an absolute URL (ws: or wss:).`);
  if (!Base) throw new TypeError('Parley: no WebSocket class; pass one (in Node 20: the "ws" package).');
  const status = createSubscribable<ConnectionStatus>({ state: 'connecting' });

  let open = false;
  let closed = false;
  /** Consecutive failed connections since the last healthy one. */
  let attempt = 0;
  /** The backoff before the next connection: while it is not 0 and no socket is open, we are waiting it out. */
  let delayMs = 0;
  let openedAt = 0;
  let forcing = false;
  let endWait: (() => void) | undefined;
  const reconnecting = () => status.set({ state: 'reconnecting', attempt, delayMs });

  // reconnecting-websocket's own delay is switched off (its timers are real, unjittered and grow by a fixed
  // factor). It asks for the URL before every connection and waits for a promise, so the backoff lives here,
  // on the injected clock, and the status can say exactly which attempt waits how long.
  const urlProvider = () =>
    new Promise<string>((resolve) => {
      let timer: TimerHandle | undefined;
      endWait = () => {
        clock.clearTimeout(timer);
        endWait = undefined;
        delayMs = 0;
        // Resolve even when closed: reconnecting-websocket then sees its close flag and opens nothing. Rejecting
        // would leave an unhandled rejection in its promise chain.
        resolve(url);
      };
      // No wait for a first connection, a forced one, or a wait cut short before it began.
      if (delayMs && !closed) timer = clock.setTimeout(endWait, delayMs);
      else endWait();
    });

  const rws = new ReconnectingWebSocket(urlProvider, undefined, {
    /**
     * Each socket gets an 'error' listener for its whole life. reconnecting-websocket removes its own listeners before
     * closing a socket; `ws` (Node) then emits 'error' for a socket closed while still connecting, and an EventEmitter
     * with no 'error' listener throws it as an uncaught exception.
     */
    WebSocket: class extends Base {
      constructor(...args: ConstructorParameters<WebSocketConstructor>) {
        super(...args);
        this.addEventListener('error', () => {});
      }
    },
    maxEnqueuedMessages: 0,
    minReconnectionDelay: 0,
    maxReconnectionDelay: 0,
    // A connection attempt that has not opened after 10 s is abandoned and retried.
    connectionTimeout: 10_000,
  });

  rws.addEventListener('open', () => {
    if (closed) return;
    open = true;
    openedAt = clock.now();
    status.set({ state: 'open' });
    onOpen();
  });

  rws.addEventListener('message', (event) => {
    if (open) onMessage(event.data);
  });

  // Every way down (a server close, a network error, a connect timeout, our forced reconnect) reaches this listener
  // exactly once per socket: reconnecting-websocket turns errors into a synthetic close and detaches the old socket.
  rws.addEventListener('close', () => {
    if (closed) return;
    // A socket that stayed open 5 s counts as healthy: the backoff starts afresh. The first retry waits 0.5–1 s,
    // doubling up to 30 s.
    attempt = forcing || (open && clock.now() - openedAt >= 5_000) ? 1 : attempt + 1;
    delayMs = forcing ? 0 : backoffDelay(attempt, { baseMs: 1_000, capMs: 30_000, random });
    open = false;
    reconnecting();
    onDown();
  });

  return {
    status,
    // reconnecting-websocket sends only on an open socket, and queues nothing (`maxEnqueuedMessages: 0`).
    send: (data) => open && rws.send(data),
    reconnect() {
      if (closed) return;
      if (open) {
        // reconnecting-websocket closes the current socket synchronously, so our close listener sees `forcing`; the
        // reset after it keeps the flag from leaking into a later, unforced close. While connecting, the attempt
        // under way has its own timeout.
        forcing = true;
        rws.reconnect();
        forcing = false;
      } else if (delayMs) {
        // The old socket is already gone: skip the rest of the backoff.
        delayMs = 0;
        reconnecting();
        endWait?.();
      }
    },
    close() {
      if (closed) return;
      closed = true;
      open = false;
      status.set({ state: 'closed' });
      rws.close(1000);
      endWait?.();
    },
  };
}
