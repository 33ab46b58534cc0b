// A plain observable value: how events/ exposes its status without depending on a signals library.

export interface Subscribable<T> {
  get(): T;
  /** Calls `fn` on every change (not with the current value); returns the unsubscribe function. */
  subscribe(fn: (value: T) => void): () => void;
}

export interface WritableSubscribable<T> extends Subscribable<T> {
  set(value: T): void;
}

export function createSubscribable<T>(initial: T): WritableSubscribable<T> {
  let value = initial;
  const listeners = new Set<(value: T) => void>();
  return {
    get: () => value,
    set(next) {
      if (Object.is(next, value)) return;
      value = next;
      for (const fn of [...listeners]) fn(value);
    },
    subscribe(fn) {
      listeners.add(fn);
      return () => listeners.delete(fn);
    },
  };
}
