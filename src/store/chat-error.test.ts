import { describe, expect, it } from 'vitest';
import { ApiError } from '../api/api-error';
import { failureInfo, isAmbiguous, isSessionGone, toChatError } from './chat-error';

const err = (status: number, code = 'x', extra: Partial<{ retryAfterMs: number; retryable: boolean }> = {}) =>
  new ApiError({ status, code, message: `m${status}`, ...extra });

describe('failure classification', () => {
  it('reads an ApiError by its shape', () => {
    expect(failureInfo(err(429, 'too.many.requests', { retryAfterMs: 3000 }))).toMatchObject({
      status: 429,
      code: 'too.many.requests',
      message: 'm429',
      retryAfterMs: 3000,
      retryable: true,
    });
  });

  it('treats anything else thrown as no answer', () => {
    expect(failureInfo(new TypeError('boom'))).toEqual({ status: 0, code: 'unknown', message: 'boom' });
    expect(failureInfo('weird')).toMatchObject({ status: 0, message: 'weird' });
    expect(failureInfo(null)).toMatchObject({ status: 0 });
    expect(failureInfo({ status: '500', code: 1 })).toMatchObject({ status: 0 });
  });

  it('counts 5xx, 408 and no answer as ambiguous, never 4xx or 429', () => {
    for (const s of [0, 408, 500, 502, 503, 504]) expect(isAmbiguous(failureInfo(err(s)))).toBe(true);
    for (const s of [400, 401, 404, 413, 429]) expect(isAmbiguous(failureInfo(err(s)))).toBe(false);
  });

  it('does not count a refused request (status 0, not retryable) as ambiguous', () => {
    expect(isAmbiguous(failureInfo(err(0, 'client.invalid.url', { retryable: false })))).toBe(false);
  });

  it('sees the chat as gone on 401, 403 and a conversation 404, not on a missing sub-resource', () => {
    expect(isSessionGone(failureInfo(err(401, 'credentials.expired')))).toBe(true);
    expect(isSessionGone(failureInfo(err(403, 'not.authorized')))).toBe(true);
    expect(isSessionGone(failureInfo(err(404, 'not.found')))).toBe(true);
    expect(isSessionGone(failureInfo(err(404, 'chat.error.not.found')))).toBe(false);
    expect(isSessionGone(failureInfo(err(404, 'chat.error.not.found')), true)).toBe(true);
    expect(isSessionGone(failureInfo(err(400)))).toBe(false);
    expect(isSessionGone(failureInfo(err(0)))).toBe(false);
  });

  it('maps failures to stable codes for the UI', () => {
    const cases: Array<[ApiError, string]> = [
      [err(0, 'network.error'), 'network'],
      [err(429), 'rate-limited'],
      [err(503), 'server'],
      [err(408), 'server'],
      [err(403, 'origin.not.allowed'), 'origin-not-allowed'],
      [err(400, 'chat.deployment.disabled'), 'deployment-disabled'],
      [err(400, 'chat.deployment.require.auth'), 'auth-required'],
      [err(400, 'chat.deployment.bad.auth'), 'auth-failed'],
      [err(401, 'credentials.expired'), 'auth-failed'],
      [err(404, 'not.found'), 'not-found'],
      [err(400, 'chat.error.invalid.queue'), 'not-found'],
      [err(400, 'bad.request'), 'rejected'],
    ];
    for (const [e, code] of cases) expect(toChatError(e).code, e.code).toBe(code);
    expect(toChatError(err(503))).toEqual({ code: 'server', message: 'm503', status: 503 });
    expect(toChatError(err(0))).not.toHaveProperty('status');
  });
});
