// The contract test: the real src/api client against a real in-process emulator (port 0), all 19 endpoints plus
// signeddata and the OAuth grant, so the client and the emulator cannot drift apart on a path, a field or an error.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createEmulator, type Emulator } from '../../emulator/index';
import { control as emulatorControl } from '../../emulator/test-kit';
import { silentLogger } from '../lib/log';
import type { WebChatMessage } from '../protocol/models';
import { createApiClient } from './api-client';
import { ApiError } from './api-error';
import { createClientCredentialsTokenProvider, requestClientCredentialsToken } from './client-credentials';
import type { ApiClient, GuestSession } from './types';

// As printed by the emulator at start-up (emulator-control.md).
const ORGANIZATION_ID = 'c0ffee00-0000-4000-8000-000000000001';
const DEPLOYMENT_ID = 'c0ffee00-0000-4000-8000-000000000002';
const QUEUE = 'Support';
const OAUTH_CLIENT_ID = 'c0ffee00-0000-4000-8000-000000000003';
const OAUTH_SECRET = 'parley-emulator-secret';

let emu: Emulator;
let api: ApiClient;

const control = (method: string, path: string, body?: unknown) => emulatorControl(emu.url, method, path, body);

const createRequest = (displayName = 'Ana Lima') => ({
  organizationId: ORGANIZATION_ID,
  deploymentId: DEPLOYMENT_ID,
  routingTarget: { targetType: 'QUEUE', targetAddress: QUEUE },
  memberInfo: { displayName, role: 'CUSTOMER', customFields: { firstName: 'Ana', _genesys_source: 'web' } },
});

async function startGuest(): Promise<GuestSession & { eventStreamUri: string }> {
  const created = await api.createConversation(createRequest());
  return { conversationId: created.id, memberId: created.member.id, jwt: created.jwt, eventStreamUri: created.eventStreamUri };
}

async function rejection(p: Promise<unknown>): Promise<ApiError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ApiError) return e;
    throw e;
  }
  throw new Error('expected an ApiError');
}

beforeAll(async () => {
  emu = await createEmulator({ port: 0, agent: 'manual', logErrors: false });
  const getAccessToken = createClientCredentialsTokenProvider({ loginBase: emu.url, clientId: OAUTH_CLIENT_ID, clientSecret: OAUTH_SECRET });
  api = createApiClient({ apiBase: emu.url, getAccessToken, logger: silentLogger, random: () => 0 });
});

afterEach(async () => {
  await control('DELETE', '/faults');
});

afterAll(async () => {
  await emu?.close();
});

describe('the emulator agrees with the spec of its start-up lines', () => {
  it('uses the printed ids', () => {
    expect(emu.ids).toMatchObject({ organizationId: ORGANIZATION_ID, deploymentId: DEPLOYMENT_ID, queue: QUEUE, oauthClientId: OAUTH_CLIENT_ID, oauthSecret: OAUTH_SECRET });
  });
});

