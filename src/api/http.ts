// One JSON request over an injected fetch and clock: headers, bearer auth, the per-request timeout, decoding with
// the protocol decoders, error mapping into ApiError, and the retry rules. Which endpoint is which lives in *-api.ts.

import { backoffDelay } from '../lib/backoff';
import { sleep, systemClock, type Clock } from '../lib/clock';
import { consoleLogger, type Logger } from '../lib/log';
import { decodeErrorBody } from '../protocol/decode';
import { ApiError } from './api-error';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';

/**
 * When a failed request is repeated:
 * - `idempotent` (GETs): after no answer, 408, 500, 502, 503, 504 (jittered backoff, or `Retry-After` when given),
 *   and after 429;
 * - `rate-limit` (other writes): only after 429, which the service never processed;
 * - `never` (message sends): not at all, because a message POST has no idempotency key (the store's outbox decides).
 */
export type RetryPolicy = 'idempotent' | 'rate-limit' | 'never';

export type QueryValue = string | number | boolean | undefined;

export interface HttpRequest<T> {
  method: HttpMethod;
  /** A path starting with `/` (joined to the API base) or an absolute URL the caller has already vetted. */
  target: string;
  /** Only the entries that are not `undefined` are sent. */
  query?: Record<string, QueryValue> | undefined;
  /** A JSON body (sent with `Content-Type: application/json`). */
  json?: unknown;
  /** A body already encoded, sent as it is with the caller's `Content-Type` header (the OAuth token endpoint's form). */
  body?: string;
  /** A bearer token, or a provider asked before every attempt (tokens may be refreshed in between). */
  token?: string | (() => string | Promise<string>) | undefined;
  headers?: Record<string, string>;
  retry: RetryPolicy;
  /** Decodes the success body from `unknown`; `null` when the answer has no body worth reading (204). */
  decode: ((json: unknown) => T) | null;
  /** Reads the code and message of a failure whose body is no ErrorBody (OAuth's own shape, at the token endpoint). */
  readError?: (json: unknown) => { code: string; message?: string | undefined } | undefined;
  signal?: AbortSignal | undefined;
}

export interface HttpClientOptions {
  /** Where the API lives: `https://api.mypurecloud.com`, or an emulator's `http://127.0.0.1:PORT`. */
  apiBase: string;
  /** Defaults to `globalThis.fetch`, looked up at call time (so a later polyfill or a test spy is honoured). */
  fetch?: typeof globalThis.fetch;
  clock?: Clock;
  logger?: Logger;
  /** Per attempt; the official JS SDK gives up after 16 s (webchat-v2.md §11). */
  timeoutMs?: number;
  /** Attempts in all, first included, for a request that may be retried. */
  maxAttempts?: number;
  /** A `Retry-After` longer than this is not waited out here: the error goes to the caller to decide. */
  maxRetryAfterMs?: number;
  /** 0..1 randomness for the backoff jitter; injectable for deterministic tests. */
  random?: () => number;
}

export interface HttpClient {
  /** The base's origin, e.g. `https://api.mypurecloud.com`. */
  readonly apiOrigin: string;
  request<T>(req: HttpRequest<T>): Promise<T>;
}

/** Normalizes and checks an API base: an absolute http(s) URL, no query or fragment, no trailing slash. */
export function normalizeApiBase(apiBase: string): { base: string; origin: string } {
  let url: URL | undefined;
  try {
    url = new URL(apiBase.trim());
  } catch {
    // Reported below.
  }
  if (!url || !/^https?:$/.test(url.protocol) || url.search || url.hash) {
    throw new TypeError(`Parley: apiBase "${apiBase}" is not an absolute URL (an http(s) URL, no query or fragment).`);
  }
  return { base: url.origin + url.pathname.replace(/\/+$/, ''), origin: url.origin };
}

/**
 * `Retry-After` as milliseconds from now: delay-seconds (`120`) or an HTTP date. Undefined when absent or unreadable;
 * a date in the past is 0.
 */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  const v = value?.trim();
  if (!v) return undefined;
  if (/^\d+(\.\d+)?$/.test(v)) return Math.round(+v * 1000);
  // Only an HTTP date (IMF-fixdate and its obsolete forms all name a weekday or month), not any string Date.parse takes.
  const at = /[a-z]{3}/i.test(v) ? Date.parse(v) : NaN;
  return isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

