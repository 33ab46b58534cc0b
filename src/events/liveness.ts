// The heartbeat watchdog of one event stream: learns the interval from observed gaps (it is not published) and
// says when a silence means frames may be lost (stale) or the socket is dead; acting on that is event-stream's job.

import type { Clock, TimerHandle } from '../lib/clock';

export interface LivenessOptions {
  clock: Clock;
  /** Silence of ~1.5 intervals: once per silence. */
  onStale(): void;
  /** Silence of ~2.5 intervals (30 s while the interval is unknown). Watching stops until `opened()`. */
  onDead(): void;
  /** A previously learned interval to start from (e.g. kept across a page reload); replaced by measurements. */
  initialIntervalMs?: number | undefined;
}

export interface Liveness {
  /** A socket opened: silence counts from now; heartbeat gaps are measured within this socket only. */
  opened(): void;
  /** The socket is down: nothing to watch until the next `opened()`. */
  closed(): void;
  /** A frame arrived (any frame proves life; heartbeats also teach the interval). */
  frame(kind: 'heartbeat' | 'other'): void;
  /** Runs the check now (the tab became visible, the browser came online: throttled timers may be late). */
  check(): void;
  /** The learned interval, or undefined before two heartbeats were seen (and without an initial one). */
  intervalMs(): number | undefined;
  /** The silences that make the stream stale and dead, with what is known now. */
  thresholds(): { staleMs: number; deadMs: number };
  dispose(): void;
}

/** Until two heartbeats were seen (webchat-v2.md §6.7). */
export const FALLBACK_DEAD_MS = 30_000;
/** The same 1.5 : 2.5 proportion as with a known interval. */
export const FALLBACK_STALE_MS = (FALLBACK_DEAD_MS * 1.5) / 2.5;

export function createLiveness({ clock, onStale, onDead, initialIntervalMs }: LivenessOptions): Liveness {
  /** The last few gaps between heartbeats; the interval is their median. */
  let gaps: number[] = [];
  let lifeAt: number | undefined;
  /** The last heartbeat of the open socket; NaN before its first. */
  let heartbeatAt = NaN;
  let staleSent = false;
  let timer: TimerHandle | undefined;

  // The upper of the two middle values for an even count: when unsure, wait longer rather than reconnect needlessly.
  const intervalMs = () => (gaps.length ? [...gaps].sort((a, b) => a - b)[gaps.length >> 1] : initialIntervalMs);

  const thresholds = () => {
    const interval = intervalMs() ?? FALLBACK_DEAD_MS / 2.5;
    return { staleMs: interval * 1.5, deadMs: interval * 2.5 };
  };

  // One timer at the next deadline, moved on every frame, rather than a polling tick.
  function check(): void {
    clock.clearTimeout(timer);
    if (lifeAt === undefined) return;
    const silence = clock.now() - lifeAt;
    const { staleMs, deadMs } = thresholds();
    if (silence >= deadMs) {
      lifeAt = undefined;
      return onDead();
    }
    if (silence >= staleMs && !staleSent) {
      staleSent = true;
      onStale();
      // Again, for the next deadline: onStale may have stopped the watch.
      return check();
    }
    timer = clock.setTimeout(check, lifeAt + (staleSent ? deadMs : staleMs) - clock.now());
  }

  const closed = () => {
    lifeAt = undefined;
    clock.clearTimeout(timer);
  };

  return {
    opened() {
      lifeAt = clock.now();
      heartbeatAt = NaN;
      staleSent = false;
      check();
    },
    closed,
    frame(kind) {
      if (lifeAt === undefined) return;
      const now = clock.now();
      if (kind === 'heartbeat') {
        const gap = now - heartbeatAt;
        // Gaps under 50 ms are not intervals but a burst: frames a frozen page receives all at once when it wakes.
        if (gap >= 50) gaps = [...gaps, gap].slice(-5);
        heartbeatAt = now;
      }
      lifeAt = now;
      staleSent = false;
      check();
    },
    check,
    intervalMs,
    thresholds,
    dispose: closed,
  };
}
