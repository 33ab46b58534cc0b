// Guest endpoints 2–4: the member listing (paging fields, URIs, excludeDisconnectedMembers, sloppy queries),
// one member, and the guest's DELETE (leave) with its answers; the leave's frames are in lifecycle.test.ts.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeClock } from '../src/lib/fake-clock';
import type { ErrorBody, WebChatMemberInfo, WebChatMemberInfoEntityList } from '../src/protocol/models';
import { createGuest, startEmulator, type Guest, type TestEmulator } from './test-kit';

let emu: TestEmulator;
let g: Guest;
beforeEach(async () => {
  emu = await startEmulator({ clock: createFakeClock() });
  g = await createGuest(emu);
});
afterEach(() => emu.close());

const join = async (name: string) =>
  (await emu.call<WebChatMemberInfo & { id: string }>('POST', `/_emulator/conversations/${g.conversationId}/agent`, { body: { displayName: name } })).body;
const list = (query = '') => emu.call<WebChatMemberInfoEntityList>('GET', `${g.base}/members${query}`, { token: g.jwt });

describe('GET …/members', () => {
  it('lists the members in join order with the standard paging fields', async () => {
    const agent = await join('Max');
    const r = await list();
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      entities: [expect.objectContaining({ id: g.memberId, role: 'CUSTOMER', state: 'CONNECTED' }), expect.objectContaining({ id: agent.id, role: 'AGENT', displayName: 'Max', state: 'CONNECTED' })],
      pageSize: 25,
      pageNumber: 1,
      total: 2,
      pageCount: 1,
      firstUri: `${g.base}/members?pageSize=25&pageNumber=1`,
      lastUri: `${g.base}/members?pageSize=25&pageNumber=1`,
      selfUri: `${g.base}/members?pageSize=25&pageNumber=1`,
    });
  });

  it('reads empty query values as the defaults, as the SDK sends them', async () => {
    const r = await list('?pageSize=&pageNumber=&excludeDisconnectedMembers=');
    expect(r.status).toBe(200);
    expect([r.body.pageSize, r.body.pageNumber, r.body.total]).toEqual([25, 1, 1]);
  });

  it('pages with pageSize and pageNumber, giving nextUri and previousUri only where pages exist', async () => {
    for (const n of ['A', 'B', 'C', 'D']) await join(n);
    const p1 = await list('?pageSize=2');
    expect(p1.body).toMatchObject({ pageSize: 2, pageNumber: 1, total: 5, pageCount: 3, nextUri: `${g.base}/members?pageSize=2&pageNumber=2` });
    expect(p1.body.previousUri).toBeUndefined();
    const p2 = await emu.call<WebChatMemberInfoEntityList>('GET', p1.body.nextUri as string, { token: g.jwt });
    expect(p2.body.entities.map((m) => m.displayName)).toEqual(['B', 'C']);
    expect(p2.body).toMatchObject({ previousUri: `${g.base}/members?pageSize=2&pageNumber=1`, nextUri: `${g.base}/members?pageSize=2&pageNumber=3` });
    const p3 = await list('?pageSize=2&pageNumber=3');
    expect(p3.body.entities.map((m) => m.displayName)).toEqual(['D']);
    expect(p3.body.nextUri).toBeUndefined();
    expect(p3.body.lastUri).toBe(`${g.base}/members?pageSize=2&pageNumber=3`);
    const beyond = await list('?pageSize=2&pageNumber=9');
    expect(beyond.body).toMatchObject({ entities: [], pageNumber: 9, total: 5, pageCount: 3 });
    expect(beyond.body.nextUri).toBeUndefined();
    expect(beyond.body.previousUri).toBeUndefined();
  });

  it('keeps members who left, with leaveDate, unless excludeDisconnectedMembers=true', async () => {
    await join('Max');
    await emu.call('DELETE', `/_emulator/conversations/${g.conversationId}/agent`);
    const all = await list();
    expect(all.body.total).toBe(2);
    expect(all.body.entities[1]).toMatchObject({ state: 'DISCONNECTED', leaveDate: expect.any(String) });
    const live = await list('?excludeDisconnectedMembers=true');
    expect(live.body).toMatchObject({ total: 1, entities: [{ id: g.memberId }], selfUri: `${g.base}/members?pageSize=25&pageNumber=1&excludeDisconnectedMembers=true` });
    expect((await list('?excludeDisconnectedMembers=false')).body.total).toBe(2);
  });

  it.each([
    ['?pageSize=0', 'pageSize'],
    ['?pageSize=101', 'pageSize'],
    ['?pageSize=abc', 'pageSize'],
    ['?pageSize=2.5', 'pageSize'],
    ['?pageNumber=0', 'pageNumber'],
    ['?pageNumber=-1', 'pageNumber'],
    ['?excludeDisconnectedMembers=yes', 'excludeDisconnectedMembers'],
  ])('answers 400 invalid.query.param.value to %s', async (query, param) => {
    const r = await emu.call<ErrorBody>('GET', `${g.base}/members${query}`, { token: g.jwt });
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code: 'invalid.query.param.value', details: [{ fieldName: param }] });
    expect(r.body.message).toContain(`parameter [${param}]`);
  });

  it('accepts pageSize 100', async () => {
    expect((await list('?pageSize=100')).body.pageSize).toBe(100);
  });
});

describe('GET …/members/{memberId}', () => {
  it('answers any member of the conversation, agents included', async () => {
    const agent = await join('Max');
    const r = await emu.call<WebChatMemberInfo>('GET', `${g.base}/members/${agent.id}`, { token: g.jwt });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ id: agent.id, displayName: 'Max', role: 'AGENT', state: 'CONNECTED', joinDate: expect.any(String) });
  });

  it('answers 404 chat.error.not.found to an unknown member', async () => {
    const r = await emu.call<ErrorBody>('GET', `${g.base}/members/00000000-0000-4000-8000-000000000000`, { token: g.jwt });
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ code: 'chat.error.not.found', message: 'The web chat conversation member was not found.' });
  });
});

describe('DELETE …/members/{memberId}', () => {
  it('answers 204 without a body and leaves the guest DISCONNECTED', async () => {
    const r = await emu.call('DELETE', `${g.base}/members/${g.memberId}`, { token: g.jwt, headers: { 'Content-Type': 'application/json' } });
    expect(r.status).toBe(204);
    expect(r.text).toBe('');
    const me = await emu.call<WebChatMemberInfo>('GET', `${g.base}/members/${g.memberId}`, { token: g.jwt });
    expect(me.body).toMatchObject({ state: 'DISCONNECTED', leaveDate: expect.any(String) });
  });

  it('answers 400 chat.error.conversation.state the second time', async () => {
    await emu.call('DELETE', `${g.base}/members/${g.memberId}`, { token: g.jwt });
    const r = await emu.call<ErrorBody>('DELETE', `${g.base}/members/${g.memberId}`, { token: g.jwt });
    expect([r.status, r.body.code]).toEqual([400, 'chat.error.conversation.state']);
  });
});
