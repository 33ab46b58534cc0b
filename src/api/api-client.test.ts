import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../lib/fake-clock';
import { silentLogger } from '../lib/log';
import { createAdminApi } from './admin-api';
import { createApiClient, type ApiClientOptions } from './api-client';
import { ApiError } from './api-error';
import { failure, fakeFetch, finish, json, type Call } from './fake-fetch.test.helper';
import { createGuestApi } from './guest-api';
import type { ApiClient, GuestSession } from './types';

const errorBody = (status: number, code: string) => json(status, { message: code, code, status, contextId: 'ctx' });

const BASE = 'https://api.example.test';
const C = 'c0000000-0000-4000-8000-00000000000c';
const M = 'm0000000-0000-4000-8000-00000000000m';
const session: GuestSession = { conversationId: C, memberId: M, jwt: 'guest.jwt.token' };
const GUEST = `${BASE}/api/v2/webchat/guest/conversations`;

const message = { id: 'msg-1', conversation: { id: C, selfUri: `/api/v2/conversations/${C}` }, sender: { id: M }, body: 'hi', bodyType: 'standard', timestamp: '2026-01-01T00:00:00.000Z', selfUri: `/api/v2/webchat/guest/conversations/${C}/messages/msg-1` };
const member = { id: M, displayName: 'Ann', role: 'CUSTOMER', state: 'CONNECTED', joinDate: '2026-01-01T00:00:00.000Z' };
const typing = { id: 't-1', conversation: { id: C, selfUri: `/api/v2/conversations/${C}` }, sender: { id: M }, timestamp: '2026-01-01T00:00:01.000Z' };
const mediaRequest = { id: 'mr-1', types: ['COBROWSE'], state: 'PENDING', selfUri: `/api/v2/webchat/guest/conversations/${C}/mediarequests/mr-1` };
const memberList = { entities: [member], pageSize: 25, pageNumber: 1, total: 1, pageCount: 1, selfUri: 'x' };
const messageList = { entities: [message], pageSize: 100, next: `/api/v2/webchat/guest/conversations/${C}/messages?after=msg-1&sortOrder=ascending&maxResults=100` };
const deployment = { id: 'd-1', name: 'Site', disabled: false, authenticationRequired: false, allowedDomains: ['example.com'], webChatConfig: { webChatSkin: 'basic' }, flow: { id: 'f' }, selfUri: '/api/v2/webchat/deployments/d-1' };
const createRequest = { organizationId: 'o', deploymentId: 'd', routingTarget: { targetType: 'QUEUE', targetAddress: 'Support' }, memberInfo: { displayName: 'Ann' } };
const createResponse = { id: C, jwt: 'guest.jwt.token', eventStreamUri: 'wss://streaming.example.test/chat/jwt/guest.jwt.token', member: { id: M } };

interface Case {
  name: string;
  call: (api: ApiClient) => Promise<unknown>;
  method: string;
  url: string;
  auth: string | undefined;
  body?: unknown;
  answer: Response;
  result: unknown;
}

const adminAuth = 'Bearer admin-token';
const guestAuth = 'Bearer guest.jwt.token';

