// A small randomized robustness check kept beside the code (the big suite is test/fuzz/): 300 malformed requests —
// wrong methods, garbled paths and ids, bad credentials, odd bodies and headers — never get a 5xx, always get an
// ErrorBody under /api/, and leave the stored conversation and the emulator intact.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../src/protocol/models';
import { adminToken, createGuest, openStream, startEmulator, type Guest, type TestEmulator } from './test-kit';

/** mulberry32: a seeded generator, so a failure can be replayed from the printed seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('fuzz', () => {
  let emu: TestEmulator;
  let g: Guest;
  let admin: string;
  beforeAll(async () => {
    emu = await startEmulator();
    g = await createGuest(emu);
    admin = await adminToken(emu);
    await emu.call('POST', `${g.base}/members/${g.memberId}/messages`, { token: g.jwt, body: { body: 'precious' } });
  });
  afterAll(() => emu.close());

  it('answers 4xx (or 2xx) and never 5xx to 300 random bad requests', { timeout: 60_000 }, async () => {
    const seed = Number(process.env.FUZZ_SEED ?? Date.now() % 100000);
    const rnd = prng(seed);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)] as T;
    const junkText = () => {
      const len = Math.floor(rnd() * 40);
      return Array.from({ length: len }, () => String.fromCharCode(Math.floor(rnd() * 0x2fff))).join('');
    };
    const ids = [g.conversationId, g.memberId, 'x', '', '%00', '%E0%A4%A', '..', '%2F', 'null', '00000000-0000-4000-8000-000000000000', encodeURIComponent(junkText())];
    const paths = () => {
      const c = pick(ids);
      const m = pick(ids);
      return pick([
        '/api/v2/webchat/guest/conversations',
        `/api/v2/webchat/guest/conversations/${c}/members`,
        `/api/v2/webchat/guest/conversations/${c}/members/${m}`,
        `/api/v2/webchat/guest/conversations/${c}/members/${m}/messages`,
        `/api/v2/webchat/guest/conversations/${c}/members/${m}/typing`,
        `/api/v2/webchat/guest/conversations/${c}/messages?after=${pick(ids)}&maxResults=${pick(['', '0', '-1', '1e3', 'abc', '100', '101'])}&sortOrder=${pick(['', 'x', 'descending'])}`,
        `/api/v2/webchat/guest/conversations/${c}/messages/${m}`,
        `/api/v2/webchat/guest/conversations/${c}/mediarequests/${m}`,
        `/api/v2/webchat/deployments/${c}`,
        '/api/v2/webchat/settings',
        '/api/v2/signeddata',
        `/api/v2/${encodeURIComponent(junkText())}`,
        '/oauth/token',
        `/_emulator/conversations/${c}/agent`,
        `/_emulator/conversations/${c}/agent/messages`,
        '/_emulator/faults?x=1',
      ]);
    };
    const bodies = (): string | undefined =>
      pick([
        undefined,
        '',
        '{',
        '[]',
        'null',
        '"str"',
        '123',
        '{"body": 5}',
        '{"body": {"a": []}}',
        '{"types": "COBROWSE", "state": 7}',
        '{"memberInfo": [], "routingTarget": 1}',
        '{"organizationId": {}, "deploymentId": []}',
        JSON.stringify({ body: junkText(), bodyType: junkText() }),
        JSON.stringify({ name: 1, allowedDomains: [1, null], webChatConfig: 'x' }),
        JSON.stringify({ failRequests: { status: 'x' }, latencyMs: 'y' }),
        '{"__proto__": {"polluted": true}, "constructor": {"prototype": {"x": 1}}}',
        '['.repeat(5000) + ']'.repeat(5000),
        junkText(),
      ]);
    const auths = [undefined, `Bearer ${g.jwt}`, `Bearer ${admin}`, 'Bearer', 'Basic abc', '[REDACTED]', `Bearer ${g.jwt.slice(0, -3)}abc`, `Bearer ${junkText().replace(/[^\x20-\x7e]/g, 'x')}`];
    const types = [undefined, 'application/json', 'text/plain', 'application/x-www-form-urlencoded', 'application/json; charset=latin1', 'multipart/form-data; boundary=x'];

    for (let i = 0; i < 300; i++) {
      const method = pick(['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS', 'PROPFIND']);
      const path = paths();
      const body = method === 'GET' || method === 'HEAD' ? undefined : bodies();
      const headers: Record<string, string> = {};
      const auth = pick(auths);
      if (auth) headers.Authorization = auth;
      const type = pick(types);
      if (type && body !== undefined) headers['Content-Type'] = type;
      if (rnd() < 0.3) headers.Origin = pick(['https://a.example', 'null', 'http://localhost:5173']);
      let res: Response;
      try {
        res = await fetch(emu.url + path, { method, headers, ...(body !== undefined ? { body } : {}) });
      } catch (e) {
        throw new Error(`seed ${seed}, request ${i}: ${method} ${path} failed: ${String(e)}`, { cause: e });
      }
      const text = await res.text();
      const context = `seed ${seed}, request ${i}: ${method} ${path} ${JSON.stringify(headers)} ${body?.slice(0, 200)} → ${res.status} ${text.slice(0, 200)}`;
      expect(res.status, context).toBeLessThan(500);
      if (res.status >= 400 && path.startsWith('/api/') && method !== 'HEAD') {
        const e = JSON.parse(text) as ErrorBody;
        expect(e.status, context).toBe(res.status);
        expect(typeof e.code, context).toBe('string');
      }
    }

    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const messages = await emu.call<{ entities: Array<{ body: string }> }>('GET', `${g.base}/messages`, { token: g.jwt });
    expect(messages.status).toBe(200);
    expect(messages.body.entities[0]?.body).toBe('precious');
    const s = await openStream(g.eventStreamUri);
    s.close();
  });
});