export function createHttpClient({
  apiBase,
  fetch: fetchFn = (input, init) => globalThis.fetch(input, init),
  clock = systemClock,
  logger = consoleLogger,
  timeoutMs = 16_000,
  maxAttempts = 4,
  maxRetryAfterMs = 30_000,
  random,
}: HttpClientOptions): HttpClient {
  // Callers that take `apiBase` from outside check it first (normalizeApiBase); here it only loses trailing slashes.
  const base = apiBase.replace(/\/+$/, '');
  const origin = new URL(base).origin;

  async function once<T>({ method, target, query, json, body, token, headers: extra, decode, readError, signal }: HttpRequest<T>): Promise<T> {
    const what = `${method} ${target}`;
    const headers: Record<string, string> = { Accept: 'application/json', ...extra };
    if (json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(json);
    }
    if (token !== undefined) headers.Authorization = `Bearer ${typeof token === 'string' ? token : await token()}`;
    if (signal?.aborted) throw signal.reason;

    const url = new URL(/^\/(?!\/)/.test(target) ? base + target : target);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.append(k, String(v));

    // One controller per attempt, aborted with the caller's reason or with our timeout's ApiError; the race below
    // makes the timeout hold even against a fetch that ignores its signal.
    const controller = new AbortController();
    const own = controller.signal;
    const onAbort = () => controller.abort(signal?.reason);
    signal?.addEventListener('abort', onAbort);
    const timer = clock.setTimeout(
      () => controller.abort(new ApiError({ status: 0, code: 'client.timeout', message: `${what}: no answer within ${timeoutMs} ms` })),
      timeoutMs,
    );
    // Raced at once (so never an unhandled rejection), and nothing aborts once the last race is over.
    const aborted = new Promise<never>((_, reject) => own.addEventListener('abort', () => reject(own.reason)));
    const race = <R>(p: Promise<R>) => Promise.race([p, aborted]);
    try {
      let res: Response;
      let text: string;
      try {
        res = await race(fetchFn(url.href, { method, headers, body, signal: own }));
        text = await race(res.text());
      } catch (e) {
        throw own.aborted ? own.reason : new ApiError({ status: 0, code: 'network.error', message: `${what} failed: ${String(e)}` });
      }
      const { status } = res;
      let data: unknown;
      try {
        data = JSON.parse(text);
      } catch {
        // Not JSON (a proxy's HTML page, an empty body): `undefined`.
      }
      if (res.ok) {
        if (!decode) return undefined as T;
        try {
          if (data === undefined) throw new Error('the body is not JSON');
          return decode(data);
        } catch (e) {
          const error = new ApiError({ status, code: 'client.invalid.response', message: `${what} answered ${status}: ${String(e)}` });
          logger.warn(error.message);
          throw error;
        }
      }
      // An ErrorBody gives code, message and contextId; the caller's `readError` code and message; anything else (a
      // proxy's HTML page) is `http.<status>`.
      const errorBody = decodeErrorBody(data);
      const { code, message } = errorBody ?? readError?.(data) ?? {};
      throw new ApiError({
        status,
        code: code ?? `http.${status}`,
        message: message || `HTTP ${status}`,
        contextId: errorBody?.contextId ?? res.headers.get('ININ-Correlation-Id'),
        retryAfterMs: parseRetryAfter(res.headers.get('Retry-After'), clock.now()),
        body: errorBody,
      });
    } finally {
      clock.clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
    }
  }

  async function request<T>(req: HttpRequest<T>): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await once(req);
      } catch (e) {
        // The caller's abort reason and a token provider's own error go out unchanged.
        if (!(e instanceof ApiError) || req.retry === 'never' || attempt >= maxAttempts) throw e;
        const limited = e.status === 429;
        // Without `Retry-After`, a 429 waits never less than 1 s (webchat-v2.md §13), doubling up to 30 s; 5xx and no
        // answer 0.25–0.5 s, doubling up to 8 s.
        const wait =
          limited || (req.retry === 'idempotent' && e.retryable)
            ? (e.retryAfterMs ?? backoffDelay(attempt, limited ? { baseMs: 2_000, capMs: 30_000, random } : { baseMs: 500, capMs: 8_000, random }))
            : NaN;
        // NaN: not to be repeated; a `Retry-After` that long is not waited out here, the caller decides.
        if (!(wait <= maxRetryAfterMs)) throw e;
        await sleep(clock, wait, req.signal);
      }
    }
  }

  return { apiOrigin: origin, request };
}
