// The event stream (webchat-v2.md §6): upgrade and refusals, exact frame shapes, echoes, per-conversation
// isolation, heartbeats on the injected clock, ping→pong, ignored client frames, and routing on attach.

import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeClock, type FakeClock } from '../src/lib/fake-clock';
import { createGuest, isHeartbeat, isPong, isType, openStream, startEmulator, until, type Frame, type Guest, type TestEmulator } from './test-kit';

let emu: TestEmulator;
let clock: FakeClock;
let g: Guest;
beforeEach(async () => {
  clock = createFakeClock();
  emu = await startEmulator({ clock, heartbeatMs: 10_000 });
  g = await createGuest(emu);
});
afterEach(() => emu.close());

const control = (path: string, body?: unknown) => emu.call<{ id: string }>('POST', `/_emulator/conversations/${g.conversationId}${path}`, { body: body ?? {} });
const refusal = (uri: string) =>
  new Promise<number>((resolve, reject) => {
    const ws = new WebSocket(uri);
    ws.on('unexpected-response', (_req, res) => {
      resolve(res.statusCode ?? 0);
      ws.terminate();
    });
    ws.on('open', () => reject(new Error('upgrade was accepted')));
    ws.on('error', () => {});
  });
const ping = async (s: Awaited<ReturnType<typeof openStream>>) => {
  const from = s.raw.length;
  s.ws.send(JSON.stringify({ message: 'ping' }));
  return s.waitFor(isPong, 'pong', from);
};

describe('upgrade', () => {
  it('serves the stream at ws://HOST:PORT/chat/jwt/{jwt}', async () => {
    expect(g.eventStreamUri).toBe(`ws://127.0.0.1:${emu.port}/chat/jwt/${g.jwt}`);
    const s = await openStream(g.eventStreamUri);
    expect(emu.guestSocketCount(g.conversationId)).toBe(1);
    s.close();
  });

  it('refuses a bad, foreign or expired JWT with 401, a forgotten conversation and another path with 404', async () => {
    expect(await refusal(`ws://127.0.0.1:${emu.port}/chat/jwt/garbage`)).toBe(401);
    const other = await startEmulator({ clock });
    const foreign = await createGuest(other);
    await other.close();
    expect(await refusal(`ws://127.0.0.1:${emu.port}/chat/jwt/${foreign.jwt}`)).toBe(401);
    expect(await refusal(`ws://127.0.0.1:${emu.port}/somewhere`)).toBe(404);
    const g2 = await createGuest(emu);
    await emu.call('POST', '/_emulator/reset');
    expect(await refusal(g2.eventStreamUri)).toBe(404);
    const g3 = await createGuest(emu);
    await clock.advance(22 * 3600 * 1000);
    expect(await refusal(g3.eventStreamUri)).toBe(401);
  });

  it('accepts several sockets on one stream, each getting every frame', async () => {
    const [s1, s2] = [await openStream(g.eventStreamUri), await openStream(g.eventStreamUri)];
    await control('/agent', { displayName: 'Max' });
    await control('/agent/messages', { body: 'to both' });
    for (const s of [s1, s2]) await s.waitFor((f) => f.eventBody.body === 'to both', 'agent message');
    s1.close();
    s2.close();
  });

  it('closes a reopened stream of an ended conversation with 1000 at once', async () => {
    await control('/disconnect');
    const s = await openStream(g.eventStreamUri);
    expect((await s.closed).code).toBe(1000);
  });
});