const cases: Case[] = [
  { name: 'createConversation', call: (a) => a.createConversation(createRequest), method: 'POST', url: GUEST, auth: undefined, body: createRequest, answer: json(200, createResponse), result: createResponse },
  { name: 'listMembers without a query', call: (a) => a.listMembers(session), method: 'GET', url: `${GUEST}/${C}/members`, auth: guestAuth, answer: json(200, memberList), result: memberList },
  {
    name: 'listMembers with a query',
    call: (a) => a.listMembers(session, { pageSize: 100, pageNumber: 2, excludeDisconnectedMembers: true }),
    method: 'GET',
    url: `${GUEST}/${C}/members?pageSize=100&pageNumber=2&excludeDisconnectedMembers=true`,
    auth: guestAuth,
    answer: json(200, memberList),
    result: memberList,
  },
  { name: 'getMember', call: (a) => a.getMember(session, 'agent-1'), method: 'GET', url: `${GUEST}/${C}/members/agent-1`, auth: guestAuth, answer: json(200, member), result: member },
  { name: 'leave', call: (a) => a.leave(session), method: 'DELETE', url: `${GUEST}/${C}/members/${M}`, auth: guestAuth, answer: new Response(null, { status: 204 }), result: undefined },
  { name: 'sendMessage', call: (a) => a.sendMessage(session, { body: 'hi' }), method: 'POST', url: `${GUEST}/${C}/members/${M}/messages`, auth: guestAuth, body: { body: 'hi' }, answer: json(200, message), result: message },
  { name: 'sendTyping', call: (a) => a.sendTyping(session), method: 'POST', url: `${GUEST}/${C}/members/${M}/typing`, auth: guestAuth, answer: json(200, typing), result: typing },
  { name: 'listMessages without a query', call: (a) => a.listMessages(session), method: 'GET', url: `${GUEST}/${C}/messages`, auth: guestAuth, answer: json(200, messageList), result: messageList },
  {
    name: 'listMessages with a query',
    call: (a) => a.listMessages(session, { after: 'a-1', before: 'b-1', sortOrder: 'descending', maxResults: 50 }),
    method: 'GET',
    url: `${GUEST}/${C}/messages?after=a-1&before=b-1&sortOrder=descending&maxResults=50`,
    auth: guestAuth,
    answer: json(200, messageList),
    result: messageList,
  },
  { name: 'listMessagesAt', call: (a) => a.listMessagesAt(session, messageList.next), method: 'GET', url: `${BASE}${messageList.next}`, auth: guestAuth, answer: json(200, messageList), result: messageList },
  { name: 'getMessage', call: (a) => a.getMessage(session, 'msg-1'), method: 'GET', url: `${GUEST}/${C}/messages/msg-1`, auth: guestAuth, answer: json(200, message), result: message },
  { name: 'listMediaRequests', call: (a) => a.listMediaRequests(session), method: 'GET', url: `${GUEST}/${C}/mediarequests`, auth: guestAuth, answer: json(200, { entities: [mediaRequest] }), result: { entities: [mediaRequest] } },
  { name: 'getMediaRequest', call: (a) => a.getMediaRequest(session, 'mr-1'), method: 'GET', url: `${GUEST}/${C}/mediarequests/mr-1`, auth: guestAuth, answer: json(200, mediaRequest), result: mediaRequest },
  {
    name: 'updateMediaRequest',
    call: (a) => a.updateMediaRequest(session, 'mr-1', { types: ['COBROWSE'], state: 'ACCEPTED' }),
    method: 'PATCH',
    url: `${GUEST}/${C}/mediarequests/mr-1`,
    auth: guestAuth,
    body: { types: ['COBROWSE'], state: 'ACCEPTED' },
    answer: json(200, { ...mediaRequest, state: 'ACCEPTED' }),
    result: { ...mediaRequest, state: 'ACCEPTED' },
  },
  { name: 'listDeployments', call: (a) => a.listDeployments(), method: 'GET', url: `${BASE}/api/v2/webchat/deployments`, auth: adminAuth, answer: json(200, { total: 1, entities: [deployment], selfUri: '/api/v2/webchat/deployments' }), result: { total: 1, entities: [deployment], selfUri: '/api/v2/webchat/deployments' } },
  { name: 'createDeployment', call: (a) => a.createDeployment({ name: 'Site' }), method: 'POST', url: `${BASE}/api/v2/webchat/deployments`, auth: adminAuth, body: { name: 'Site' }, answer: json(200, deployment), result: deployment },
  { name: 'getDeployment', call: (a) => a.getDeployment('d-1'), method: 'GET', url: `${BASE}/api/v2/webchat/deployments/d-1`, auth: adminAuth, answer: json(200, deployment), result: deployment },
  { name: 'updateDeployment', call: (a) => a.updateDeployment('d-1', { name: 'New', disabled: true }), method: 'PUT', url: `${BASE}/api/v2/webchat/deployments/d-1`, auth: adminAuth, body: { name: 'New', disabled: true }, answer: json(200, deployment), result: deployment },
  { name: 'deleteDeployment', call: (a) => a.deleteDeployment('d-1'), method: 'DELETE', url: `${BASE}/api/v2/webchat/deployments/d-1`, auth: adminAuth, answer: new Response(null, { status: 204 }), result: undefined },
  { name: 'getSettings', call: (a) => a.getSettings(), method: 'GET', url: `${BASE}/api/v2/webchat/settings`, auth: adminAuth, answer: json(200, { requireDeployment: true }), result: { requireDeployment: true } },
  { name: 'updateSettings', call: (a) => a.updateSettings({ requireDeployment: false }), method: 'PUT', url: `${BASE}/api/v2/webchat/settings`, auth: adminAuth, body: { requireDeployment: false }, answer: json(200, { requireDeployment: false }), result: { requireDeployment: false } },
  { name: 'deleteSettings', call: (a) => a.deleteSettings(), method: 'DELETE', url: `${BASE}/api/v2/webchat/settings`, auth: adminAuth, answer: new Response(null, { status: 204 }), result: undefined },
  { name: 'signData', call: (a) => a.signData({ authorized: true, date: 1 }), method: 'POST', url: `${BASE}/api/v2/signeddata`, auth: adminAuth, body: { authorized: true, date: 1 }, answer: json(200, { jwt: 'signed' }), result: { jwt: 'signed' } },
];

