// Every fault of emulator-control.md: dropSockets, stallSocketsMs, rejectSockets, failRequests (status, count,
// retryAfterSec, match glob, afterEffect), latencyMs — and that faults spare /_emulator and /oauth.

import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeClock, type FakeClock } from '../src/lib/fake-clock';
import type { ErrorBody } from '../src/protocol/models';
import { globToRegExp } from './faults';
import { adminToken, createGuest, isHeartbeat, isPong, openStream, startEmulator, until, type Guest, type TestEmulator } from './test-kit';

let emu: TestEmulator;
let clock: FakeClock;
let g: Guest;
beforeEach(async () => {
  clock = createFakeClock();
  emu = await startEmulator({ clock, heartbeatMs: 10_000 });
  g = await createGuest(emu);
  await emu.call('POST', `/_emulator/conversations/${g.conversationId}/agent`, { body: { displayName: 'Max' } });
});
afterEach(() => emu.close());

const fault = (body: unknown) => emu.call<ErrorBody>('POST', '/_emulator/faults', { body });
const sendGuest = (text: string) => emu.call<ErrorBody & { id: string }>('POST', `${g.base}/members/${g.memberId}/messages`, { token: g.jwt, body: { body: text } });
const messageCount = async () => (await emu.call<{ entities: unknown[] }>('GET', `${g.base}/messages`, { token: g.jwt })).body.entities.length;

describe('socket faults', () => {
  it('dropSockets terminates every stream socket without a close frame and accepts new ones', async () => {
    const [a, b] = [await openStream(g.eventStreamUri), await openStream(g.eventStreamUri)];
    expect((await fault({ dropSockets: true })).status).toBe(204);
    expect((await a.closed).code).toBe(1006);
    expect((await b.closed).code).toBe(1006);
    const again = await openStream(g.eventStreamUri);
    await emu.call('POST', `/_emulator/conversations/${g.conversationId}/agent/messages`, { body: { body: 'after the cut' } });
    await again.waitFor((f) => f.eventBody.body === 'after the cut', 'message on the new socket');
    again.close();
  });

  it('stallSocketsMs silences the sockets open now (no events, heartbeats or pongs) and terminates them after N ms', async () => {
    const stalled = await openStream(g.eventStreamUri);
    const closedByClient = await openStream(g.eventStreamUri);
    expect((await fault({ stallSocketsMs: 15_000 })).status).toBe(204);
    const fresh = await openStream(g.eventStreamUri);
    const before = stalled.raw.length;

    await emu.call('POST', `/_emulator/conversations/${g.conversationId}/agent/messages`, { body: { body: 'lost for the stalled one' } });
    stalled.ws.send(JSON.stringify({ message: 'ping' }));
    await clock.advance(14_999);
    await fresh.waitFor((f) => f.eventBody.body === 'lost for the stalled one', 'message on the fresh socket');
    await fresh.waitFor(isHeartbeat, 'heartbeat on the fresh socket');
    closedByClient.close();
    expect((await closedByClient.closed).code).toBe(1005);
    expect(stalled.ws.readyState).toBe(WebSocket.OPEN);

    await clock.advance(1);
    expect((await stalled.closed).code).toBe(1006);
    expect(stalled.raw.slice(before)).toEqual([]);
    expect(stalled.frames().filter(isPong)).toEqual([]);
    // What it missed is still there over REST.
    expect(await messageCount()).toBe(2);
    fresh.ws.send(JSON.stringify({ message: 'ping' }));
    await fresh.waitFor(isPong, 'pong on the fresh socket');
    fresh.close();
  });

  it('rejectSockets refuses the next N upgrades, then accepts again', async () => {
    await fault({ rejectSockets: 2 });
    for (let i = 0; i < 2; i++) {
      await expect(openStream(g.eventStreamUri)).rejects.toThrow('upgrade refused: 503');
    }
    const s = await openStream(g.eventStreamUri);
    s.close();
  });
});

