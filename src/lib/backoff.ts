// Jittered exponential backoff ("full jitter" over an exponential ceiling), shared by REST retries,
// the outbox and socket reconnects so every retry in Parley spreads its load the same way.

export interface BackoffOptions {
  baseMs: number;
  capMs: number;
  /** 0..1 source of randomness; injectable so tests are deterministic. */
  random?: () => number;
}

/** The delay before retry number `attempt` (1-based): between half and all of min(cap, base·2^(attempt−1)). */
export function backoffDelay(attempt: number, { baseMs, capMs, random = Math.random }: BackoffOptions): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + random() * (ceiling / 2));
}
