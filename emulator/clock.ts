// The emulator's time source and a scope that owns every timer it starts, so close() and reset() leave nothing behind.
// It mirrors src/lib/clock.ts structurally (tests hand in createFakeClock()) without importing src/lib (lint boundary).

export interface EmulatorClock {
  /** Milliseconds since the epoch. */
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  // Method syntax on purpose: parameters of methods are checked bivariantly, so src/lib's `Clock`
  // (whose handle is a branded `TimerHandle`) is assignable to this interface.
  clearTimeout(handle: unknown): void;
}

export const systemClock: EmulatorClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout> | undefined),
};

export interface TimerScope {
  /** Runs `fn` after `ms` on the clock; returns a function that cancels it. */
  after(ms: number, fn: () => void): () => void;
  /** A child scope whose timers can be cancelled together (and are cancelled with the parent's). */
  child(): TimerScope;
  /** Cancels every pending timer of this scope and its children; a child also detaches from its parent. */
  cancelAll(): void;
}

export function createTimerScope(clock: EmulatorClock, onCancelAll?: () => void): TimerScope {
  const pending = new Map<symbol, unknown>();
  const children = new Set<TimerScope>();
  const scope: TimerScope = {
    after(ms, fn) {
      const key = Symbol('timer');
      const handle = clock.setTimeout(() => {
        pending.delete(key);
        fn();
      }, Math.max(0, ms));
      pending.set(key, handle);
      return () => {
        if (pending.delete(key)) clock.clearTimeout(handle);
      };
    },
    child() {
      const c: TimerScope = createTimerScope(clock, () => children.delete(c));
      children.add(c);
      return c;
    },
    cancelAll() {
      for (const handle of pending.values()) clock.clearTimeout(handle);
      pending.clear();
      for (const c of [...children]) c.cancelAll();
      children.clear();
      onCancelAll?.();
    },
  };
  return scope;
}

/** A promise that settles after `ms` on the clock (or at once for 0). */
export function delay(timers: TimerScope, ms: number): Promise<void> {
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve) => timers.after(ms, resolve));
}

export const isoTime = (ms: number): string => new Date(ms).toISOString();
