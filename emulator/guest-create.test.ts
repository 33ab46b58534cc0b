// Guest endpoint 1 (create): the answer's exact shape and JWT claims, and every validation and deployment rule.

import { decodeJwt, decodeProtectedHeader } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeClock, type FakeClock } from '../src/lib/fake-clock';
import type { ErrorBody, WebChatMemberInfo } from '../src/protocol/models';
import { adminToken, createBody, createGuest, startEmulator, updateDefaultDeployment, type TestEmulator } from './test-kit';
import { DEFAULT_WORLD } from './world';

const CREATE = '/api/v2/webchat/guest/conversations';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

let emu: TestEmulator;
let clock: FakeClock;
beforeEach(async () => {
  clock = createFakeClock();
  emu = await startEmulator({ clock });
});
afterEach(() => emu.close());

describe('POST /api/v2/webchat/guest/conversations', () => {
  it('answers 200 with id, jwt, eventStreamUri and a member that carries only its id', async () => {
    const r = await emu.call<Record<string, unknown>>('POST', CREATE, { body: createBody() });
    expect(r.status).toBe(200);
    expect(Object.keys(r.body).sort()).toEqual(['eventStreamUri', 'id', 'jwt', 'member']);
    expect(r.body.member).toEqual({ id: expect.stringMatching(UUID) });
    expect(r.body.id).toMatch(UUID);
    expect(r.body.eventStreamUri).toBe(`ws://127.0.0.1:${emu.port}/chat/jwt/${r.body.jwt as string}`);
    expect(r.headers.get('ININ-Correlation-Id')).toMatch(UUID);
    expect(r.headers.get('Content-Type')).toBe('application/json');
  });

  it('issues a guest JWT with the real claim layout, bound to the conversation and member, lasting 21 h', async () => {
    const r = await emu.call<{ id: string; jwt: string; member: { id: string } }>('POST', CREATE, { body: createBody() });
    expect(decodeProtectedHeader(r.body.jwt)).toMatchObject({ alg: expect.any(String), kid: expect.stringMatching(UUID), typ: 'JWT' });
    const claims = decodeJwt(r.body.jwt);
    expect(claims).toMatchObject({
      data: { conv: r.body.id, did: DEFAULT_WORLD.deploymentId, sub: r.body.member.id },
      org: DEFAULT_WORLD.organizationId,
      iss: 'urn:purecloud:webchat',
      iat: Math.floor(clock.now() / 1000),
    });
    expect((claims.exp as number) - (claims.iat as number)).toBe(21 * 3600);
  });

  it('stores the guest as a CONNECTED CUSTOMER with what memberInfo gave, ignoring unknown fields such as role', async () => {
    const g = await createGuest(emu, {
      routingTarget: { targetType: 'queue', targetAddress: 'Support', skills: ['billing'], language: 'en', priority: 5 },
      memberInfo: { displayName: 'Ana Lima', role: 'CUSTOMER', firstName: 'Ana', customFields: { _genesys_source: 'web' } },
      ...({ somethingNew: { x: 1 } } as object),
    });
    const r = await emu.call<WebChatMemberInfo>('GET', `${g.base}/members/${g.memberId}`, { token: g.jwt });
    expect(r.body).toEqual({
      id: g.memberId,
      displayName: 'Ana Lima',
      firstName: 'Ana',
      role: 'CUSTOMER',
      state: 'CONNECTED',
      joinDate: new Date(clock.now()).toISOString(),
      authenticatedGuest: false,
      customFields: { _genesys_source: 'web' },
    });
  });

  it('reads null optional fields as absent and a number where a string is expected as its text', async () => {
    const body = { ...createBody(), memberAuthToken: null, journeyContext: null, memberInfo: { displayName: 42, email: null } };
    const r = await emu.call<{ id: string; jwt: string; member: { id: string } }>('POST', CREATE, { body });
    expect(r.status).toBe(200);
    const m = await emu.call<WebChatMemberInfo>('GET', `${CREATE}/${r.body.id}/members/${r.body.member.id}`, { token: r.body.jwt });
    expect(m.body.displayName).toBe('42');
    expect(m.body.email).toBeUndefined();
  });

  it('accepts a full journeyContext', async () => {
    const journeyContext = {
      customer: { id: 'c1', idType: 'cookie' },
      customerSession: { id: 's1', type: 'web' },
      triggeringAction: { id: 'a1', actionMap: { id: 'm1', version: 2 } },
    };
    expect((await emu.call('POST', CREATE, { body: createBody({ journeyContext }) })).status).toBe(200);
  });

  const base = createBody();
  const cases: Array<[string, unknown, number, string, string?]> = [
    ['routingTarget is missing', { ...base, routingTarget: undefined }, 400, 'chat.error.notnull.createconversationrequest.routingtarget', 'routingTarget'],
    ['memberInfo.displayName is missing', { ...base, memberInfo: { email: 'a@b.c' } }, 400, 'chat.error.notnull.createconversationrequest.memberinfo.displayname', 'memberInfo.displayName'],
    ['memberInfo is missing', { ...base, memberInfo: undefined }, 400, 'chat.error.notnull.createconversationrequest.memberinfo.displayname', 'memberInfo.displayName'],
    ['targetType is not QUEUE', { ...base, routingTarget: { targetType: 'SKILL', targetAddress: 'Support' } }, 400, 'chat.error.createconversationrequest.routingtarget', 'routingTarget'],
    ['targetAddress is missing', { ...base, routingTarget: { targetType: 'QUEUE' } }, 400, 'chat.error.createconversationrequest.routingtarget', 'routingTarget'],
    ['the queue does not exist', { ...base, routingTarget: { targetType: 'QUEUE', targetAddress: 'Nope' } }, 400, 'chat.error.invalid.queue'],
    ['deploymentId is missing', { ...base, deploymentId: undefined }, 400, 'chat.error.pattern.createconversationrequest.deploymentid', 'deploymentId'],
    ['deploymentId is not a UUID', { ...base, deploymentId: 'not-an-id' }, 400, 'chat.error.pattern.createconversationrequest.deploymentid', 'deploymentId'],
    ['organizationId is missing', { ...base, organizationId: undefined }, 400, 'constraint.validation', 'organizationId'],
    ['the organization is unknown', { ...base, organizationId: 'c0ffee00-0000-4000-8000-0000000000ff' }, 404, 'not.found'],
    ['the deployment is unknown', { ...base, deploymentId: 'c0ffee00-0000-4000-8000-0000000000ff' }, 404, 'not.found'],
    ['displayName is an object', { ...base, memberInfo: { displayName: { a: 1 } } }, 400, 'invalid.value', 'memberInfo.displayName'],
    ['a custom field is not a string', { ...base, memberInfo: { displayName: 'A', customFields: { n: 1 } } }, 400, 'invalid.value', 'memberInfo.customFields.n'],
    ['priority is not an integer', { ...base, routingTarget: { targetType: 'QUEUE', targetAddress: 'Support', priority: 'high' } }, 400, 'invalid.value', 'routingTarget.priority'],
    ['skills is not an array', { ...base, routingTarget: { targetType: 'QUEUE', targetAddress: 'Support', skills: 'x' } }, 400, 'invalid.value', 'routingTarget.skills'],
    ['routingTarget is a string', { ...base, routingTarget: 'Support' }, 400, 'invalid.value', 'routingTarget'],
    ['organizationId is an array', { ...base, organizationId: [] }, 400, 'invalid.value', 'organizationId'],
    ['journeyContext has no customer', { ...base, journeyContext: {} }, 400, 'chat.error.notnull.createconversationrequest.journeycontext.customer'],
    ['journeyContext.customer has no id', { ...base, journeyContext: { customer: { idType: 'cookie' } } }, 400, 'chat.error.notnull.createconversationrequest.journeycontext.customer.customerid'],
    ['journeyContext.customer has no idType', { ...base, journeyContext: { customer: { id: 'c' } } }, 400, 'chat.error.notnull.createconversationrequest.journeycontext.customer.customeridtype'],
    ['customerSession has no id', { ...base, journeyContext: { customer: { id: 'c', idType: 'cookie' }, customerSession: { type: 'web' } } }, 400, 'chat.error.notnull.createconversationrequest.journeycontext.customersession.sessionid'],
    ['customerSession has no type', { ...base, journeyContext: { customer: { id: 'c', idType: 'cookie' }, customerSession: { id: 's' } } }, 400, 'chat.error.notnull.createconversationrequest.journeycontext.customersession.sessionidtype'],
    ['triggeringAction has no id', { ...base, journeyContext: { customer: { id: 'c', idType: 'cookie' }, triggeringAction: { actionMap: { id: 'm', version: 1 } } } }, 400, 'chat.error.notnull.createconversationrequest.journeycontext.triggeringaction.actionid'],
    ['actionMap has no id', { ...base, journeyContext: { customer: { id: 'c', idType: 'cookie' }, triggeringAction: { id: 'a', actionMap: { version: 1 } } } }, 400, 'chat.error.notnull.createconversationrequest.journeycontext.triggeringaction.actionmapid'],
    ['actionMap has no version', { ...base, journeyContext: { customer: { id: 'c', idType: 'cookie' }, triggeringAction: { id: 'a', actionMap: { id: 'm' } } } }, 400, 'chat.error.notnull.createconversationrequest.journeycontext.triggeringaction.actionmapversion'],
    ['the body is an array', [], 400, 'bad.request'],
  ];
  it.each(cases)('answers an ErrorBody when %s', async (_name, body, status, code, field) => {
    const r = await emu.call<ErrorBody>('POST', CREATE, { body });
    expect(r.status).toBe(status);
    expect(r.body).toMatchObject({ status, code, contextId: r.headers.get('ININ-Correlation-Id'), errors: [] });
    expect(typeof r.body.message).toBe('string');
    if (field) expect(r.body.details).toEqual([{ errorCode: code, fieldName: field }]);
    if (field && status === 400 && code !== 'chat.error.createconversationrequest.routingtarget') expect(r.body.message.toLowerCase()).toContain(field.split('.').pop()?.toLowerCase());
    expect((await emu.call('GET', '/_emulator/conversations')).body).toEqual([]);
  });

  it('uses the spec message templates', async () => {
    const r = await emu.call<ErrorBody>('POST', CREATE, { body: { ...base, routingTarget: undefined } });
    expect(r.body.message).toBe('The routingtarget property may not be null.');
    const q = await emu.call<ErrorBody>('POST', CREATE, { body: { ...base, memberInfo: { displayName: [] } } });
    expect(q.body.message).toBe('Value [[]] is not valid for field type [memberInfo.displayName]. Allowable values are: a string');
  });

  it('answers 400 bad.request to malformed JSON, an empty body and bytes that are not UTF-8', async () => {
    for (const rawBody of ['{"organizationId":', '', 'null', new Uint8Array([0x7b, 0xff, 0xfe, 0x7d])]) {
      const r = await emu.call<ErrorBody>('POST', CREATE, { rawBody, headers: { 'Content-Type': 'application/json' } });
      expect(r.status).toBe(400);
      expect(r.body.code).toBe('bad.request');
    }
  });

  it('answers 415 to a body that is not JSON, and reads JSON under any JSON media type or none', async () => {
    const text = JSON.stringify(createBody());
    const r = await emu.call<ErrorBody>('POST', CREATE, { rawBody: text, headers: { 'Content-Type': 'text/plain' } });
    expect(r.status).toBe(415);
    expect(r.body.code).toBe('unsupported.media.type');
    for (const type of ['application/json; charset=UTF-8', 'TEXT/JSON', 'application/vnd.parley+json']) {
      expect((await emu.call('POST', CREATE, { rawBody: text, headers: { 'Content-Type': type } })).status).toBe(200);
    }
    const noType = await fetch(emu.url + CREATE, { method: 'POST', body: new TextEncoder().encode(text) });
    expect(noType.status).toBe(200);
  });

  it('refuses a disabled deployment with 400 chat.deployment.disabled', async () => {
    await updateDefaultDeployment(emu, { disabled: true });
    const r = await emu.call<ErrorBody>('POST', CREATE, { body: createBody() });
    expect([r.status, r.body.code]).toEqual([400, 'chat.deployment.disabled']);
  });

  describe('allowedDomains', () => {
    beforeEach(() => updateDefaultDeployment(emu, { allowedDomains: ['shop.example.com', '*.parley.test', 'localhost:5173'] }));

    it('refuses another origin with 403 origin.not.allowed, readable by the page (CORS headers)', async () => {
      const r = await emu.call<ErrorBody>('POST', CREATE, { body: createBody(), headers: { Origin: 'https://evil.example.net' } });
      expect(r.status).toBe(403);
      expect(r.body).toMatchObject({ code: 'origin.not.allowed', message: 'Not allowed to create an ACD chat conversation from an external customer.' });
      expect(r.headers.get('Access-Control-Allow-Origin')).toBe('https://evil.example.net');
    });

    it.each([
      ['https://shop.example.com', 200],
      ['https://a.b.parley.test', 200],
      ['https://parley.test', 403],
      ['http://localhost:5173', 200],
      ['http://localhost:5174', 403],
      ['null', 403],
      [undefined, 200],
    ])('answers origin %s with %i', async (origin, status) => {
      const r = await emu.call('POST', CREATE, { body: createBody(), headers: origin ? { Origin: origin } : {} });
      expect(r.status).toBe(status);
    });
  });

  describe('authenticationRequired', () => {
    let token: string;
    beforeEach(async () => {
      await updateDefaultDeployment(emu, { authenticationRequired: true });
      token = await adminToken(emu);
    });
    const signed = async () => (await emu.call<{ jwt: string }>('POST', '/api/v2/signeddata', { token, body: { authorized: true, date: 1 } })).body.jwt;

    it('accepts a memberAuthToken from signeddata and marks the guest authenticated', async () => {
      const g = await createGuest(emu, { memberAuthToken: await signed() });
      const m = await emu.call<WebChatMemberInfo>('GET', `${g.base}/members/${g.memberId}`, { token: g.jwt });
      expect(m.body.authenticatedGuest).toBe(true);
    });

    it('answers 400 chat.deployment.require.auth without a token', async () => {
      const r = await emu.call<ErrorBody>('POST', CREATE, { body: createBody() });
      expect([r.status, r.body.code]).toEqual([400, 'chat.deployment.require.auth']);
    });

    it('answers 400 chat.deployment.bad.auth to a token that is not ours (a guest JWT included)', async () => {
      const other = await startEmulator();
      const foreign = (await other.call<{ jwt: string }>('POST', '/api/v2/signeddata', { token: await adminToken(other), body: {} })).body.jwt;
      await other.close();
      await updateDefaultDeployment(emu, { authenticationRequired: false });
      const guestJwt = (await createGuest(emu)).jwt;
      await updateDefaultDeployment(emu, { authenticationRequired: true });
      for (const memberAuthToken of ['garbage', foreign, guestJwt]) {
        const r = await emu.call<ErrorBody>('POST', CREATE, { body: createBody({ memberAuthToken }) });
        expect([r.status, r.body.code]).toEqual([400, 'chat.deployment.bad.auth']);
      }
    });

    it('answers 401 credentials.expired to a signeddata token older than an hour', async () => {
      const jwt = await signed();
      await clock.advance(60 * 60 * 1000 + 1000);
      const r = await emu.call<ErrorBody>('POST', CREATE, { body: createBody({ memberAuthToken: jwt }) });
      expect([r.status, r.body.code]).toEqual([401, 'credentials.expired']);
    });

    it('is ignored by a deployment that does not require authentication', async () => {
      await updateDefaultDeployment(emu, { authenticationRequired: false });
      const g = await createGuest(emu, { memberAuthToken: 'anything' });
      const m = await emu.call<WebChatMemberInfo>('GET', `${g.base}/members/${g.memberId}`, { token: g.jwt });
      expect(m.body.authenticatedGuest).toBe(false);
    });
  });
});
