// The 8 admin endpoints, the OAuth client-credentials grant that guards them, and POST /api/v2/signeddata
// (webchat-v2.md §2, §3.2, §9).

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeClock, type FakeClock } from '../src/lib/fake-clock';
import type { ErrorBody, WebChatDeployment, WebChatDeploymentEntityListing } from '../src/protocol/models';
import { adminToken, startEmulator, type TestEmulator } from './test-kit';
import { DEFAULT_WORLD } from './world';

let emu: TestEmulator;
let clock: FakeClock;
let token: string;
beforeEach(async () => {
  clock = createFakeClock();
  emu = await startEmulator({ clock });
  token = await adminToken(emu);
});
afterEach(() => emu.close());

const DEPLOYMENTS = '/api/v2/webchat/deployments';
const SETTINGS = '/api/v2/webchat/settings';
const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
const form = (body: string, headers: Record<string, string> = {}) =>
  emu.call<Record<string, unknown>>('POST', '/oauth/token', { rawBody: body, headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers } });

describe('POST /oauth/token', () => {
  it('grants a bearer token for 24 h to the printed client (HTTP Basic)', async () => {
    const r = await form('grant_type=client_credentials', { Authorization: basic(DEFAULT_WORLD.oauthClientId, DEFAULT_WORLD.oauthSecret) });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ access_token: expect.any(String), token_type: 'bearer', expires_in: 86400 });
  });

  it('also takes the client credentials in the form', async () => {
    const r = await form(`grant_type=client_credentials&client_id=${DEFAULT_WORLD.oauthClientId}&client_secret=${DEFAULT_WORLD.oauthSecret}`);
    expect(r.status).toBe(200);
  });

  it('answers OAuth errors in OAuth shape', async () => {
    const wrong = await form('grant_type=client_credentials', { Authorization: basic(DEFAULT_WORLD.oauthClientId, 'nope') });
    expect(wrong.status).toBe(401);
    expect(wrong.body).toEqual({ error: 'invalid_client', description: expect.any(String) });
    expect((await form('grant_type=client_credentials')).body.error).toBe('invalid_client');
    const auth = { Authorization: basic(DEFAULT_WORLD.oauthClientId, DEFAULT_WORLD.oauthSecret) };
    expect((await form('', auth)).body).toMatchObject({ error: 'invalid_request' });
    const pw = await form('grant_type=password', auth);
    expect([pw.status, pw.body.error]).toEqual([400, 'unsupported_grant_type']);
    const asJson = await emu.call<Record<string, unknown>>('POST', '/oauth/token', { body: { grant_type: 'client_credentials' }, headers: auth });
    expect([asJson.status, asJson.body.error]).toEqual([400, 'invalid_request']);
  });
});

describe('admin credentials', () => {
  const calls: Array<[string, string, unknown]> = [
    ['GET', DEPLOYMENTS, undefined],
    ['POST', DEPLOYMENTS, { name: 'x' }],
    ['GET', `${DEPLOYMENTS}/${DEFAULT_WORLD.deploymentId}`, undefined],
    ['PUT', `${DEPLOYMENTS}/${DEFAULT_WORLD.deploymentId}`, { name: 'x' }],
    ['DELETE', `${DEPLOYMENTS}/${DEFAULT_WORLD.deploymentId}`, undefined],
    ['GET', SETTINGS, undefined],
    ['PUT', SETTINGS, { requireDeployment: true }],
    ['DELETE', SETTINGS, undefined],
    ['POST', '/api/v2/signeddata', { a: 1 }],
  ];

  it('answers 401 authentication.required / bad.credentials / credentials.expired and changes nothing', async () => {
    const other = await startEmulator({ clock });
    const foreign = await adminToken(other);
    await other.close();
    const expired = await adminToken(emu);
    for (const [method, path, body] of calls) {
      const none = await emu.call<ErrorBody>(method, path, { body });
      expect([none.status, none.body.code]).toEqual([401, 'authentication.required']);
      for (const bad of [foreign, 'garbage']) {
        const r = await emu.call<ErrorBody>(method, path, { body, token: bad });
        expect([r.status, r.body.code]).toEqual([401, 'bad.credentials']);
      }
      const basicScheme = await emu.call<ErrorBody>(method, path, { body, headers: { Authorization: basic(DEFAULT_WORLD.oauthClientId, DEFAULT_WORLD.oauthSecret) } });
      expect(basicScheme.status).toBe(401);
    }
    await clock.advance(24 * 3600 * 1000 + 1000);
    for (const [method, path, body] of calls) {
      const r = await emu.call<ErrorBody>(method, path, { body, token: expired });
      expect([r.status, r.body.code]).toEqual([401, 'credentials.expired']);
    }
    const fresh = await adminToken(emu);
    expect((await emu.call<WebChatDeploymentEntityListing>('GET', DEPLOYMENTS, { token: fresh })).body.total).toBe(1);
  });
});