describe('frames', () => {
  it('sends a message frame (own echo included) in the recorded shape: no selfUri, conversation id only', async () => {
    const s = await openStream(g.eventStreamUri);
    const sent = await emu.call<{ id: string; timestamp: string }>('POST', `${g.base}/members/${g.memberId}/messages`, { token: g.jwt, body: { body: 'echo me' } });
    const f = await s.waitFor(isType('message'), 'message');
    expect(f).toEqual({
      topicName: `v2.conversations.chats.${g.conversationId}.messages`,
      version: '2',
      eventBody: { id: sent.body.id, conversation: { id: g.conversationId }, sender: { id: g.memberId }, body: 'echo me', bodyType: 'standard', timestamp: sent.body.timestamp },
      metadata: { CorrelationId: expect.stringMatching(/^[0-9a-f-]{36}$/), type: 'message' },
    });
    s.close();
  });

  it("echoes the guest's own typing as a typing-indicator with the REST answer's id", async () => {
    const s = await openStream(g.eventStreamUri);
    const typing = await emu.call<{ id: string; timestamp: string }>('POST', `${g.base}/members/${g.memberId}/typing`, { token: g.jwt });
    const f = await s.waitFor(isType('typing-indicator'), 'typing');
    expect(f).toEqual({
      topicName: `v2.conversations.chats.${g.conversationId}.messages`,
      version: '2',
      eventBody: { id: typing.body.id, conversation: { id: g.conversationId }, sender: { id: g.memberId }, timestamp: typing.body.timestamp },
      metadata: { CorrelationId: expect.any(String), type: 'typing-indicator' },
    });
    s.close();
  });

  it('announces an agent joining: ALERTING, CONNECTED (id and state only), then a member-join message', async () => {
    const s = await openStream(g.eventStreamUri);
    const agent = await control('/agent', { displayName: 'Max' });
    const frames = await s.waitForCount(() => true, 3, 'join frames');
    expect(frames.map((f) => [f.metadata?.type, f.eventBody.member?.state ?? f.eventBody.bodyType])).toEqual([
      ['member-change', 'ALERTING'],
      ['member-change', 'CONNECTED'],
      ['message', 'member-join'],
    ]);
    expect(frames[1]).toEqual({
      topicName: `v2.conversations.chats.${g.conversationId}.members`,
      version: '2',
      eventBody: { conversation: { id: g.conversationId }, member: { id: agent.body.id, state: 'CONNECTED' }, timestamp: expect.any(String) },
      metadata: { CorrelationId: expect.any(String), type: 'member-change' },
    });
    expect(frames[2]?.eventBody).toMatchObject({ sender: { id: agent.body.id }, body: '' });
    s.close();
  });

  it('announces a media request with a media-request frame and a media-request message whose body is its id', async () => {
    const s = await openStream(g.eventStreamUri);
    const agent = await control('/agent', { displayName: 'Max' });
    const r = await control('/mediarequests', { types: ['COBROWSE', 'SCREENSHARE'] });
    const f = await s.waitFor(isType('media-request'), 'media-request');
    expect(f).toEqual({
      topicName: `v2.conversations.chats.${g.conversationId}.mediarequests`,
      version: '2',
      eventBody: { id: r.body.id, conversation: { id: g.conversationId }, types: ['COBROWSE', 'SCREENSHARE'], state: 'PENDING', communicationId: expect.any(String), securityKey: expect.any(String), timestamp: expect.any(String) },
      metadata: { CorrelationId: expect.any(String), type: 'media-request' },
    });
    const m = await s.waitFor((x) => x.eventBody.bodyType === 'media-request', 'media-request message');
    expect(m.eventBody).toMatchObject({ body: r.body.id, sender: { id: agent.body.id } });
    s.close();
  });

  it("gives a guest socket only its own conversation's frames", async () => {
    const b = await createGuest(emu, { memberInfo: { displayName: 'Bea' } });
    const sa = await openStream(g.eventStreamUri);
    const sb = await openStream(b.eventStreamUri);
    const ctl = (p: string, body?: unknown) => emu.call('POST', `/_emulator/conversations/${b.conversationId}${p}`, { body: body ?? {} });
    await ctl('/agent', { displayName: 'Max' });
    await emu.call('POST', `${b.base}/members/${b.memberId}/messages`, { token: b.jwt, body: { body: 'secret of b' } });
    await emu.call('POST', `${b.base}/members/${b.memberId}/typing`, { token: b.jwt });
    await ctl('/mediarequests', { types: ['COBROWSE'] });
    await emu.call('DELETE', `${b.base}/members/${b.memberId}`, { token: b.jwt });
    await sb.closed;
    // A marker on a's own conversation: once it arrives, anything of b's would have arrived before it.
    await emu.call('POST', `${g.base}/members/${g.memberId}/messages`, { token: g.jwt, body: { body: 'marker' } });
    await sa.waitFor((f) => f.eventBody.body === 'marker', 'marker');
    const foreign = sa.frames().filter((f: Frame) => f.topicName.includes(b.conversationId) || JSON.stringify(f).includes(b.conversationId));
    expect(foreign).toEqual([]);
    expect(sb.frames().some((f) => f.eventBody.body === 'secret of b')).toBe(true);
    sa.close();
  });
});