describe('guest endpoints', () => {
  it('1. createConversation: the answer carries id, jwt, a ws: stream URI ending in the JWT, and the member id only', async () => {
    const created = await api.createConversation(createRequest());
    expect(Object.keys(created.member)).toEqual(['id']);
    expect(created.eventStreamUri.startsWith('ws://')).toBe(true);
    expect(created.eventStreamUri.endsWith(`/${created.jwt}`)).toBe(true);
  });

  it('1. createConversation: validation errors arrive as ApiErrors with the service codes', async () => {
    const noQueue = await rejection(api.createConversation({ ...createRequest(), routingTarget: { targetType: 'QUEUE', targetAddress: 'Nowhere' } }));
    expect(noQueue).toMatchObject({ status: 400, code: 'chat.error.invalid.queue', retryable: false });
    expect(noQueue.contextId).toMatch(/^[0-9a-f-]{36}$/);
    const unknownDeployment = await rejection(api.createConversation({ ...createRequest(), deploymentId: 'c0ffee00-0000-4000-8000-0000000000ff' }));
    expect(unknownDeployment).toMatchObject({ status: 404, code: 'not.found' });
  });

  it('2–3. listMembers and getMember: the guest and a joined agent', async () => {
    const s = await startGuest();
    const agent = (await control('POST', `/conversations/${s.conversationId}/agent`, { displayName: 'Sam' })) as { id: string };
    const all = await api.listMembers(s);
    expect(all.entities.map((m) => m.id)).toEqual([s.memberId, agent.id]);
    expect(all).toMatchObject({ pageSize: 25, pageNumber: 1, total: 2, pageCount: 1 });
    const page = await api.listMembers(s, { pageSize: 1, pageNumber: 2, excludeDisconnectedMembers: true });
    expect(page.entities.map((m) => m.id)).toEqual([agent.id]);
    expect(page).toMatchObject({ pageSize: 1, pageNumber: 2, total: 2, pageCount: 2 });
    expect(await api.getMember(s, s.memberId)).toMatchObject({ id: s.memberId, role: 'CUSTOMER', state: 'CONNECTED', displayName: 'Ana Lima' });
    expect(await api.getMember(s, agent.id)).toMatchObject({ id: agent.id, role: 'AGENT', state: 'CONNECTED', displayName: 'Sam' });
    const missing = await rejection(api.getMember(s, '00000000-0000-4000-8000-000000000000'));
    expect(missing).toMatchObject({ status: 404, code: 'chat.error.not.found' });
    const badQuery = await rejection(api.listMembers(s, { pageSize: 0 }));
    expect(badQuery).toMatchObject({ status: 400, code: 'invalid.query.param.value' });
  });

  it('5. sendMessage and 8. getMessage: the stored message comes back decoded', async () => {
    const s = await startGuest();
    const sent = await api.sendMessage(s, { body: 'Hello there' });
    expect(sent).toMatchObject({ conversation: { id: s.conversationId }, sender: { id: s.memberId }, body: 'Hello there', bodyType: 'standard' });
    expect(sent.selfUri).toBe(`/api/v2/webchat/guest/conversations/${s.conversationId}/messages/${sent.id}`);
    expect(await api.getMessage(s, sent.id)).toEqual(sent);
    const missing = await rejection(api.getMessage(s, '00000000-0000-4000-8000-000000000000'));
    expect(missing).toMatchObject({ status: 404, code: 'chat.error.not.found' });
    const tooLong = await rejection(api.sendMessage(s, { body: 'x'.repeat(4001) }));
    expect(tooLong).toMatchObject({ status: 400, code: 'constraint.validation' });
    expect(await api.sendMessage(s, { body: 'y'.repeat(4000) })).toMatchObject({ body: 'y'.repeat(4000) });
  });

  it('6. sendTyping: answers a WebChatTyping from the guest', async () => {
    const s = await startGuest();
    expect(await api.sendTyping(s)).toMatchObject({ conversation: { id: s.conversationId }, sender: { id: s.memberId } });
  });

  it('7. listMessages and listMessagesAt: every cursor and direction, following next to the end', async () => {
    const s = await startGuest();
    const sent: WebChatMessage[] = [];
    for (let i = 0; i < 5; i++) sent.push(await api.sendMessage(s, { body: `m${i}` }));
    const ids = sent.map((m) => m.id);

    const all = await api.listMessages(s);
    expect(all.entities.map((m) => m.id)).toEqual(ids);
    expect(all.pageSize).toBe(100);
    expect(all.next).toBeUndefined();

    const walked: string[] = [];
    let page = await api.listMessages(s, { maxResults: 2 });
    walked.push(...page.entities.map((m) => m.id));
    while (page.next) {
      page = await api.listMessagesAt(s, page.next);
      walked.push(...page.entities.map((m) => m.id));
    }
    expect(walked).toEqual(ids);

    const after = await api.listMessages(s, { after: ids[1] as string });
    expect(after.entities.map((m) => m.id)).toEqual(ids.slice(2));
    const newest = await api.listMessages(s, { sortOrder: 'descending', maxResults: 2 });
    expect(newest.entities.map((m) => m.id)).toEqual([ids[4], ids[3]]);
    expect(newest.next).toBeDefined();
    const older = await api.listMessages(s, { sortOrder: 'descending', before: ids[3] as string, maxResults: 100 });
    expect(older.entities.map((m) => m.id)).toEqual([ids[2], ids[1], ids[0]]);
    const between = await api.listMessages(s, { after: ids[0] as string, before: ids[4] as string });
    expect(between.entities.map((m) => m.id)).toEqual(ids.slice(1, 4));

    const unknownCursor = await rejection(api.listMessages(s, { after: '00000000-0000-4000-8000-000000000000' }));
    expect(unknownCursor).toMatchObject({ status: 400, code: 'invalid.value' });
    const foreignLink = await rejection(api.listMessagesAt(s, `http://example.test/api/v2/webchat/guest/conversations/${s.conversationId}/messages`));
    expect(foreignLink).toMatchObject({ status: 0, code: 'client.invalid.url' });
  });

  it('9–11. media requests: list, get, and answer one the agent made', async () => {
    const s = await startGuest();
    await control('POST', `/conversations/${s.conversationId}/agent`, {});
    const made = (await control('POST', `/conversations/${s.conversationId}/mediarequests`, { types: ['COBROWSE'] })) as { id: string };
    const list = await api.listMediaRequests(s);
    expect(list.entities).toHaveLength(1);
    expect(list.entities[0]).toMatchObject({ id: made.id, types: ['COBROWSE'], state: 'PENDING' });
    expect(await api.getMediaRequest(s, made.id)).toMatchObject({ id: made.id, state: 'PENDING' });
    expect(await api.updateMediaRequest(s, made.id, { types: ['COBROWSE'], state: 'DECLINED' })).toMatchObject({ id: made.id, state: 'DECLINED' });
    const again = await rejection(api.updateMediaRequest(s, made.id, { types: ['COBROWSE'], state: 'ACCEPTED' }));
    expect(again.status).toBe(400);
    const missing = await rejection(api.getMediaRequest(s, '00000000-0000-4000-8000-000000000000'));
    expect(missing).toMatchObject({ status: 404, code: 'chat.error.not.found' });
  });

  it('4. leave: the guest leaves, is DISCONNECTED, and can no longer write', async () => {
    const s = await startGuest();
    await expect(api.leave(s)).resolves.toBeUndefined();
    expect(await api.getMember(s, s.memberId)).toMatchObject({ state: 'DISCONNECTED' });
    const late = await rejection(api.sendMessage(s, { body: 'still there?' }));
    expect(late.status).toBe(400);
    expect(['chat.error.member.state', 'chat.error.conversation.state']).toContain(late.code);
    expect((await rejection(api.leave(s))).status).toBe(400);
  });

  it('refuses bad and foreign credentials with 401 and 404', async () => {
    const s = await startGuest();
    const other = await startGuest();
    expect(await rejection(api.listMessages({ ...s, jwt: 'not-a-jwt' }))).toMatchObject({ status: 401, code: 'bad.credentials', retryable: false });
    expect(await rejection(api.listMessages({ ...s, jwt: '' }))).toMatchObject({ status: 401 });
    expect(await rejection(api.listMessages({ ...s, jwt: other.jwt }))).toMatchObject({ status: 404, code: 'not.found' });
  });
});

