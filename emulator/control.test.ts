// The control API of emulator-control.md: every call, its answers and errors, the control token off loopback,
// reset, the agent console page and its event stream.

import WebSocket from 'ws';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeClock } from '../src/lib/fake-clock';
import type { ErrorBody, WebChatMemberInfo, WebChatMessage } from '../src/protocol/models';
import { adminToken, createGuest, isType, openStream, startEmulator, updateDefaultDeployment, type Guest, type TestEmulator } from './test-kit';
import { DEFAULT_WORLD } from './world';

let emu: TestEmulator;
let g: Guest;
beforeEach(async () => {
  emu = await startEmulator({ clock: createFakeClock() });
  g = await createGuest(emu);
});
afterEach(() => emu.close());

const C = () => `/_emulator/conversations/${g.conversationId}`;

describe('control API', () => {
  it('GET /_emulator/health answers {ok:true}', async () => {
    const r = await emu.call('GET', '/_emulator/health');
    expect([r.status, r.body]).toEqual([200, { ok: true }]);
  });

  it('lists conversations newest first with id, state, members and messageCount', async () => {
    await emu.call('POST', `${g.base}/members/${g.memberId}/messages`, { token: g.jwt, body: { body: 'one' } });
    const second = await createGuest(emu, { memberInfo: { displayName: 'Bea' } });
    const r = await emu.call<Array<Record<string, unknown>>>('GET', '/_emulator/conversations');
    expect(r.body.map((c) => c.id)).toEqual([second.conversationId, g.conversationId]);
    expect(r.body[1]).toMatchObject({ id: g.conversationId, state: 'created', messageCount: 1, members: [{ id: g.memberId, role: 'CUSTOMER', displayName: 'Ana Lima', state: 'CONNECTED' }] });
  });

  it('shows one conversation with all its messages, oldest first', async () => {
    for (const body of ['one', 'two']) await emu.call('POST', `${g.base}/members/${g.memberId}/messages`, { token: g.jwt, body: { body } });
    const r = await emu.call<{ messages: WebChatMessage[]; messageCount: number }>('GET', C());
    expect(r.body.messageCount).toBe(2);
    expect(r.body.messages.map((m) => m.body)).toEqual(['one', 'two']);
    expect(r.body.messages[0]).toMatchObject({ sender: { id: g.memberId }, bodyType: 'standard', selfUri: expect.any(String) });
  });

  it('seats an agent (AGENT, CONNECTED) who writes and types; the guest sees all of it', async () => {
    const s = await openStream(g.eventStreamUri);
    const agent = await emu.call<WebChatMemberInfo>('POST', `${C()}/agent`, { body: { displayName: 'Max', avatarImageUrl: 'https://example.com/max.png' } });
    expect(agent.status).toBe(200);
    expect(agent.body).toEqual({ id: expect.any(String), displayName: 'Max', avatarImageUrl: 'https://example.com/max.png', role: 'AGENT', state: 'CONNECTED', joinDate: expect.any(String) });
    const typing = await emu.call('POST', `${C()}/agent/typing`);
    expect([typing.status, typing.text]).toEqual([204, '']);
    const msg = await emu.call<WebChatMessage>('POST', `${C()}/agent/messages`, { body: { body: 'How can I help?' } });
    expect(msg.body).toMatchObject({ sender: { id: agent.body.id }, body: 'How can I help?', bodyType: 'standard' });
    const notice = await emu.call<WebChatMessage>('POST', `${C()}/agent/messages`, { body: { body: 'Queue closes at 6', bodyType: 'notice' } });
    expect(notice.body.bodyType).toBe('notice');
    await s.waitFor((f) => isType('typing-indicator')(f) && f.eventBody.sender?.id === agent.body.id, 'agent typing');
    await s.waitFor((f) => f.eventBody.body === 'Queue closes at 6', 'notice');
    s.close();
  });

  it('names an agent "Agent" when no displayName is given', async () => {
    const agent = await emu.call<WebChatMemberInfo>('POST', `${C()}/agent`);
    expect(agent.body.displayName).toBe('Agent');
  });

  it('creates a PENDING media request', async () => {
    const r = await emu.call('POST', `${C()}/mediarequests`, { body: { types: ['SCREENSHARE'] } });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: expect.any(String), types: ['SCREENSHARE'], state: 'PENDING' });
  });

  it('answers 400 chat.error.member.state to agent actions with no connected agent', async () => {
    for (const [method, path, body] of [
      ['POST', '/agent/messages', { body: 'x' }],
      ['POST', '/agent/typing', undefined],
      ['DELETE', '/agent', undefined],
    ] as const) {
      const r = await emu.call<ErrorBody>(method, `${C()}${path}`, { body });
      expect([r.status, r.body.code]).toEqual([400, 'chat.error.member.state']);
    }
  });

  it('answers 400 to agent actions on an ended conversation, and ends a conversation idempotently', async () => {
    expect((await emu.call('POST', `${C()}/disconnect`)).status).toBe(204);
    expect((await emu.call('POST', `${C()}/disconnect`)).status).toBe(204);
    for (const path of ['/agent', '/agent/messages', '/agent/typing', '/mediarequests']) {
      const r = await emu.call<ErrorBody>('POST', `${C()}${path}`, { body: { body: 'x', types: ['COBROWSE'] } });
      expect([r.status, r.body.code]).toEqual([400, 'chat.error.conversation.state']);
    }
  });

  it('answers JSON errors: unknown conversation 404, unknown path 404, wrong method 405, bad JSON or missing fields 400', async () => {
    const unknown = '/_emulator/conversations/nope';
    for (const [method, path] of [['GET', ''], ['POST', '/agent'], ['POST', '/agent/messages'], ['POST', '/agent/typing'], ['DELETE', '/agent'], ['POST', '/mediarequests'], ['POST', '/disconnect']] as const) {
      const r = await emu.call<ErrorBody>(method, `${unknown}${path}`, method === 'GET' ? {} : { body: { body: 'x', types: ['COBROWSE'] } });
      expect([r.status, r.body.code]).toEqual([404, 'not.found']);
    }
    expect((await emu.call<ErrorBody>('GET', '/_emulator/nothing')).body).toMatchObject({ status: 404, code: 'not.found' });
    const wrong = await emu.call<ErrorBody>('PUT', '/_emulator/health');
    expect([wrong.status, wrong.headers.get('Allow')]).toEqual([405, 'GET']);
    expect(wrong.body.code).toBe('method.not.allowed');
    await emu.call('POST', `${C()}/agent`);
    const bad = await emu.call<ErrorBody>('POST', `${C()}/agent/messages`, { rawBody: '{', headers: { 'Content-Type': 'application/json' } });
    expect([bad.status, bad.body.code]).toEqual([400, 'bad.request']);
    const missing = await emu.call<ErrorBody>('POST', `${C()}/agent/messages`, { body: {} });
    expect(missing.body).toMatchObject({ status: 400, details: [{ fieldName: 'body' }] });
    const tooLong = await emu.call<ErrorBody>('POST', `${C()}/agent/messages`, { body: { body: 'x'.repeat(4001) } });
    expect(tooLong.body).toMatchObject({ status: 400, code: 'constraint.validation', details: [{ fieldName: 'body' }] });
    const noTypes = await emu.call<ErrorBody>('POST', `${C()}/mediarequests`, { body: { types: [] } });
    expect(noTypes.body).toMatchObject({ status: 400, details: [{ fieldName: 'types' }] });
    const badType = await emu.call<ErrorBody>('POST', `${C()}/mediarequests`, { body: { types: ['VIDEO'] } });
    expect(badType.body).toMatchObject({ status: 400, code: 'invalid.value' });
  });

  it('POST /_emulator/reset forgets conversations, restores the default world, clears faults and closes streams', async () => {
    const s = await openStream(g.eventStreamUri);
    await updateDefaultDeployment(emu, { disabled: true });
    const token = await adminToken(emu);
    await emu.call('POST', '/api/v2/webchat/deployments', { token, body: { name: 'Extra' } });
    await emu.call('POST', '/_emulator/faults', { body: { latencyMs: 5, rejectSockets: 3 } });
    const r = await emu.call('POST', '/_emulator/reset');
    expect([r.status, r.text]).toEqual([204, '']);
    expect((await s.closed).code).toBe(1012);
    expect((await emu.call('GET', '/_emulator/conversations')).body).toEqual([]);
    expect((await emu.call('GET', '/_emulator/faults')).body).toEqual({ latencyMs: 0, rejectSockets: 0 });
    const list = await emu.call<{ total: number; entities: Array<{ disabled: boolean; id: string }> }>('GET', '/api/v2/webchat/deployments', { token });
    expect(list.body.total).toBe(1);
    expect(list.body.entities[0]).toMatchObject({ id: DEFAULT_WORLD.deploymentId, disabled: false });
    expect((await createGuest(emu)).conversationId).toBeTruthy();
  });

  it('serves the agent console page at /agent', async () => {
    const r = await fetch(`${emu.url}/agent`);
    expect(r.status).toBe(200);
    expect(r.headers.get('Content-Type')).toContain('text/html');
    const html = await r.text();
    expect(html).toContain('Agent console');
    expect(html).toContain('/_emulator/stream');
  });

  it('streams every conversation frame, and conversation notices, to the console stream', async () => {
    const frames: Array<{ topicName: string; metadata?: { type: string } }> = [];
    const ws = new WebSocket(`ws://127.0.0.1:${emu.port}/_emulator/stream`);
    await new Promise((resolve) => ws.once('open', resolve));
    const got = new Promise<void>((resolve) =>
      ws.on('message', (d) => {
        frames.push(JSON.parse(d.toString()) as (typeof frames)[number]);
        if (frames.some((f) => f.metadata?.type === 'message')) resolve();
      }),
    );
    await emu.call('POST', `${g.base}/members/${g.memberId}/messages`, { token: g.jwt, body: { body: 'seen by the console' } });
    await got;
    expect(frames.map((f) => f.topicName)).toEqual(expect.arrayContaining([`v2.conversations.chats.${g.conversationId}.messages`, 'emulator.conversation']));
    ws.close();
  });
});

