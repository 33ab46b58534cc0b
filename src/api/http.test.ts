import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../lib/fake-clock';
import type { Logger } from '../lib/log';
import { ApiError } from './api-error';
import { failure, fakeFetch, finish, json, settle, type Answer, type Call } from './fake-fetch.test.helper';
import { createHttpClient, normalizeApiBase, parseRetryAfter, type HttpClientOptions } from './http';

const errorBody = (status: number, code: string, extra: Record<string, unknown> = {}) =>
  json(status, { message: `msg ${code}`, code, status, contextId: 'ctx-1', details: [], errors: [], ...extra });

function setup(answers: Answer[] | ((call: Call) => Answer), options: Partial<HttpClientOptions> = {}) {
  const clock = createFakeClock();
  const { fetch, calls } = fakeFetch(clock, answers);
  const warnings: string[] = [];
  const logger: Logger = { warn: (m) => warnings.push(m), error: (m) => warnings.push(m) };
  const http = createHttpClient({ apiBase: 'https://api.example.test', fetch, clock, logger, random: () => 0, ...options });
  return { clock, calls, http, warnings };
}

const identity = (v: unknown) => v;

describe('requests', () => {
  it('sends Accept on every request and Content-Type only with a body', async () => {
    const { clock, calls, http } = setup([json(200, { ok: 1 })]);
    await finish(clock, http.request({ method: 'GET', target: '/api/v2/x', retry: 'idempotent', decode: identity }));
    await finish(clock, http.request({ method: 'POST', target: '/api/v2/x', json: { a: 1 }, retry: 'never', decode: identity }));
    expect(calls[0]?.headers).toEqual({ accept: 'application/json' });
    expect(calls[1]?.headers).toEqual({ accept: 'application/json', 'content-type': 'application/json' });
    expect(calls[1]?.body).toBe('{"a":1}');
  });

  it('sends an encoded body as it is, with the caller\'s Content-Type', async () => {
    const { clock, calls, http } = setup([json(200, {})]);
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
    await finish(clock, http.request({ method: 'POST', target: '/oauth/token', body: 'grant_type=client_credentials&x=a+b%26c', headers: form, retry: 'never', decode: identity }));
    expect(calls[0]?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(calls[0]?.body).toBe('grant_type=client_credentials&x=a+b%26c');
  });

  it('sends a bearer token given as a string or asked from a provider before every attempt', async () => {
    let n = 0;
    const { clock, calls, http } = setup([errorBody(503, 'service.unavailable'), errorBody(503, 'service.unavailable'), json(200, {})]);
    await finish(clock, http.request({ method: 'GET', target: '/api/v2/a', token: 'jwt-1', retry: 'never', decode: identity }).catch(() => undefined));
    await finish(clock, http.request({ method: 'GET', target: '/api/v2/a', token: async () => `tok-${++n}`, retry: 'idempotent', decode: identity }));
    expect(calls.map((c) => c.headers.authorization)).toEqual(['Bearer jwt-1', 'Bearer tok-1', 'Bearer tok-2']);
  });

  it('sends only the query parameters that were given, as text', async () => {
    const { clock, calls, http } = setup([json(200, {})]);
    await finish(clock, http.request({ method: 'GET', target: '/api/v2/m', query: { a: 'x y', b: undefined, c: 5, d: false }, retry: 'idempotent', decode: identity }));
    expect(calls[0]?.url).toBe('https://api.example.test/api/v2/m?a=x+y&c=5&d=false');
  });

  it('joins paths to a base that has a path of its own, and passes absolute URLs through', async () => {
    const { clock, calls, http } = setup([json(200, {})], { apiBase: 'https://proxy.example.test/genesys/' });
    await finish(clock, http.request({ method: 'GET', target: '/api/v2/m', retry: 'idempotent', decode: identity }));
    await finish(clock, http.request({ method: 'GET', target: 'https://proxy.example.test/api/v2/n?x=1', retry: 'idempotent', decode: identity }));
    expect(calls.map((c) => c.url)).toEqual(['https://proxy.example.test/genesys/api/v2/m', 'https://proxy.example.test/api/v2/n?x=1']);
    expect(http.apiOrigin).toBe('https://proxy.example.test');
  });

  it('refuses an API base that is not an absolute http(s) URL', () => {
    expect(() => normalizeApiBase('api.mypurecloud.com')).toThrow(/not an absolute URL/);
    expect(() => normalizeApiBase('ftp://api.example.test')).toThrow(/http\(s\)/);
    expect(() => normalizeApiBase('https://api.example.test/?x=1')).toThrow(/query/);
    expect(normalizeApiBase(' https://api.example.test/// ')).toEqual({ base: 'https://api.example.test', origin: 'https://api.example.test' });
  });

  it('uses globalThis.fetch, looked up at call time, when none is injected', async () => {
    const clock = createFakeClock();
    const { fetch, calls } = fakeFetch(clock, [json(200, { via: 'global' })]);
    const original = globalThis.fetch;
    const http = createHttpClient({ apiBase: 'https://api.example.test', clock });
    globalThis.fetch = fetch;
    try {
      await expect(finish(clock, http.request({ method: 'GET', target: '/api/v2/g', retry: 'never', decode: identity }))).resolves.toEqual({ via: 'global' });
    } finally {
      globalThis.fetch = original;
    }
    expect(calls).toHaveLength(1);
  });
});

describe('answers', () => {
  it('returns the decoded body of a success', async () => {
    const { clock, http } = setup([json(200, { n: 2 })]);
    const out = await finish(clock, http.request({ method: 'GET', target: '/x', retry: 'never', decode: (v) => (v as { n: number }).n * 10 }));
    expect(out).toBe(20);
  });

  it('ignores the body of a success when none is expected (a 204 or a 200 to a DELETE)', async () => {
    const { clock, http } = setup([new Response(null, { status: 204 }), json(200, { whatever: true })]);
    await expect(finish(clock, http.request({ method: 'DELETE', target: '/x', retry: 'never', decode: null }))).resolves.toBeUndefined();
    await expect(finish(clock, http.request({ method: 'DELETE', target: '/x', retry: 'never', decode: null }))).resolves.toBeUndefined();
  });

  it('turns a success whose body the decoder rejects into a non-retryable ApiError and logs it once', async () => {
    const { clock, http, warnings, calls } = setup([json(200, { id: 5 })]);
    const e = await failure(
      finish(clock, http.request({ method: 'GET', target: '/x', retry: 'idempotent', decode: () => { throw new Error('message.id: expected a string'); } })),
    );
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 200, code: 'client.invalid.response', retryable: false });
    expect((e as ApiError).message).toContain('message.id: expected a string');
    expect(warnings).toHaveLength(1);
    expect(calls).toHaveLength(1);
  });

  it('turns a success whose body is not JSON into client.invalid.response', async () => {
    const { clock, http } = setup([new Response('<html>ok</html>', { status: 200 }), new Response('', { status: 200 })]);
    for (let i = 0; i < 2; i++) {
      const e = await failure(finish(clock, http.request({ method: 'GET', target: '/x', retry: 'never', decode: identity })));
      expect(e).toMatchObject({ status: 200, code: 'client.invalid.response' });
    }
  });

  it('builds the error from the ErrorBody: status, code, message, contextId and the body itself', async () => {
    const { clock, http } = setup([errorBody(400, 'chat.error.member.state', { details: [{ fieldName: 'body' }] })]);
    const e = (await failure(finish(clock, http.request({ method: 'POST', target: '/x', retry: 'never', decode: identity })))) as ApiError;
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ name: 'ApiError', status: 400, code: 'chat.error.member.state', message: 'msg chat.error.member.state', retryable: false, contextId: 'ctx-1' });
    expect(e.body?.details).toEqual([{ fieldName: 'body' }]);
    expect(e.retryAfterMs).toBeUndefined();
  });

  it('names an error without an ErrorBody by its status and takes the correlation id from the header', async () => {
    const { clock, http } = setup([new Response('<html>Bad Gateway</html>', { status: 502, headers: { 'ININ-Correlation-Id': 'corr-9' } })]);
    const e = await failure(finish(clock, http.request({ method: 'POST', target: '/x', retry: 'never', decode: identity })));
    expect(e).toMatchObject({ status: 502, code: 'http.502', retryable: true, contextId: 'corr-9' });
    expect((e as ApiError).body).toBeUndefined();
  });

  it("takes code and message from the caller's readError when the body is no ErrorBody", async () => {
    const { clock, http } = setup([json(401, { error: 'invalid_client' }), json(401, { error: 'invalid_client' })]);
    const readError = (v: unknown) => ({ code: (v as { error: string }).error, message: 'read' });
    const a = await failure(finish(clock, http.request({ method: 'POST', target: '/oauth/token', retry: 'never', decode: identity, readError })));
    const b = await failure(finish(clock, http.request({ method: 'POST', target: '/oauth/token', retry: 'never', decode: identity })));
    expect(a).toMatchObject({ status: 401, code: 'invalid_client', message: 'read' });
    expect(b).toMatchObject({ status: 401, code: 'http.401' });
  });

  it.each([
    [0, true],
    [400, false],
    [401, false],
    [403, false],
    [404, false],
    [408, true],
    [413, false],
    [415, false],
    [429, true],
    [500, true],
    [501, false],
    [502, true],
    [503, true],
    [504, true],
  ])('marks status %i retryable: %s', (status, retryable) => {
    expect(new ApiError({ status, code: 'x', message: 'x' }).retryable).toBe(retryable);
  });

  it('reads Retry-After in seconds into retryAfterMs', async () => {
    const { clock, http } = setup([json(429, { code: 'too.many.requests.retry.after', message: 'm', status: 429 }, { 'Retry-After': '7' })]);
    const e = await failure(finish(clock, http.request({ method: 'POST', target: '/x', retry: 'never', decode: identity })));
    expect(e).toMatchObject({ status: 429, code: 'too.many.requests.retry.after', retryAfterMs: 7000, retryable: true });
  });
});

