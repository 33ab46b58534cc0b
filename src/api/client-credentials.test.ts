import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../lib/fake-clock';
import { silentLogger } from '../lib/log';
import { ApiError } from './api-error';
import { createClientCredentialsTokenProvider, loginBaseForEnvironment, requestClientCredentialsToken } from './client-credentials';

interface Call {
  url: string;
  method: string;
  headers: Record<string, string>;
  body: string | undefined;
}

function fakeFetch(answer: (n: number) => Response) {
  const calls: Call[] = [];
  const fetch: typeof globalThis.fetch = async (input, init) => {
    calls.push({
      url: String(input),
      method: init?.method ?? 'GET',
      headers: Object.fromEntries(new Headers(init?.headers).entries()),
      body: typeof init?.body === 'string' ? init.body : undefined,
    });
    return answer(calls.length);
  };
  return { fetch, calls };
}

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
const token = (n: number, expiresIn = 86_400) => json(200, { access_token: `tok-${n}`, token_type: 'bearer', expires_in: expiresIn });

describe('requestClientCredentialsToken', () => {
  it('posts the client-credentials grant form-encoded with HTTP Basic credentials', async () => {
    const { fetch, calls } = fakeFetch((n) => token(n));
    const out = await requestClientCredentialsToken({ loginBase: 'http://127.0.0.1:8787', clientId: 'id-1', clientSecret: 's3cret', fetch, logger: silentLogger });
    expect(out).toEqual({ access_token: 'tok-1', token_type: 'bearer', expires_in: 86_400 });
    expect(calls).toEqual([
      {
        url: 'http://127.0.0.1:8787/oauth/token',
        method: 'POST',
        headers: { accept: 'application/json', 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from('id-1:s3cret').toString('base64')}` },
        body: 'grant_type=client_credentials',
      },
    ]);
  });

  it('encodes credentials outside Latin-1 as UTF-8', async () => {
    const { fetch, calls } = fakeFetch((n) => token(n));
    await requestClientCredentialsToken({ loginBase: 'https://login.example.test', clientId: 'ïd', clientSecret: 'пароль', fetch });
    expect(calls[0]?.headers.authorization).toBe(`Basic ${Buffer.from('ïd:пароль', 'utf8').toString('base64')}`);
  });

  it('accepts the token type in any case', async () => {
    const { fetch } = fakeFetch(() => json(200, { access_token: 'a', token_type: 'Bearer', expires_in: 5 }));
    await expect(requestClientCredentialsToken({ loginBase: 'https://login.example.test', clientId: 'i', clientSecret: 's', fetch })).resolves.toMatchObject({ token_type: 'bearer' });
  });

  it.each([
    [{ token_type: 'bearer', expires_in: 5 }],
    [{ access_token: 'a', token_type: 'mac', expires_in: 5 }],
    [{ access_token: 'a', token_type: 'bearer', expires_in: '5' }],
    [{ access_token: 'a', token_type: 'bearer', expires_in: -1 }],
  ])('refuses a malformed token answer %j', async (body) => {
    const { fetch } = fakeFetch(() => json(200, body));
    const p = requestClientCredentialsToken({ loginBase: 'https://login.example.test', clientId: 'i', clientSecret: 's', fetch, logger: silentLogger });
    await expect(p).rejects.toMatchObject({ code: 'client.invalid.response' });
  });

  it("maps the login service's refusal to an ApiError keyed by OAuth's error code", async () => {
    const { fetch } = fakeFetch(() => json(401, { error: 'invalid_client', description: 'Client authentication failed' }));
    const e = await requestClientCredentialsToken({ loginBase: 'https://login.example.test', clientId: 'i', clientSecret: 'wrong', fetch }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ status: 401, code: 'invalid_client', message: 'Client authentication failed', retryable: false });
  });

  it("reads RFC 6749's error_description too", async () => {
    const { fetch } = fakeFetch(() => json(400, { error: 'unsupported_grant_type', error_description: 'nope' }));
    const e = await requestClientCredentialsToken({ loginBase: 'https://login.example.test', clientId: 'i', clientSecret: 's', fetch }).catch((x: unknown) => x);
    expect(e).toMatchObject({ status: 400, code: 'unsupported_grant_type', message: 'nope' });
  });
});

describe('createClientCredentialsTokenProvider', () => {
  it('reuses the token until shortly before it expires, then fetches a new one', async () => {
    const clock = createFakeClock();
    const { fetch, calls } = fakeFetch((n) => token(n, 3600));
    const get = createClientCredentialsTokenProvider({ loginBase: 'https://login.example.test', clientId: 'i', clientSecret: 's', fetch, clock, refreshMarginMs: 60_000 });
    expect(await get()).toBe('tok-1');
    await clock.advance(3_539_000);
    expect(await get()).toBe('tok-1');
    await clock.advance(1_000);
    expect(await get()).toBe('tok-2');
    expect(calls).toHaveLength(2);
  });

  it('shares one request between concurrent callers', async () => {
    const { fetch, calls } = fakeFetch((n) => token(n));
    const get = createClientCredentialsTokenProvider({ loginBase: 'https://login.example.test', clientId: 'i', clientSecret: 's', fetch });
    expect(await Promise.all([get(), get(), get()])).toEqual(['tok-1', 'tok-1', 'tok-1']);
    expect(calls).toHaveLength(1);
  });

  it('asks again after a failed request', async () => {
    const { fetch, calls } = fakeFetch((n) => (n === 1 ? json(401, { error: 'invalid_client' }) : token(n)));
    const get = createClientCredentialsTokenProvider({ loginBase: 'https://login.example.test', clientId: 'i', clientSecret: 's', fetch });
    await expect(get()).rejects.toMatchObject({ code: 'invalid_client' });
    expect(await get()).toBe('tok-2');
    expect(calls).toHaveLength(2);
  });
});

describe('loginBaseForEnvironment', () => {
  it.each([
    ['mypurecloud.com', 'https://login.mypurecloud.com'],
    ['https://api.mypurecloud.de/', 'https://login.mypurecloud.de'],
    ['login.usw2.pure.cloud', 'https://login.usw2.pure.cloud'],
  ])('%s → %s', (env, base) => {
    expect(loginBaseForEnvironment(env)).toBe(base);
  });
});