describe('faults through the real client', () => {
  it('retries a GET after a 503 and returns the answer', async () => {
    const s = await startGuest();
    await control('POST', '/faults', { failRequests: { status: 503, count: 2, match: 'GET /api/v2/**/members' } });
    const members = await api.listMembers(s);
    expect(members.entities).toHaveLength(1);
  });

  it('waits Retry-After on a 429 before repeating a GET', async () => {
    const s = await startGuest();
    await control('POST', '/faults', { failRequests: { status: 429, count: 1, retryAfterSec: 1, match: 'GET /api/v2/**' } });
    const started = Date.now();
    await api.listMediaRequests(s);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
  });

  it('never repeats a message POST, not even after a 429 (nothing is stored twice)', async () => {
    const s = await startGuest();
    await control('POST', '/faults', { failRequests: { status: 429, count: 1, retryAfterSec: 1, match: 'POST /api/v2/**/messages' } });
    const limited = await rejection(api.sendMessage(s, { body: 'limited' }));
    expect(limited).toMatchObject({ status: 429, retryable: true, retryAfterMs: 1000 });
    await control('POST', '/faults', { failRequests: { status: 503, count: 1, afterEffect: true, match: 'POST /api/v2/**/messages' } });
    const ambiguous = await rejection(api.sendMessage(s, { body: 'maybe' }));
    expect(ambiguous).toMatchObject({ status: 503, retryable: true });
    const stored = await api.listMessages(s);
    expect(stored.entities.map((m) => m.body)).toEqual(['maybe']);
  });

  it('does not repeat other writes after a 5xx', async () => {
    const s = await startGuest();
    await control('POST', '/faults', { failRequests: { status: 500, count: 1, match: 'POST /api/v2/**/typing' } });
    expect(await rejection(api.sendTyping(s))).toMatchObject({ status: 500 });
    await expect(api.sendTyping(s)).resolves.toBeDefined();
  });

  it('gives up on an answer slower than its timeout with status 0 client.timeout', async () => {
    const s = await startGuest();
    const impatient = createApiClient({ apiBase: emu.url, timeoutMs: 100, maxAttempts: 1, logger: silentLogger });
    await control('POST', '/faults', { latencyMs: 400 });
    expect(await rejection(impatient.getMember(s, s.memberId))).toMatchObject({ status: 0, code: 'client.timeout', retryable: true });
  });

  it('reports a refused connection as status 0 network.error', async () => {
    const nowhere = createApiClient({ apiBase: 'http://127.0.0.1:9', maxAttempts: 1, logger: silentLogger });
    const e = await rejection(nowhere.createConversation(createRequest()));
    expect(e).toMatchObject({ status: 0, code: 'network.error' });
  });
});