describe('heartbeats and ping', () => {
  it('sends a channel.metadata heartbeat every heartbeatMs of the injected clock, and none before', async () => {
    const s = await openStream(g.eventStreamUri);
    await clock.advance(9_999);
    await ping(s);
    expect(s.frames().filter(isHeartbeat)).toEqual([]);
    await clock.advance(1);
    const hb = await s.waitFor(isHeartbeat, 'first heartbeat');
    expect(hb).toEqual({ topicName: 'channel.metadata', eventBody: { message: 'WebSocket Heartbeat' } });
    await clock.advance(10_000);
    await s.waitForCount(isHeartbeat, 2, 'second heartbeat');
    await clock.advance(30_000);
    await s.waitForCount(isHeartbeat, 5, 'five heartbeats');
    s.close();
  });

  it('honours the heartbeatMs option', async () => {
    const fast = await startEmulator({ clock, heartbeatMs: 250 });
    const fg = await createGuest(fast);
    const s = await openStream(fg.eventStreamUri);
    await clock.advance(1000);
    await s.waitForCount(isHeartbeat, 4, 'four heartbeats');
    s.close();
    await fast.close();
  });

  it('answers {"message":"ping"} with a pong', async () => {
    const s = await openStream(g.eventStreamUri);
    expect(await ping(s)).toEqual({ topicName: 'channel.metadata', eventBody: { message: 'pong' } });
    s.close();
  });

  it('ignores malformed and unknown client frames without affecting any socket', async () => {
    const noisy = await openStream(g.eventStreamUri);
    const quiet = await openStream(g.eventStreamUri);
    for (const junk of ['not json', '{}', '[]', 'null', '{"message":"pong"}', '{"message":{"nested":"ping"}}', '\u0000\u0001', '{"message":"ping"'.repeat(3)]) noisy.ws.send(junk);
    noisy.ws.send(Buffer.from([1, 2, 3]), { binary: true });
    expect(await ping(noisy)).toBeTruthy();
    await control('/agent', { displayName: 'Max' });
    for (const s of [noisy, quiet]) await s.waitFor(isType('member-change'), 'member-change');
    expect(noisy.frames().filter(isPong)).toHaveLength(1);
    noisy.close();
    quiet.close();
  });

  it('closes only the socket that sends an oversized frame (1009)', async () => {
    const big = await openStream(g.eventStreamUri);
    const other = await openStream(g.eventStreamUri);
    big.ws.send('x'.repeat(70 * 1024));
    expect((await big.closed).code).toBe(1009);
    expect(await ping(other)).toBeTruthy();
    expect((await emu.call('GET', `${g.base}/members`, { token: g.jwt })).status).toBe(200);
    other.close();
  });
});

describe('routing', () => {
  it('routes a conversation only once its stream is attached: the auto agent never joins an unopened chat', async () => {
    const auto = await startEmulator({ clock, agent: 'auto', agentDelayMs: 1500 });
    const ag = await createGuest(auto);
    const view = async () => (await auto.call<{ state: string; routed: boolean; members: unknown[] }>('GET', `/_emulator/conversations/${ag.conversationId}`)).body;
    await clock.advance(60_000);
    expect(await view()).toMatchObject({ state: 'created', routed: false, members: [expect.objectContaining({ role: 'CUSTOMER' })] });
    const s = await openStream(ag.eventStreamUri);
    await until(() => clock.pendingTimers() > 1, 'auto agent scheduled');
    expect(await view()).toMatchObject({ state: 'queued', routed: true });
    await clock.advance(1499);
    expect((await view()).members).toHaveLength(1);
    await clock.advance(1);
    await s.waitFor((f) => f.eventBody.member?.state === 'CONNECTED', 'agent connected');
    expect(await view()).toMatchObject({ state: 'connected' });
    s.close();
    await auto.close();
  });

  it('keeps the member state when a socket drops (the guest may reopen the same URI)', async () => {
    const s = await openStream(g.eventStreamUri);
    s.ws.terminate();
    await s.closed;
    const again = await openStream(g.eventStreamUri);
    const me = await emu.call<{ state: string }>('GET', `${g.base}/members/${g.memberId}`, { token: g.jwt });
    expect(me.body.state).toBe('CONNECTED');
    again.close();
  });
});
