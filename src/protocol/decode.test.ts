// The protocol decoders against what a real in-process emulator sends: every frame type, every REST answer the
// client decodes, and the malformed or unknown frames a client must survive.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGuest, isHeartbeat, isPong, openStream, startEmulator, type FrameSocket, type Guest, type TestEmulator } from '../../emulator/test-kit';
import { createFakeClock, type FakeClock } from '../lib/fake-clock';
import {
  decodeCreateWebChatConversationResponse,
  decodeErrorBody,
  decodeFrame,
  decodeStringMap,
  decodeWebChatGuestMediaRequest,
  decodeWebChatGuestMediaRequestEntityList,
  decodeWebChatMemberInfo,
  decodeWebChatMemberInfoEntityList,
  decodeWebChatMessage,
  decodeWebChatMessageEntityList,
  decodeWebChatTyping,
} from './decode';
import type { StreamFrame } from './frames';

let emu: TestEmulator;
let clock: FakeClock;
let g: Guest;
let s: FrameSocket;
let decoded: StreamFrame[];
let agentId: string;
let mediaId: string;

beforeAll(async () => {
  clock = createFakeClock();
  emu = await startEmulator({ clock, heartbeatMs: 10_000 });
  g = await createGuest(emu);
  s = await openStream(g.eventStreamUri);
  const C = `/_emulator/conversations/${g.conversationId}`;
  agentId = (await emu.call<{ id: string }>('POST', `${C}/agent`, { body: { displayName: 'Max' } })).body.id;
  await emu.call('POST', `${g.base}/members/${g.memberId}/messages`, { token: g.jwt, body: { body: 'hello' } });
  await emu.call('POST', `${g.base}/members/${g.memberId}/typing`, { token: g.jwt });
  await emu.call('POST', `${C}/agent/messages`, { body: { body: 'Queue closes soon', bodyType: 'notice' } });
  mediaId = (await emu.call<{ id: string }>('POST', `${C}/mediarequests`, { body: { types: ['COBROWSE'] } })).body.id;
  await emu.call('PATCH', `${g.base}/mediarequests/${mediaId}`, { token: g.jwt, body: { types: ['COBROWSE'], state: 'ACCEPTED' } });
  await emu.call('POST', `${C}/mediarequests`, { body: { types: ['SCREENSHARE'] } });
  s.ws.send(JSON.stringify({ message: 'ping' }));
  await s.waitFor(isPong, 'pong');
  await clock.advance(10_000);
  await s.waitFor(isHeartbeat, 'heartbeat');
  await emu.call('DELETE', `${g.base}/members/${g.memberId}`, { token: g.jwt });
  await s.closed;
  decoded = s.raw.map((text) => {
    const r = decodeFrame(text);
    if (!r.ok) throw new Error(`${r.error}: ${text}`);
    return r.frame;
  });
});
afterAll(() => emu.close());

describe('decodeFrame on the emulator’s frames', () => {
  it('decodes every frame the emulator sent', () => {
    expect(decoded.length).toBe(s.raw.length);
    expect(decoded.filter((f) => f.type === 'other')).toEqual([]);
  });

  it('covers every frame type: message (all body types), typing, member-change (all states), media-request, heartbeat, pong', () => {
    const kinds = new Set(
      decoded.map((f) => {
        if (f.type === 'message') return `message:${f.body.bodyType}`;
        if (f.type === 'member-change') return `member-change:${f.body.member.state}`;
        if (f.type === 'media-request') return `media-request:${f.body.state}`;
        return f.type;
      }),
    );
    expect([...kinds].sort()).toEqual(
      [
        'heartbeat',
        'pong',
        'typing-indicator',
        'message:standard',
        'message:notice',
        'message:member-join',
        'message:member-leave',
        'message:media-request',
        'member-change:ALERTING',
        'member-change:CONNECTED',
        'member-change:DISCONNECTED',
        'media-request:PENDING',
        'media-request:ACCEPTED',
        'media-request:CANCELLED',
      ].sort(),
    );
  });

  it('keeps the conversation id, correlation id and bodies', () => {
    const message = decoded.find((f) => f.type === 'message' && f.body.body === 'hello');
    expect(message).toEqual({
      type: 'message',
      conversationId: g.conversationId,
      correlationId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      body: { id: expect.any(String), conversation: { id: g.conversationId }, sender: { id: g.memberId }, body: 'hello', bodyType: 'standard', timestamp: expect.any(String) },
    });
    const join = decoded.find((f) => f.type === 'member-change' && f.body.member.state === 'ALERTING');
    expect(join).toMatchObject({ body: { member: { id: agentId, state: 'ALERTING' }, conversation: { id: g.conversationId } } });
    const typing = decoded.find((f) => f.type === 'typing-indicator');
    expect(typing).toMatchObject({ body: { sender: { id: g.memberId }, conversation: { id: g.conversationId } } });
    const media = decoded.find((f) => f.type === 'media-request' && f.body.id === mediaId);
    expect(media).toMatchObject({ body: { types: ['COBROWSE'], state: 'PENDING', communicationId: expect.any(String), securityKey: expect.any(String) } });
  });
});