describe('parseRetryAfter', () => {
  const now = Date.UTC(2026, 0, 1, 12, 0, 0);
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', now)).toBe(120_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('1.5', now)).toBe(1500);
  });
  it('reads an HTTP date relative to now, a past date as 0', () => {
    expect(parseRetryAfter('Thu, 01 Jan 2026 12:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Thu, 01 Jan 2026 11:00:00 GMT', now)).toBe(0);
  });
  it('ignores an absent, empty or unreadable value', () => {
    expect(parseRetryAfter(null, now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
    expect(parseRetryAfter('', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter('2026', now)).toBe(2026_000);
    expect(parseRetryAfter('12/01/2026', now)).toBeUndefined();
  });
});

describe('no answer', () => {
  it('turns a network failure into status 0 network.error', async () => {
    const { clock, http } = setup([new TypeError('fetch failed')]);
    const e = await failure(finish(clock, http.request({ method: 'POST', target: '/x', retry: 'rate-limit', decode: identity })));
    expect(e).toMatchObject({ status: 0, code: 'network.error', retryable: true });
    expect((e as ApiError).message).toContain('fetch failed');
  });

  it('gives up after 16 s without an answer (status 0 client.timeout) and aborts the fetch', async () => {
    const { clock, http, calls } = setup(['hang']);
    const p = http.request({ method: 'POST', target: '/x', retry: 'rate-limit', decode: identity });
    const e = failure(p);
    await settle();
    await clock.advance(15_999);
    await settle();
    expect(calls[0]?.signal?.aborted).toBe(false);
    await clock.advance(1);
    expect(await e).toMatchObject({ status: 0, code: 'client.timeout', retryable: true });
    expect(calls[0]?.signal?.aborted).toBe(true);
  });

  it('times out even when the fetch ignores its signal', async () => {
    const { clock, http } = setup(['hang-ignoring-signal'], { timeoutMs: 1000 });
    const e = failure(http.request({ method: 'DELETE', target: '/x', retry: 'never', decode: null }));
    await settle();
    await clock.advance(1000);
    expect(await e).toMatchObject({ status: 0, code: 'client.timeout' });
  });

  it('times out a body that never finishes arriving', async () => {
    const { clock, http } = setup(() => new Response(new ReadableStream({ start() {} }), { status: 200 }), { timeoutMs: 2000 });
    const e = failure(http.request({ method: 'GET', target: '/x', retry: 'never', decode: identity }));
    await settle();
    await clock.advance(2000);
    expect(await e).toMatchObject({ status: 0, code: 'client.timeout' });
  });

  it('leaves no timer behind once answered', async () => {
    const { clock, http } = setup([json(200, {})]);
    await finish(clock, http.request({ method: 'GET', target: '/x', retry: 'never', decode: identity }));
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe('retries', () => {
  it('retries a GET after 5xx and no answer with jittered backoff, then returns the success', async () => {
    const { clock, calls, http } = setup([errorBody(503, 'service.unavailable'), new TypeError('reset'), errorBody(500, 'internal.server.error'), json(200, { ok: true })]);
    const out = await finish(clock, http.request({ method: 'GET', target: '/x', retry: 'idempotent', decode: identity }));
    expect(out).toEqual({ ok: true });
    // random() = 0: half of 500·2^(n−1) ms.
    expect(calls.map((c) => c.at - (calls[0]?.at ?? 0))).toEqual([0, 250, 750, 1750]);
  });

  it('spreads retries over the upper half of the backoff ceiling', async () => {
    const { clock, calls, http } = setup([errorBody(502, 'x'), json(200, {})], { random: () => 1 });
    await finish(clock, http.request({ method: 'GET', target: '/x', retry: 'idempotent', decode: identity }));
    expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBe(500);
  });

  it('stops after the bounded number of attempts and throws the last error', async () => {
    const { clock, calls, http } = setup([errorBody(504, 'request.timeout')], { maxAttempts: 3 });
    const e = await failure(finish(clock, http.request({ method: 'GET', target: '/x', retry: 'idempotent', decode: identity })));
    expect(e).toMatchObject({ status: 504, code: 'request.timeout' });
    expect(calls).toHaveLength(3);
  });

  it('retries a GET on 408 but not on other 4xx', async () => {
    for (const status of [400, 401, 403, 404, 413, 415]) {
      const { clock, calls, http } = setup([errorBody(status, 'x'), json(200, {})]);
      await failure(finish(clock, http.request({ method: 'GET', target: '/x', retry: 'idempotent', decode: identity })));
      expect(calls, `status ${status}`).toHaveLength(1);
    }
    const { clock, calls, http } = setup([errorBody(408, 'client.timeout'), json(200, {})]);
    await finish(clock, http.request({ method: 'GET', target: '/x', retry: 'idempotent', decode: identity }));
    expect(calls).toHaveLength(2);
  });

  it('waits Retry-After on a 503 when the service gives one', async () => {
    const { clock, calls, http } = setup([json(503, { code: 'service.unavailable', message: 'm', status: 503 }, { 'Retry-After': '3' }), json(200, {})]);
    await finish(clock, http.request({ method: 'GET', target: '/x', retry: 'idempotent', decode: identity }));
    expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBe(3000);
  });

  it('waits Retry-After on a 429 before repeating a write', async () => {
    const { clock, calls, http } = setup([json(429, { code: 'too.many.requests.retry.after', message: 'm', status: 429 }, { 'Retry-After': '2' }), json(200, { ok: 1 })]);
    await expect(finish(clock, http.request({ method: 'PATCH', target: '/x', json: {}, retry: 'rate-limit', decode: identity }))).resolves.toEqual({ ok: 1 });
    expect((calls[1]?.at ?? 0) - (calls[0]?.at ?? 0)).toBe(2000);
  });

  it('backs off at least one second on a 429 without Retry-After', async () => {
    const { clock, calls, http } = setup([errorBody(429, 'too.many.requests'), errorBody(429, 'too.many.requests'), json(200, {})]);
    await finish(clock, http.request({ method: 'POST', target: '/x', retry: 'rate-limit', decode: identity }));
    expect(calls.map((c) => c.at - (calls[0]?.at ?? 0))).toEqual([0, 1000, 3000]);
  });

  it('hands a 429 whose Retry-After is too long to the caller instead of waiting', async () => {
    const { clock, calls, http } = setup([json(429, { code: 'too.many.requests.retry.after', message: 'm', status: 429 }, { 'Retry-After': '3600' })]);
    const e = await failure(finish(clock, http.request({ method: 'GET', target: '/x', retry: 'idempotent', decode: identity })));
    expect(e).toMatchObject({ status: 429, retryAfterMs: 3_600_000 });
    expect(calls).toHaveLength(1);
  });

  it('does not repeat a write after 5xx or no answer (it may have been processed)', async () => {
    for (const answer of [errorBody(500, 'x'), errorBody(503, 'x'), new TypeError('reset')]) {
      const { clock, calls, http } = setup([answer, json(200, {})]);
      await failure(finish(clock, http.request({ method: 'PUT', target: '/x', json: {}, retry: 'rate-limit', decode: identity })));
      expect(calls).toHaveLength(1);
    }
    const { clock, calls, http } = setup(['hang', json(200, {})]);
    await failure(finish(clock, http.request({ method: 'DELETE', target: '/x', retry: 'rate-limit', decode: null })));
    expect(calls).toHaveLength(1);
  });

  it('never repeats a request whose policy is never, not even after 429', async () => {
    for (const answer of [json(429, { code: 'too.many.requests', message: 'm', status: 429 }, { 'Retry-After': '1' }), errorBody(503, 'x'), new TypeError('reset')]) {
      const { clock, calls, http } = setup([answer, json(200, {})]);
      await failure(finish(clock, http.request({ method: 'POST', target: '/x', json: {}, retry: 'never', decode: identity })));
      expect(calls).toHaveLength(1);
    }
  });
});

describe('abort', () => {
  it('rejects with the abort reason without calling fetch when already aborted', async () => {
    const { clock, calls, http } = setup([json(200, {})]);
    const reason = new Error('gone');
    const e = await failure(finish(clock, http.request({ method: 'GET', target: '/x', retry: 'idempotent', decode: identity, signal: AbortSignal.abort(reason) })));
    expect(e).toBe(reason);
    expect(calls).toHaveLength(0);
  });

  it('aborts the fetch under way and rejects with the reason, not an ApiError', async () => {
    const { clock, calls, http } = setup(['hang']);
    const controller = new AbortController();
    const e = failure(http.request({ method: 'GET', target: '/x', retry: 'idempotent', decode: identity, signal: controller.signal }));
    await settle();
    controller.abort();
    const err = await e;
    expect(err).not.toBeInstanceOf(ApiError);
    expect((err as DOMException).name).toBe('AbortError');
    expect(calls[0]?.signal?.aborted).toBe(true);
    expect(calls).toHaveLength(1);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('stops waiting between retries when aborted', async () => {
    const { clock, calls, http } = setup([errorBody(503, 'x'), json(200, {})]);
    const controller = new AbortController();
    const e = failure(http.request({ method: 'GET', target: '/x', retry: 'idempotent', decode: identity, signal: controller.signal }));
    await settle();
    expect(clock.pendingTimers()).toBe(1);
    controller.abort(new Error('stop'));
    expect(await e).toMatchObject({ message: 'stop' });
    await clock.advance(60_000);
    expect(calls).toHaveLength(1);
  });

  it("lets a token provider's own error through unchanged", async () => {
    const { clock, calls, http } = setup([json(200, {})]);
    const problem = new Error('no token');
    const e = await failure(finish(clock, http.request({ method: 'GET', target: '/x', token: () => Promise.reject(problem), retry: 'idempotent', decode: identity })));
    expect(e).toBe(problem);
    expect(calls).toHaveLength(0);
  });
});
