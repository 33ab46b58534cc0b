// A small seeded PRNG (mulberry32) for the fuzz suite, so a failing case reproduces from its seed.
// It knows nothing about HTTP; bad-requests.ts and bad-frames.ts decide what to generate with it.

export interface Rng {
  readonly seed: number;
  /** A float in [0, 1). */
  next(): number;
  /** An integer in [min, max]. */
  int(min: number, max: number): number;
  chance(p: number): boolean;
  pick<T>(items: readonly T[]): T;
  /** A string of `length` characters drawn from `alphabet` (by code point). */
  string(length: number, alphabet?: string): string;
  bytes(length: number): Buffer;
  uuid(): string;
}

const DEFAULT_ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.~!$&\'()*+,;=:@%/?#[] "\\{}<>|^`';

export function createRng(seed: number): Rng {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => {
    if (items.length === 0) throw new Error('pick from an empty list');
    return items[int(0, items.length - 1)] as T;
  };
  const hex = (n: number) => Array.from({ length: n }, () => int(0, 15).toString(16)).join('');
  return {
    seed,
    next,
    int,
    chance: (p) => next() < p,
    pick,
    string(length, alphabet = DEFAULT_ALPHABET) {
      const chars = [...alphabet];
      let s = '';
      for (let i = 0; i < length; i++) s += pick(chars);
      return s;
    },
    bytes(length) {
      const b = Buffer.alloc(length);
      for (let i = 0; i < length; i++) b[i] = int(0, 255);
      return b;
    },
    uuid: () => `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(['8', '9', 'a', 'b'])}${hex(3)}-${hex(12)}`,
  };
}

/** The seed: `FUZZ_SEED` from the environment when set (to replay a failure), else a fixed default. */
export function fuzzSeed(env: Record<string, string | undefined> = process.env): number {
  const raw = env.FUZZ_SEED;
  if (raw === undefined || raw === '') return 0x9a71e7;
  const n = Number(raw);
  if (!Number.isInteger(n)) throw new Error(`FUZZ_SEED must be an integer, got ${raw}`);
  return n;
}