describe('decoders on the emulator’s REST answers', () => {
  it('decode the create answer, members, messages, typing and media requests', async () => {
    const created = await emu.call('POST', '/api/v2/webchat/guest/conversations', {
      body: { organizationId: emu.ids.organizationId, deploymentId: emu.ids.deploymentId, routingTarget: { targetType: 'QUEUE', targetAddress: 'Support' }, memberInfo: { displayName: 'Zoe' } },
    });
    const c = decodeCreateWebChatConversationResponse(created.body);
    const base = `/api/v2/webchat/guest/conversations/${c.id}`;
    const token = c.jwt;
    expect(c.member).toEqual({ id: expect.any(String) });
    await emu.call('POST', `/_emulator/conversations/${c.id}/agent`);
    const mr = await emu.call('POST', `/_emulator/conversations/${c.id}/mediarequests`, { body: { types: ['COBROWSE'] } });
    const sent = decodeWebChatMessage((await emu.call('POST', `${base}/members/${c.member.id}/messages`, { token, body: { body: 'x' } })).body);
    expect(sent.conversation.selfUri).toBe(`/api/v2/conversations/${c.id}`);
    expect(decodeWebChatTyping((await emu.call('POST', `${base}/members/${c.member.id}/typing`, { token })).body).sender.id).toBe(c.member.id);
    expect(decodeWebChatMemberInfo((await emu.call('GET', `${base}/members/${c.member.id}`, { token })).body)).toMatchObject({ displayName: 'Zoe', role: 'CUSTOMER', state: 'CONNECTED' });
    expect(decodeWebChatMemberInfoEntityList((await emu.call('GET', `${base}/members`, { token })).body).total).toBe(2);
    const list = decodeWebChatMessageEntityList((await emu.call('GET', `${base}/messages?maxResults=1`, { token })).body);
    expect(list).toMatchObject({ pageSize: 1, next: expect.stringMatching(/^\/api\/v2\//) });
    expect(decodeWebChatGuestMediaRequestEntityList((await emu.call('GET', `${base}/mediarequests`, { token })).body).entities).toHaveLength(1);
    expect(decodeWebChatGuestMediaRequest(mr.body).state).toBe('PENDING');
  });

  it('decodes the emulator’s ErrorBody', async () => {
    const r = await emu.call('GET', '/api/v2/nowhere');
    expect(decodeErrorBody(r.body)).toEqual({ code: 'not.found', message: 'The requested resource was not found.', status: 404, contextId: r.headers.get('ININ-Correlation-Id'), details: [] });
  });
});

describe('decodeFrame on frames a client must survive', () => {
  it.each([
    ['not JSON', 'nope'],
    ['a JSON array', '[]'],
    ['no topicName', '{"eventBody":{}}'],
    ['a message without sender', JSON.stringify({ topicName: 'v2.conversations.chats.c.messages', version: '2', eventBody: { id: 'm', conversation: { id: 'c' }, body: '', bodyType: 'standard', timestamp: 't' }, metadata: { type: 'message' } })],
    ['a member-change with an unknown state', JSON.stringify({ topicName: 'v2.conversations.chats.c.members', eventBody: { conversation: { id: 'c' }, member: { id: 'm', state: 'DANCING' }, timestamp: 't' }, metadata: { type: 'member-change' } })],
  ])('refuses %s', (_n, text) => {
    expect(decodeFrame(text).ok).toBe(false);
  });

  it.each([
    ['an unknown topic', { topicName: 'v2.users.x.presence', eventBody: {} }],
    ['an unknown metadata.type', { topicName: 'v2.conversations.chats.c.messages', eventBody: {}, metadata: { type: 'reaction' } }],
    ['an unknown bodyType', { topicName: 'v2.conversations.chats.c.messages', eventBody: { bodyType: 'card' }, metadata: { type: 'message' } }],
    ['another channel.metadata message', { topicName: 'channel.metadata', eventBody: { message: 'hello' } }],
  ])('reads %s as other', (_n, frame) => {
    const r = decodeFrame(JSON.stringify(frame));
    expect(r.ok && r.frame.type).toBe('other');
  });

  it('reads socket_closing', () => {
    expect(decodeFrame({ topicName: 'v2.system.socket_closing', eventBody: { message: 'bye' } })).toEqual({ ok: true, frame: { type: 'socket-closing', message: 'bye' } });
  });
});

describe('the shape walker behind the decoders', () => {
  const message = { id: 'm1', conversation: { id: 'c1', selfUri: '/api/v2/conversations/c1' }, sender: { id: 'a1' }, body: 'hi', bodyType: 'standard', timestamp: 't' };

  it('names the exact path of what is wrong, through objects, lists and maps', () => {
    expect(() => decodeWebChatMessage({ ...message, sender: {} })).toThrow('message.sender.id: expected a string');
    expect(() => decodeWebChatMessage({ ...message, conversation: 'c1' })).toThrow('message.conversation: expected an object');
    expect(() => decodeWebChatMessageEntityList({ entities: [message, { ...message, bodyType: 'card' }], pageSize: 2 })).toThrow(
      'messages.entities[1].bodyType: expected one of standard, notice, member-join, member-leave, media-request',
    );
    expect(() => decodeWebChatMemberInfo({ role: 'AGENT', customFields: { plan: 3 } })).toThrow('member.customFields.plan: expected a string');
    expect(() => decodeWebChatGuestMediaRequest({ types: ['COBROWSE', 'FAX'], state: 'PENDING' })).toThrow('mediaRequest.types[1]: expected one of COBROWSE, SCREENSHARE');
    expect(() => decodeWebChatMemberInfoEntityList({ entities: 'x', pageSize: 1, pageNumber: 1, total: 1, pageCount: 1 })).toThrow('members.entities: expected an array');
  });

  it('leaves out optional fields that are absent or null, but refuses them with the wrong type', () => {
    expect(decodeWebChatMemberInfo({ role: 'AGENT', email: null, leaveDate: null, state: null, shoeSize: 44 })).toEqual({ role: 'AGENT' });
    expect(() => decodeWebChatMemberInfo({ role: 'AGENT', authenticatedGuest: 'yes' })).toThrow('member.authenticatedGuest: expected a boolean');
    expect(() => decodeWebChatMemberInfo({ role: 'AGENT', state: 'DANCING' })).toThrow('member.state: expected one of');
  });

  it('requires finite numbers', () => {
    expect(() => decodeWebChatMessageEntityList({ entities: [], pageSize: Infinity })).toThrow('messages.pageSize: expected a number');
    expect(() => decodeWebChatMessageEntityList({ entities: [], pageSize: '25' })).toThrow('messages.pageSize: expected a number');
  });

  it('copies maps of strings and refuses anything else', () => {
    const input = { plan: 'gold' };
    const copy = decodeStringMap(input);
    expect(copy).toEqual(input);
    expect(copy).not.toBe(input);
    for (const bad of [['a'], 'text', null, { n: 1 }]) expect(() => decodeStringMap(bad)).toThrow(/expected/);
  });

  it('reads an ErrorBody only when it is one, with defaults for what it may leave out', () => {
    expect(decodeErrorBody({ code: 'bad.request' })).toEqual({ code: 'bad.request', message: '', status: 0 });
    for (const notOne of [undefined, '<html>', [], { message: 'no code' }, { code: 'x', status: '400' }, { code: 'x', details: [{ fieldName: 1 }] }]) {
      expect(decodeErrorBody(notOne)).toBeUndefined();
    }
  });

  it('reads a frame type that names a property of every object as unknown, not as an event', () => {
    for (const type of ['constructor', 'toString', '__proto__']) {
      const r = decodeFrame({ topicName: 'v2.conversations.chats.c.messages', eventBody: {}, metadata: { type } });
      expect(r.ok && r.frame.type).toBe('other');
    }
  });

  it('tolerates a frame without a CorrelationId', () => {
    const r = decodeFrame({ topicName: 'v2.conversations.chats.c.members', eventBody: { conversation: { id: 'c' }, member: { id: 'm', state: 'CONNECTED' }, timestamp: 't' }, metadata: { type: 'member-change' } });
    expect(r).toMatchObject({ ok: true, frame: { type: 'member-change', conversationId: 'c', correlationId: '' } });
  });
});
