// A scripted fetch and a fake-clock driver for the REST client's unit tests (http.test.ts, api-client.test.ts).
import type { FakeClock } from '../lib/fake-clock';

export interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
  signal: AbortSignal | undefined;
  at: number;
}

export type Answer = Response | Error | 'hang' | 'hang-ignoring-signal';

/**
 * A fetch that records every call and answers from a script: one entry per call (the last one repeating), or a
 * function of the call and its 1-based number.
 */
export function fakeFetch(clock: FakeClock, answers: Answer[] | ((call: Call, n: number) => Answer)) {
  const calls: Call[] = [];
  const fetch: typeof globalThis.fetch = (input, init) => {
    const call: Call = {
      url: String(input),
      method: init?.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      body: typeof init?.body === 'string' ? init.body : undefined,
      signal: init?.signal ?? undefined,
      at: clock.now(),
    };
    calls.push(call);
    const answer = typeof answers === 'function' ? answers(call, calls.length) : (answers[Math.min(calls.length, answers.length) - 1] as Answer);
    if (answer === 'hang-ignoring-signal') return new Promise<Response>(() => {});
    if (answer === 'hang') {
      return new Promise<Response>((_, reject) => {
        call.signal?.addEventListener('abort', () => reject(call.signal?.reason));
      });
    }
    // Clone, so a scripted answer can be given more than once (a body is readable only once).
    return answer instanceof Error ? Promise.reject(answer) : Promise.resolve(answer.clone());
  };
  return { fetch, calls };
}

export const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json', ...headers } });

/** Lets pending I/O callbacks and promise chains run, without moving any clock. */
export async function settle() {
  for (let i = 0; i < 5; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

/** Moves the fake clock in small steps until `p` settles (or `maxMs` of fake time passed). */
export async function finish<T>(clock: FakeClock, p: Promise<T>, maxMs = 10 * 60_000): Promise<T> {
  let done = false;
  p.then(
    () => (done = true),
    () => (done = true),
  );
  await settle();
  for (let t = 0; !done && t < maxMs; t += 25) {
    await clock.advance(25);
    await settle();
  }
  return p;
}

/** What `p` rejects with; throws when it fulfils. */
export async function failure(p: Promise<unknown>): Promise<unknown> {
  try {
    await p;
  } catch (e) {
    return e;
  }
  throw new Error('expected a rejection');
}
