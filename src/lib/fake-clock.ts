// A manual clock for tests: timers fire only when `advance()` moves time past them, in due order.

import type { Clock, TimerHandle } from './clock';

export interface FakeClock extends Clock {
  /** Moves time forward, firing every timer that falls due (and timers those schedule) in order. */
  advance(ms: number): Promise<void>;
  /** Runs timers until none is left or `limitMs` of fake time has passed. */
  runAll(limitMs?: number): Promise<void>;
  pendingTimers(): number;
}

interface Timer {
  id: number;
  at: number;
  fn: () => void;
}

/** Lets promise callbacks queued by a fired timer run before the next timer fires. */
const flushMicrotasks = async () => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

export function createFakeClock(start = Date.UTC(2026, 0, 1)): FakeClock {
  let now = start;
  let nextId = 1;
  const timers = new Map<number, Timer>();

  const due = (until: number) =>
    [...timers.values()].filter((t) => t.at <= until).sort((a, b) => a.at - b.at || a.id - b.id)[0];

  const clock: FakeClock = {
    now: () => now,
    setTimeout(fn, ms) {
      const id = nextId++;
      timers.set(id, { id, at: now + Math.max(0, ms), fn });
      return id as unknown as TimerHandle;
    },
    clearTimeout(h) {
      if (h !== undefined) timers.delete(h as unknown as number);
    },
    async advance(ms) {
      const until = now + ms;
      await flushMicrotasks();
      for (let t = due(until); t; t = due(until)) {
        timers.delete(t.id);
        now = Math.max(now, t.at);
        t.fn();
        await flushMicrotasks();
      }
      now = until;
      await flushMicrotasks();
    },
    async runAll(limitMs = 60 * 60 * 1000) {
      const until = now + limitMs;
      await flushMicrotasks();
      for (let t = due(until); t; t = due(until)) {
        timers.delete(t.id);
        now = Math.max(now, t.at);
        t.fn();
        await flushMicrotasks();
      }
    },
    pendingTimers: () => timers.size,
  };
  return clock;
}