describe('failRequests', () => {
  it('answers the next `count` matching requests with `status` and a real ErrorBody, with no effect', async () => {
    await fault({ failRequests: { status: 503, count: 2, match: 'POST /api/v2/webchat/guest/conversations/*/members/*/messages' } });
    expect((await emu.call('GET', `${g.base}/members`, { token: g.jwt })).status).toBe(200);
    for (let i = 0; i < 2; i++) {
      const r = await sendGuest('lost');
      expect(r.status).toBe(503);
      expect(r.body).toMatchObject({ status: 503, code: 'service.unavailable', contextId: r.headers.get('ININ-Correlation-Id'), details: [], errors: [] });
    }
    expect(await messageCount()).toBe(1);
    expect((await sendGuest('through')).status).toBe(200);
  });

  it.each([
    [500, 'internal.server.error'],
    [502, 'bad.gateway'],
    [503, 'service.unavailable'],
    [504, 'request.timeout'],
  ])('answers status %i with code %s', async (status, code) => {
    await fault({ failRequests: { status, count: 1 } });
    const r = await emu.call<ErrorBody>('GET', `${g.base}/members`, { token: g.jwt });
    expect([r.status, r.body.code, r.body.status]).toEqual([status, code, status]);
  });

  it('answers 429 with Retry-After (exposed by CORS) when retryAfterSec is set', async () => {
    await fault({ failRequests: { status: 429, count: 1, retryAfterSec: 7 } });
    const r = await emu.call<ErrorBody>('GET', `${g.base}/members`, { token: g.jwt, headers: { Origin: 'https://shop.example.com' } });
    expect(r.status).toBe(429);
    expect(r.headers.get('Retry-After')).toBe('7');
    expect(r.headers.get('Access-Control-Allow-Origin')).toBe('https://shop.example.com');
    expect(r.headers.get('Access-Control-Expose-Headers')).toContain('Retry-After');
    expect(r.body).toMatchObject({ code: 'too.many.requests.retry.after', message: 'Rate limit exceeded the maximum. Retry the request in [7] seconds' });
  });

  it('answers 429 too.many.requests without Retry-After when retryAfterSec is absent', async () => {
    await fault({ failRequests: { status: 429, count: 1 } });
    const r = await emu.call<ErrorBody>('GET', `${g.base}/members`, { token: g.jwt });
    expect([r.status, r.body.code, r.headers.get('Retry-After')]).toEqual([429, 'too.many.requests', null]);
  });

  it('with afterEffect, stores and broadcasts the message, then answers the failure', async () => {
    const s = await openStream(g.eventStreamUri);
    await fault({ failRequests: { status: 504, count: 1, afterEffect: true, match: 'POST /api/v2/**' } });
    const r = await sendGuest('did it arrive?');
    expect([r.status, r.body.code]).toEqual([504, 'request.timeout']);
    await s.waitFor((f) => f.eventBody.body === 'did it arrive?', 'the echo');
    expect(await messageCount()).toBe(2);
    s.close();
  });

  it('never applies to /_emulator, /oauth or CORS preflights', async () => {
    await fault({ failRequests: { status: 500, count: 1 } });
    expect((await emu.call('GET', '/_emulator/health')).status).toBe(200);
    expect((await adminToken(emu)).length).toBeGreaterThan(10);
    const pre = await fetch(`${emu.url}${g.base}/members`, { method: 'OPTIONS', headers: { Origin: 'https://a.example', 'Access-Control-Request-Method': 'GET' } });
    expect(pre.status).toBe(204);
    expect((await emu.call('GET', `${g.base}/members`, { token: g.jwt })).status).toBe(500);
    expect((await emu.call('GET', `${g.base}/members`, { token: g.jwt })).status).toBe(200);
  });

  it('matches the glob over METHOD /path: * within a segment, ** across segments, no query', () => {
    const re = globToRegExp('GET /api/v2/webchat/guest/conversations/*/messages');
    expect(re.test('GET /api/v2/webchat/guest/conversations/abc/messages')).toBe(true);
    expect(re.test('GET /api/v2/webchat/guest/conversations/a/b/messages')).toBe(false);
    expect(re.test('POST /api/v2/webchat/guest/conversations/abc/messages')).toBe(false);
    expect(globToRegExp('* /api/v2/**').test('DELETE /api/v2/webchat/deployments/x')).toBe(true);
    expect(globToRegExp('GET /api/v2/*').test('GET /api/v2/webchat/deployments')).toBe(false);
    expect(globToRegExp('GET /api/v2/webchat/(x)+').test('GET /api/v2/webchat/(x)+')).toBe(true);
  });

  it('is cleared by DELETE /_emulator/faults', async () => {
    await fault({ failRequests: { status: 503, count: 5 }, latencyMs: 100, rejectSockets: 5 });
    expect((await emu.call('DELETE', '/_emulator/faults')).status).toBe(204);
    expect((await emu.call('GET', `${g.base}/members`, { token: g.jwt })).status).toBe(200);
    (await openStream(g.eventStreamUri)).close();
  });
});

describe('latencyMs', () => {
  it('delays every API answer by N ms of the injected clock', async () => {
    await fault({ latencyMs: 3000 });
    const timersBefore = clock.pendingTimers();
    let settled = false;
    const pending = sendGuest('slow').then((r) => {
      settled = true;
      return r;
    });
    await until(() => clock.pendingTimers() > timersBefore, 'latency timer');
    await clock.advance(2999);
    expect(settled).toBe(false);
    await clock.advance(1);
    expect((await pending).status).toBe(200);
    // The control API is never delayed.
    expect((await emu.call('GET', '/_emulator/health')).status).toBe(200);
  });
});

describe('POST /_emulator/faults validation', () => {
  it.each([
    [{ failRequests: { status: 404, count: 1 } }, 'failRequests.status'],
    [{ failRequests: { count: 1 } }, 'failRequests.status'],
    [{ failRequests: { status: 503 } }, 'failRequests.count'],
    [{ failRequests: { status: 503, count: 'x' } }, 'failRequests.count'],
    [{ latencyMs: -1 }, 'latencyMs'],
    [{ stallSocketsMs: 'soon' }, 'stallSocketsMs'],
    [{ dropSockets: 'yes' }, 'dropSockets'],
  ])('answers 400 naming the field for %j', async (body, field) => {
    const r = await fault(body);
    expect(r.status).toBe(400);
    expect(r.body.details?.[0]?.fieldName).toBe(field);
  });

  it('answers 400 to malformed JSON', async () => {
    const r = await emu.call<ErrorBody>('POST', '/_emulator/faults', { rawBody: '{', headers: { 'Content-Type': 'application/json' } });
    expect([r.status, r.body.code]).toEqual([400, 'bad.request']);
  });
});