function setup(answer: (call: Call, n: number) => Response | Error, options: Partial<ApiClientOptions> = {}) {
  const clock = createFakeClock();
  const { fetch, calls } = fakeFetch(clock, answer);
  const api = createApiClient({ apiBase: BASE, fetch, clock, logger: silentLogger, getAccessToken: () => 'admin-token', random: () => 0, ...options });
  return { clock, calls, api };
}

describe('every operation', () => {
  it.each(cases)('$name sends the right request and returns the decoded answer', async (c) => {
    const { clock, calls, api } = setup(() => c.answer.clone());
    const result = await finish(clock, c.call(api));
    expect(result).toEqual(c.result);
    expect(calls).toHaveLength(1);
    const [call] = calls;
    expect(call?.method).toBe(c.method);
    expect(call?.url).toBe(c.url);
    expect(call?.headers.authorization).toBe(c.auth);
    expect(call?.headers.accept).toBe('application/json');
    if (c.body === undefined) {
      expect(call?.body).toBeUndefined();
      expect(call?.headers['content-type']).toBeUndefined();
    } else {
      expect(JSON.parse(call?.body ?? 'null')).toEqual(c.body);
      expect(call?.headers['content-type']).toBe('application/json');
    }
  });

  it.each(cases.filter((c) => c.result !== undefined))('$name refuses an answer of the wrong shape', async (c) => {
    const { clock, api } = setup(() => json(200, { entities: 'nope', id: 42, jwt: 7, total: 'x', requireDeployment: 'yes' }));
    const e = await failure(finish(clock, c.call(api)));
    expect(e).toBeInstanceOf(ApiError);
    expect(e).toMatchObject({ code: 'client.invalid.response', status: 200, retryable: false });
  });

  it.each(cases)('$name turns an ErrorBody into an ApiError', async (c) => {
    const { clock, api } = setup(() => errorBody(404, 'not.found'));
    const e = await failure(finish(clock, c.call(api)));
    expect(e).toMatchObject({ status: 404, code: 'not.found', contextId: 'ctx' });
  });
});

describe('the guest operations', () => {
  it('encodes ids in paths', async () => {
    const { clock, calls, api } = setup(() => json(200, message));
    await finish(clock, api.getMessage({ ...session, conversationId: 'a/b?c' }, 'x y#z'));
    expect(calls[0]?.url).toBe(`${GUEST}/a%2Fb%3Fc/messages/x%20y%23z`);
  });

  it('drops unknown fields from answers', async () => {
    const { clock, api } = setup(() => json(200, { ...member, shoeSize: 44 }));
    expect(await finish(clock, api.getMember(session, M))).toEqual(member);
  });

  it('never repeats a message POST: not after 429, 5xx or no answer', async () => {
    for (const answer of [json(429, { code: 'too.many.requests.retry.after', message: 'm', status: 429 }, { 'Retry-After': '1' }), errorBody(500, 'chat.error'), errorBody(503, 'service.unavailable'), errorBody(504, 'request.timeout'), new TypeError('reset')]) {
      const { clock, calls, api } = setup((_, n) => (n === 1 ? (answer instanceof Error ? answer : answer.clone()) : json(200, message)));
      const e = await failure(finish(clock, api.sendMessage(session, { body: 'once' })));
      expect(e).toBeInstanceOf(ApiError);
      await clock.advance(120_000);
      expect(calls).toHaveLength(1);
    }
  });

  it('repeats a create, typing, PATCH or leave only after 429', async () => {
    const writes: ((a: ApiClient) => Promise<unknown>)[] = [
      (a) => a.createConversation(createRequest),
      (a) => a.sendTyping(session),
      (a) => a.updateMediaRequest(session, 'mr-1', { types: ['COBROWSE'], state: 'DECLINED' }),
      (a) => a.leave(session),
    ];
    const ok = [json(200, createResponse), json(200, typing), json(200, mediaRequest), new Response(null, { status: 204 })];
    for (const [i, write] of writes.entries()) {
      const limited = setup((_, n) => (n === 1 ? json(429, { code: 'too.many.requests.retry.after', message: 'm', status: 429 }, { 'Retry-After': '2' }) : (ok[i] as Response).clone()));
      await finish(limited.clock, write(limited.api));
      expect(limited.calls).toHaveLength(2);
      expect((limited.calls[1]?.at ?? 0) - (limited.calls[0]?.at ?? 0)).toBe(2000);
      const failing = setup((_, n) => (n === 1 ? errorBody(503, 'service.unavailable') : (ok[i] as Response).clone()));
      await failure(finish(failing.clock, write(failing.api)));
      expect(failing.calls).toHaveLength(1);
    }
  });

  it('retries the reads on 5xx', async () => {
    const { clock, calls, api } = setup((_, n) => (n < 3 ? errorBody(503, 'service.unavailable') : json(200, messageList)));
    await finish(clock, api.listMessages(session, { after: 'x' }));
    expect(calls).toHaveLength(3);
    expect(new Set(calls.map((c) => c.url)).size).toBe(1);
  });

  it('follows a paging link given as an absolute URL on the API origin', async () => {
    const { clock, calls, api } = setup(() => json(200, messageList));
    await finish(clock, api.listMessagesAt(session, `${BASE}/api/v2/webchat/guest/conversations/${C}/messages?before=x`));
    expect(calls[0]?.url).toBe(`${BASE}/api/v2/webchat/guest/conversations/${C}/messages?before=x`);
  });

  it.each([
    'https://evil.example.test/api/v2/webchat/guest/conversations/c/messages',
    '//evil.example.test/api/v2/x',
    'http://api.example.test/api/v2/x',
    '/oauth/token',
    'api/v2/x',
    'javascript:alert(1)',
    '',
  ])('refuses to send the JWT to the paging link %j', async (link) => {
    const { clock, calls, api } = setup(() => json(200, messageList));
    const e = await failure(finish(clock, api.listMessagesAt(session, link)));
    expect(e).toMatchObject({ status: 0, code: 'client.invalid.url', retryable: false });
    expect(calls).toHaveLength(0);
  });

  it('createGuestApi builds a guest-only client', async () => {
    const clock = createFakeClock();
    const { fetch, calls } = fakeFetch(clock, () => json(200, typing));
    const guest = createGuestApi({ apiBase: `${BASE}/`, fetch, clock });
    expect(Object.keys(guest).sort()).toEqual(
      ['createConversation', 'getMediaRequest', 'getMember', 'getMessage', 'leave', 'listMediaRequests', 'listMembers', 'listMessages', 'listMessagesAt', 'sendMessage', 'sendTyping', 'updateMediaRequest'].sort(),
    );
    await finish(clock, guest.sendTyping(session));
    expect(calls[0]?.url).toBe(`${GUEST}/${C}/members/${M}/typing`);
  });
});

