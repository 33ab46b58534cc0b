// Credentials on the ten JWT-authorized guest endpoints (webchat-v2.md §2): missing, malformed, foreign, expired,
// for another conversation, and writes as another member — checked before anything else about the request.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeClock, type FakeClock } from '../src/lib/fake-clock';
import type { ErrorBody } from '../src/protocol/models';
import { adminToken, createGuest, startEmulator, type Guest, type TestEmulator } from './test-kit';

let emu: TestEmulator;
let clock: FakeClock;
let a: Guest;
let b: Guest;
let agentId: string;
let mediaId: string;
let messageId: string;

beforeEach(async () => {
  clock = createFakeClock();
  emu = await startEmulator({ clock });
  a = await createGuest(emu);
  b = await createGuest(emu, { memberInfo: { displayName: 'Bea' } });
  agentId = (await emu.call<{ id: string }>('POST', `/_emulator/conversations/${a.conversationId}/agent`, { body: { displayName: 'Max' } })).body.id;
  mediaId = (await emu.call<{ id: string }>('POST', `/_emulator/conversations/${a.conversationId}/mediarequests`, { body: { types: ['COBROWSE'] } })).body.id;
  messageId = (await emu.call<{ id: string }>('POST', `${a.base}/members/${a.memberId}/messages`, { token: a.jwt, body: { body: 'hi' } })).body.id;
});
afterEach(() => emu.close());

/** The ten endpoints that need the guest JWT, as [method, path, body]. */
const endpoints = (g: Guest): Array<[string, string, unknown]> => [
  ['GET', `${g.base}/members`, undefined],
  ['GET', `${g.base}/members/${g.memberId}`, undefined],
  ['DELETE', `${g.base}/members/${g.memberId}`, undefined],
  ['POST', `${g.base}/members/${g.memberId}/messages`, { body: 'x' }],
  ['POST', `${g.base}/members/${g.memberId}/typing`, undefined],
  ['GET', `${g.base}/messages`, undefined],
  ['GET', `${g.base}/messages/${messageId}`, undefined],
  ['GET', `${g.base}/mediarequests`, undefined],
  ['GET', `${g.base}/mediarequests/${mediaId}`, undefined],
  ['PATCH', `${g.base}/mediarequests/${mediaId}`, { types: ['COBROWSE'], state: 'ACCEPTED' }],
];

async function expectError(p: Promise<{ status: number; body: unknown }>, status: number, code: string) {
  const r = await p;
  expect({ status: r.status, code: (r.body as ErrorBody).code }).toEqual({ status, code });
}

describe('guest credentials', () => {
  it('answers 401 authentication.required without an Authorization header, on every guest endpoint', async () => {
    for (const [method, path, body] of endpoints(a)) await expectError(emu.call(method, path, { body }), 401, 'authentication.required');
  });

  it('answers 401 bad.credentials to the SDK literal [REDACTED] and to a bare token', async () => {
    for (const [method, path, body] of endpoints(a)) {
      await expectError(emu.call(method, path, { body, headers: { Authorization: '[REDACTED]' } }), 401, 'bad.credentials');
      await expectError(emu.call(method, path, { body, headers: { Authorization: a.jwt } }), 401, 'bad.credentials');
    }
  });

  it('answers 401 to another scheme and to an empty Bearer', async () => {
    for (const Authorization of [`Basic ${a.jwt}`, 'Bearer', 'Bearer    ', `Token ${a.jwt}`]) {
      const r = await emu.call<ErrorBody>('GET', `${a.base}/members`, { headers: { Authorization } });
      expect(r.status).toBe(401);
      expect(r.body.code).toBe('authentication.required');
    }
  });

  it('accepts the scheme name in any case', async () => {
    const r = await emu.call('GET', `${a.base}/members`, { headers: { Authorization: `bEaReR ${a.jwt}` } });
    expect(r.status).toBe(200);
  });

  it('answers 401 bad.credentials to forged, tampered and foreign JWTs and to an admin token', async () => {
    const other = await startEmulator({ clock });
    const foreign = (await createGuest(other)).jwt;
    await other.close();
    const [h, p] = a.jwt.split('.');
    const tampered = `${h}.${p}.${'A'.repeat(43)}`;
    for (const token of [foreign, tampered, 'e30.e30.e30', 'x'.repeat(5000), await adminToken(emu)]) {
      for (const [method, path, body] of endpoints(a)) await expectError(emu.call(method, path, { body, token }), 401, 'bad.credentials');
    }
  });

  it('answers 401 credentials.expired once the JWT lifetime has passed', async () => {
    await clock.advance(21 * 3600 * 1000 + 1000);
    for (const [method, path, body] of endpoints(a)) await expectError(emu.call(method, path, { body, token: a.jwt }), 401, 'credentials.expired');
  });

  it('honours the jwtLifetimeMs option', async () => {
    const short = await startEmulator({ clock, jwtLifetimeMs: 60_000 });
    const g = await createGuest(short);
    expect((await short.call('GET', `${g.base}/members`, { token: g.jwt })).status).toBe(200);
    await clock.advance(61_000);
    await expectError(short.call('GET', `${g.base}/members`, { token: g.jwt }), 401, 'credentials.expired');
    await short.close();
  });

  it("answers 404 not.found when a valid JWT is used on another conversation's paths", async () => {
    for (const [method, path, body] of endpoints(b)) await expectError(emu.call(method, path, { body, token: a.jwt }), 404, 'not.found');
    // …and nothing happened to b
    const m = await emu.call<{ entities: unknown[] }>('GET', `${b.base}/messages`, { token: b.jwt });
    expect(m.body.entities).toEqual([]);
  });

  it('answers 403 not.authorized to writes whose path member is not the JWT member', async () => {
    for (const [method, suffix, body] of [
      ['POST', 'messages', { body: 'as the agent' }],
      ['POST', 'typing', undefined],
      ['DELETE', '', undefined],
    ] as const) {
      const path = `${a.base}/members/${agentId}${suffix ? `/${suffix}` : ''}`;
      await expectError(emu.call(method, path, { body, token: a.jwt }), 403, 'not.authorized');
    }
    const agent = await emu.call<{ state: string }>('GET', `${a.base}/members/${agentId}`, { token: a.jwt });
    expect(agent.body.state).toBe('CONNECTED');
  });

  it('checks credentials before path ids, query and body', async () => {
    await expectError(emu.call('GET', `${b.base}/messages?maxResults=abc`, { token: 'nope' }), 401, 'bad.credentials');
    await expectError(emu.call('POST', `${a.base}/members/${a.memberId}/messages`, { rawBody: '{bad json' }), 401, 'authentication.required');
    await expectError(
      emu.call('POST', `${a.base}/members/${a.memberId}/messages`, { rawBody: 'x', headers: { 'Content-Type': 'text/plain', Authorization: 'Bearer bad' } }),
      401,
      'bad.credentials',
    );
  });

  it('answers 404 to a JWT whose conversation the emulator forgot (reset)', async () => {
    await emu.call('POST', '/_emulator/reset');
    await expectError(emu.call('GET', `${a.base}/members`, { token: a.jwt }), 404, 'not.found');
  });
});
