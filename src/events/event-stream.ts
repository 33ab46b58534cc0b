// The guest's event stream (webchat-v2.md §6): one reconnecting socket, frames decoded into notices, and the
// heartbeat watchdog that turns silence into `stale` and a forced reconnect. Catching up over REST is the store's job.

import { systemClock, type Clock } from '../lib/clock';
import { consoleLogger, type Logger } from '../lib/log';
import { decodeFrame } from '../protocol/decode';
import { PING_FRAME } from '../protocol/frames';
import { createLiveness } from './liveness';
import { createReconnectingSocket, type WebSocketConstructor } from './socket';
import type { EventStream, StreamNotice } from './types';

export interface EventStreamOptions {
  /** The `eventStreamUri` exactly as the create call returned it. */
  url: string;
  clock?: Clock;
  /** Defaults to the global WebSocket; Node 20 has none, so pass `ws`'s there. */
  WebSocket?: WebSocketConstructor | undefined;
  logger?: Logger;
  /** 0..1 randomness for the reconnect jitter; injectable for deterministic tests. */
  random?: () => number;
  /**
   * Sends `{"message":"ping"}` when the stream goes stale and when asked to check liveness, so that a live socket
   * answers (a pong is a frame, and any frame proves life). Nothing depends on the pong. Default true.
   */
  ping?: boolean;
  /** A heartbeat interval learned earlier (e.g. before a page reload), used until this stream has measured its own. */
  initialHeartbeatIntervalMs?: number | undefined;
}

export function createEventStream({
  url,
  clock = systemClock,
  WebSocket,
  logger = consoleLogger,
  random,
  ping = true,
  initialHeartbeatIntervalMs,
}: EventStreamOptions): EventStream {
  const listeners = new Set<(notice: StreamNotice) => void>();
  let opens = 0;

  const emit = (notice: StreamNotice) => {
    for (const listener of [...listeners]) {
      try {
        listener(notice);
      } catch (e) {
        // A listener's bug must not break frame delivery to the others, nor the socket's own event handling.
        logger.error('an event-stream listener threw', e);
      }
    }
  };
  const probe = () => ping && socket.send(PING_FRAME);

  const liveness = createLiveness({
    clock,
    initialIntervalMs: initialHeartbeatIntervalMs,
    onStale() {
      probe();
      emit({ type: 'stale' });
    },
    onDead() {
      logger.warn(`event stream silent for ${Math.round(liveness.thresholds().deadMs)} ms: reconnecting`);
      socket.reconnect();
    },
  });

  const socket = createReconnectingSocket({
    url,
    WebSocket,
    clock,
    random,
    onOpen() {
      liveness.opened();
      emit({ type: 'open', reconnected: opens++ > 0 });
    },
    onMessage(data) {
      const result = decodeFrame(data);
      // Anything the server sends proves the socket alive, even a frame we cannot read.
      liveness.frame(result.ok && result.frame.type === 'heartbeat' ? 'heartbeat' : 'other');
      if (!result.ok) return logger.warn(`dropped an undecodable event-stream frame: ${result.error}`);
      const { frame } = result;
      // The service closes about a minute after this warning: move to a fresh socket now, then catch up.
      if (frame.type === 'socket-closing') socket.reconnect();
      // Heartbeats, pongs and frames of other topics end here.
      else if ('conversationId' in frame) emit({ type: 'frame', frame });
    },
    onDown: liveness.closed,
  });

  return {
    status: socket.status,
    heartbeatIntervalMs: liveness.intervalMs,
    subscribe(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    checkLiveness() {
      // Nothing to do once closed or while connecting.
      const { state } = socket.status.get();
      // Coming back online or to the foreground: do not sit out the rest of a backoff.
      if (state === 'reconnecting') socket.reconnect();
      if (state === 'open') {
        liveness.check();
        probe();
      }
    },
    close() {
      liveness.dispose();
      socket.close();
      listeners.clear();
    },
  };
}