describe('the admin operations', () => {
  it('asks the token provider before every attempt', async () => {
    let n = 0;
    const { clock, calls, api } = setup((_, i) => (i === 1 ? errorBody(502, 'x') : json(200, { requireDeployment: false })), { getAccessToken: async () => `t${++n}` });
    await finish(clock, api.getSettings());
    expect(calls.map((c) => c.headers.authorization)).toEqual(['Bearer t1', 'Bearer t2']);
  });

  it('fails clearly, without a request, when no token provider was given', async () => {
    const { clock, calls, api } = setup(() => json(200, {}), { getAccessToken: undefined });
    const e = await failure(finish(clock, api.listDeployments()));
    expect((e as Error).message).toMatch(/getAccessToken/);
    expect(calls).toHaveLength(0);
  });

  it('createAdminApi builds an admin-only client', async () => {
    const clock = createFakeClock();
    const { fetch, calls } = fakeFetch(clock, () => json(200, { jwt: 'j' }));
    const admin = createAdminApi({ apiBase: BASE, fetch, clock, getAccessToken: () => 'tok' });
    expect(Object.keys(admin)).toHaveLength(9);
    await finish(clock, admin.signData({ a: 1 }));
    expect(calls[0]?.headers.authorization).toBe('Bearer tok');
  });

  it('drops an unknown web chat skin instead of failing the listing', async () => {
    const { clock, api } = setup(() => json(200, { ...deployment, webChatConfig: { webChatSkin: 'neon' } }));
    expect((await finish(clock, api.getDeployment('d-1'))).webChatConfig).toEqual({});
  });
});

describe('createApiClient', () => {
  it('turns an environment into the API base', async () => {
    const { clock, calls, api } = setup(() => json(200, typing), { apiBase: undefined, environment: 'mypurecloud.ie' });
    await finish(clock, api.sendTyping(session));
    expect(calls[0]?.url.startsWith('https://api.mypurecloud.ie/api/v2/')).toBe(true);
  });

  it('lets apiBase override the environment', async () => {
    const { clock, calls, api } = setup(() => json(200, typing), { apiBase: 'http://127.0.0.1:8787', environment: 'mypurecloud.com' });
    await finish(clock, api.sendTyping(session));
    expect(calls[0]?.url.startsWith('http://127.0.0.1:8787/api/v2/')).toBe(true);
  });

  it('throws a clear error when given neither', () => {
    expect(() => createApiClient({})).toThrow(/apiBase.*environment/);
    expect(() => createApiClient({ apiBase: '' })).toThrow(/apiBase.*environment/);
  });

  it('throws a clear error for an API base that is not a URL', () => {
    expect(() => createApiClient({ apiBase: 'api.example.test' })).toThrow(/absolute URL/);
    expect(() => createApiClient({ apiBase: 'localhost:8787' })).toThrow(/http\(s\) URL/);
  });
});