describe('deployments', () => {
  it('lists the default deployment (no paging fields)', async () => {
    const r = await emu.call<WebChatDeploymentEntityListing>('GET', DEPLOYMENTS, { token });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      total: 1,
      entities: [
        {
          id: DEFAULT_WORLD.deploymentId,
          name: expect.any(String),
          description: expect.any(String),
          authenticationRequired: false,
          disabled: false,
          allowedDomains: [],
          webChatConfig: { webChatSkin: 'modern-caret-skin' },
          selfUri: `${DEPLOYMENTS}/${DEFAULT_WORLD.deploymentId}`,
        },
      ],
      selfUri: DEPLOYMENTS,
    });
  });

  it('creates (200, its own id), gets, updates and deletes (204) a deployment', async () => {
    const body = { id: 'ignored', name: 'Shop', description: 'd', allowedDomains: ['shop.example.com'], webChatConfig: { webChatSkin: 'basic' }, flow: { id: 'f1', name: 'Inbound' }, authenticationUrl: 'https://auth.example.com' };
    const created = await emu.call<WebChatDeployment & { id: string }>('POST', DEPLOYMENTS, { token, body });
    expect(created.status).toBe(200);
    expect(created.body).toEqual({ ...body, id: expect.stringMatching(/^[0-9a-f-]{36}$/), authenticationRequired: false, disabled: false, selfUri: `${DEPLOYMENTS}/${created.body.id}` });
    expect(created.body.id).not.toBe('ignored');
    const path = `${DEPLOYMENTS}/${created.body.id}`;
    expect((await emu.call('GET', path, { token })).body).toEqual(created.body);
    const updated = await emu.call<WebChatDeployment>('PUT', path, { token, body: { name: 'Shop 2', disabled: true } });
    expect(updated.status).toBe(200);
    expect(updated.body).toEqual({ id: created.body.id, name: 'Shop 2', disabled: true, authenticationRequired: false, allowedDomains: [], selfUri: path });
    expect((await emu.call<WebChatDeploymentEntityListing>('GET', DEPLOYMENTS, { token })).body.total).toBe(2);
    const del = await emu.call('DELETE', path, { token });
    expect([del.status, del.text]).toEqual([204, '']);
    expect((await emu.call<ErrorBody>('GET', path, { token })).body.code).toBe('not.found');
  });

  it.each(['GET', 'PUT', 'DELETE'])('answers 404 not.found to %s of an unknown deployment', async (method) => {
    const r = await emu.call<ErrorBody>(method, `${DEPLOYMENTS}/c0ffee00-0000-4000-8000-0000000000ff`, { token, body: method === 'PUT' ? { name: 'x' } : undefined });
    expect([r.status, r.body.code]).toEqual([404, 'not.found']);
  });

  it.each([
    ['no name', {}, 'name', 'constraint.validation'],
    ['allowedDomains as a string', { name: 'x', allowedDomains: 'a.com' }, 'allowedDomains', 'invalid.value'],
    ['an unknown skin', { name: 'x', webChatConfig: { webChatSkin: 'dark' } }, 'webChatConfig.webChatSkin', 'invalid.value'],
    ['disabled as a number', { name: 'x', disabled: 1 }, 'disabled', 'invalid.value'],
    ['flow as a string', { name: 'x', flow: 'f' }, 'flow', 'invalid.value'],
  ])('answers 400 to a deployment with %s', async (_n, body, field, code) => {
    for (const [method, path] of [['POST', DEPLOYMENTS], ['PUT', `${DEPLOYMENTS}/${DEFAULT_WORLD.deploymentId}`]] as const) {
      const r = await emu.call<ErrorBody>(method, path, { token, body });
      expect(r.status).toBe(400);
      expect(r.body).toMatchObject({ code, details: [{ fieldName: field }] });
    }
    expect((await emu.call<WebChatDeploymentEntityListing>('GET', DEPLOYMENTS, { token })).body.entities[0]?.name).toBe('Parley demo');
  });
});

describe('settings', () => {
  it('gets, puts and deletes (resets) the settings', async () => {
    expect((await emu.call('GET', SETTINGS, { token })).body).toEqual({ requireDeployment: false });
    const put = await emu.call('PUT', SETTINGS, { token, body: { requireDeployment: true } });
    expect([put.status, put.body]).toEqual([200, { requireDeployment: true }]);
    expect((await emu.call('GET', SETTINGS, { token })).body).toEqual({ requireDeployment: true });
    expect((await emu.call('DELETE', SETTINGS, { token })).status).toBe(204);
    expect((await emu.call('GET', SETTINGS, { token })).body).toEqual({ requireDeployment: false });
  });

  it('answers 400 invalid.value to a non-boolean requireDeployment, 400 bad.request to malformed JSON', async () => {
    const r = await emu.call<ErrorBody>('PUT', SETTINGS, { token, body: { requireDeployment: 'sometimes' } });
    expect(r.body).toMatchObject({ status: 400, code: 'invalid.value', details: [{ fieldName: 'requireDeployment' }] });
    const m = await emu.call<ErrorBody>('PUT', SETTINGS, { token, rawBody: '{', headers: { 'Content-Type': 'application/json' } });
    expect([m.status, m.body.code]).toEqual([400, 'bad.request']);
  });
});

describe('POST /api/v2/signeddata', () => {
  it('signs any JSON object into a SignedData', async () => {
    const r = await emu.call<{ jwt: string }>('POST', '/api/v2/signeddata', { token, body: { authorized: true, date: 1700000000000 } });
    expect(r.status).toBe(200);
    expect(Object.keys(r.body)).toEqual(['jwt']);
    expect(r.body.jwt.split('.')).toHaveLength(3);
  });

  it.each([['an array', []], ['a string', 'x'], ['nothing', undefined]])('answers 400 bad.request to %s', async (_n, body) => {
    const r = await emu.call<ErrorBody>('POST', '/api/v2/signeddata', { token, ...(body === undefined ? { rawBody: '', headers: { 'Content-Type': 'application/json' } } : { body }) });
    expect([r.status, r.body.code]).toEqual([400, 'bad.request']);
  });
});