describe('control token', () => {
  it('is demanded off loopback (or when required), as a Bearer header or ?token=, and not by the WebChat API', async () => {
    const locked = await startEmulator({ requireControlToken: true, controlToken: 'sesame' });
    expect(locked.controlToken).toBe('sesame');
    const denied = await locked.call('GET', '/_emulator/health');
    expect(denied.status).toBe(401);
    expect(denied.body).toMatchObject({ status: 401 });
    expect((await locked.call('GET', '/_emulator/health', { token: 'wrong' })).status).toBe(401);
    expect((await locked.call('GET', '/_emulator/health', { token: 'sesame' })).status).toBe(200);
    expect((await locked.call('GET', '/_emulator/health?token=sesame')).status).toBe(200);
    expect((await fetch(`${locked.url}/agent`)).status).toBe(401);
    expect((await fetch(`${locked.url}/agent?token=sesame`)).status).toBe(200);
    const refused = await new Promise<number>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${locked.port}/_emulator/stream`);
      ws.on('unexpected-response', (_q, res) => resolve(res.statusCode ?? 0));
      ws.on('error', () => {});
    });
    expect(refused).toBe(401);
    expect((await createGuest(locked)).jwt).toBeTruthy();
    await locked.close();
  });

  it('is generated when bound to a non-loopback address, and absent on loopback', async () => {
    expect(emu.controlToken).toBeUndefined();
    const open = await startEmulator({ host: '0.0.0.0' });
    expect(open.controlToken).toMatch(/^[A-Za-z0-9_-]{20,}$/);
    await open.close();
  });
});