describe('admin endpoints', () => {
  it('listDeployments, createDeployment, getDeployment, updateDeployment, deleteDeployment', async () => {
    const listed = await api.listDeployments();
    expect(listed.entities.map((d) => d.id)).toContain(DEPLOYMENT_ID);
    expect(listed.total).toBe(listed.entities.length);

    const created = await api.createDeployment({ id: 'ignored', name: 'Contract site', allowedDomains: ['example.com'], webChatConfig: { webChatSkin: 'basic' } });
    expect(created.id).not.toBe('ignored');
    expect(created).toMatchObject({ name: 'Contract site', allowedDomains: ['example.com'], webChatConfig: { webChatSkin: 'basic' } });
    const id = created.id as string;
    expect(created.selfUri).toBe(`/api/v2/webchat/deployments/${id}`);
    expect(await api.getDeployment(id)).toMatchObject({ id, name: 'Contract site' });
    expect(await api.updateDeployment(id, { name: 'Renamed', disabled: true })).toMatchObject({ id, name: 'Renamed', disabled: true });
    expect((await api.listDeployments()).entities.map((d) => d.id)).toContain(id);
    await expect(api.deleteDeployment(id)).resolves.toBeUndefined();
    expect(await rejection(api.getDeployment(id))).toMatchObject({ status: 404, code: 'not.found' });
  });

  it('getSettings, updateSettings, deleteSettings', async () => {
    expect(await api.updateSettings({ requireDeployment: true })).toEqual({ requireDeployment: true });
    expect(await api.getSettings()).toEqual({ requireDeployment: true });
    await expect(api.deleteSettings()).resolves.toBeUndefined();
    expect(await api.getSettings()).toEqual({ requireDeployment: false });
  });

  it('signData mints a memberAuthToken that an authenticated deployment accepts', async () => {
    const secured = await api.createDeployment({ name: 'Members only', authenticationRequired: true });
    const signed = await api.signData({ authorized: true, date: Date.now() });
    expect(typeof signed.jwt).toBe('string');
    const base = { ...createRequest(), deploymentId: secured.id as string };
    expect(await rejection(api.createConversation(base))).toMatchObject({ status: 400, code: 'chat.deployment.require.auth' });
    expect(await rejection(api.createConversation({ ...base, memberAuthToken: 'forged' }))).toMatchObject({ status: 400, code: 'chat.deployment.bad.auth' });
    const created = await api.createConversation({ ...base, memberAuthToken: signed.jwt });
    const session = { conversationId: created.id, memberId: created.member.id, jwt: created.jwt };
    expect(await api.getMember(session, session.memberId)).toMatchObject({ authenticatedGuest: true });
    await api.deleteDeployment(secured.id as string);
  });

  it('refuses admin calls with a bad token or none', async () => {
    const forged = createApiClient({ apiBase: emu.url, getAccessToken: () => 'forged', logger: silentLogger });
    expect(await rejection(forged.getSettings())).toMatchObject({ status: 401, code: 'bad.credentials' });
    const guestToken = (await startGuest()).jwt;
    const confused = createApiClient({ apiBase: emu.url, getAccessToken: () => guestToken, logger: silentLogger });
    expect((await rejection(confused.listDeployments())).status).toBe(401);
  });
});

describe('the client-credentials grant', () => {
  it('issues a bearer token for the printed client', async () => {
    const token = await requestClientCredentialsToken({ loginBase: emu.url, clientId: OAUTH_CLIENT_ID, clientSecret: OAUTH_SECRET });
    expect(token.token_type).toBe('bearer');
    expect(token.expires_in).toBe(86_400);
  });

  it("refuses a wrong secret with OAuth's invalid_client", async () => {
    const e = await rejection(requestClientCredentialsToken({ loginBase: emu.url, clientId: OAUTH_CLIENT_ID, clientSecret: 'wrong' }));
    expect(e).toMatchObject({ status: 401, code: 'invalid_client' });
  });
});
