// The shape of the event stream as its consumers (the store, create-chat) see it.
// The store depends on these types only; create-chat hands it the real stream, tests a fake.

import type { StreamFrame } from '../protocol/frames';
import type { Subscribable } from '../lib/subscribable';

export type ConnectionStatus =
  | { state: 'connecting' }
  | { state: 'open' }
  | { state: 'reconnecting'; attempt: number; delayMs: number }
  | { state: 'closed' };

/** What the stream tells its listener. */
export type StreamNotice =
  /** A decoded conversation event (heartbeats and pongs are consumed by the stream itself). */
  | { type: 'frame'; frame: Extract<StreamFrame, { type: 'message' | 'typing-indicator' | 'member-change' | 'media-request' }> }
  /** The socket (re)opened. Frames sent while it was down are gone: the listener catches up over REST. */
  | { type: 'open'; reconnected: boolean }
  /** Silence of ~1.5 learned heartbeat intervals: frames may have been lost, catch up over REST. */
  | { type: 'stale' };

export interface EventStream {
  readonly status: Subscribable<ConnectionStatus>;
  /** The heartbeat interval learned so far, or undefined before two heartbeats were seen. */
  heartbeatIntervalMs(): number | undefined;
  subscribe(listener: (notice: StreamNotice) => void): () => void;
  /** Checks liveness at once (tab became visible, browser came online): may emit `stale` or reconnect. */
  checkLiveness(): void;
  /** Closes for good (the chat ended or was disposed). */
  close(): void;
}
