// Guest endpoint 7 (list messages): the cursor walk of webchat-v2.md §3.1 item 7 — defaults, empty query values,
// exactly 100 and 101 messages, both cursors, next/previousPage, and the query errors.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createFakeClock } from '../src/lib/fake-clock';
import type { ErrorBody, WebChatMessage, WebChatMessageEntityList } from '../src/protocol/models';
import { messagePage } from './paging';
import { createGuest, startEmulator, type Guest, type TestEmulator } from './test-kit';

describe('messagePage (pure)', () => {
  const all = Array.from({ length: 10 }, (_, i) => `m${i}`);
  const page = (o: { after?: string; before?: string; sortOrder?: 'ascending' | 'descending'; maxResults?: number }) =>
    messagePage({ all, idOf: (x) => x, sortOrder: o.sortOrder ?? 'ascending', maxResults: o.maxResults ?? 3, basePath: '/p', ...o });

  it('takes the oldest N ascending and the newest N descending without a cursor', () => {
    expect(page({}).entities).toEqual(['m0', 'm1', 'm2']);
    expect(page({ sortOrder: 'descending' }).entities).toEqual(['m9', 'm8', 'm7']);
  });
  it('takes the N nearest the cursor, against the direction too', () => {
    expect(page({ after: 'm4' }).entities).toEqual(['m5', 'm6', 'm7']);
    expect(page({ before: 'm4', sortOrder: 'descending' }).entities).toEqual(['m3', 'm2', 'm1']);
    expect(page({ after: 'm4', sortOrder: 'descending' }).entities).toEqual(['m7', 'm6', 'm5']);
    expect(page({ before: 'm4' }).entities).toEqual(['m1', 'm2', 'm3']);
  });
  it('keeps only what lies strictly between both cursors', () => {
    expect(page({ after: 'm2', before: 'm4', maxResults: 5 }).entities).toEqual(['m3']);
    expect(page({ after: 'm1', before: 'm8' }).entities).toEqual(['m2', 'm3', 'm4']);
    expect(page({ after: 'm1', before: 'm8', sortOrder: 'descending' }).entities).toEqual(['m7', 'm6', 'm5']);
    expect(page({ after: 'm4', before: 'm5' })).toEqual({ entities: [] });
    expect(page({ after: 'm6', before: 'm2' })).toEqual({ entities: [] });
  });
  it('links next in the direction of travel and previousPage back, only where messages lie', () => {
    expect(page({})).toMatchObject({ next: '/p?after=m2&sortOrder=ascending&maxResults=3' });
    expect(page({}).previousPage).toBeUndefined();
    expect(page({ after: 'm6' })).toEqual({ entities: ['m7', 'm8', 'm9'], previousPage: '/p?before=m7&sortOrder=ascending&maxResults=3' });
    expect(page({ sortOrder: 'descending' })).toEqual({ entities: ['m9', 'm8', 'm7'], next: '/p?before=m7&sortOrder=descending&maxResults=3' });
    expect(page({ sortOrder: 'descending', before: 'm3' })).toEqual({ entities: ['m2', 'm1', 'm0'], previousPage: '/p?after=m2&sortOrder=descending&maxResults=3' });
  });
  it('refuses a cursor that is not a message of the conversation', () => {
    expect(() => page({ after: 'zz' })).toThrow(expect.objectContaining({ status: 400, code: 'invalid.value' }));
    expect(() => page({ before: 'zz' })).toThrow(expect.objectContaining({ status: 400, code: 'invalid.value' }));
  });
});

describe('GET …/messages', () => {
  let emu: TestEmulator;
  let g: Guest;
  let empty: Guest;
  let hundred: Guest;
  let ids: string[];

  beforeAll(async () => {
    // The fake clock never moves here: 101 messages share one timestamp, so order must come from arrival.
    emu = await startEmulator({ clock: createFakeClock() });
    [g, empty, hundred] = [await createGuest(emu), await createGuest(emu), await createGuest(emu)];
    ids = [];
    const fill = Promise.all(
      Array.from({ length: 100 }, (_, i) => emu.call('POST', `${hundred.base}/members/${hundred.memberId}/messages`, { token: hundred.jwt, body: { body: `#${i}` } })),
    );
    for (let i = 0; i < 101; i++) {
      const r = await emu.call<WebChatMessage>('POST', `${g.base}/members/${g.memberId}/messages`, { token: g.jwt, body: { body: `#${i}` } });
      ids.push(r.body.id);
    }
    await fill;
  });
  afterAll(() => emu.close());

  const get = (guest: Guest, query: string) => emu.call<WebChatMessageEntityList & ErrorBody>('GET', `${guest.base}/messages${query}`, { token: guest.jwt });
  const bodies = (l: WebChatMessageEntityList) => l.entities.map((m) => m.body);

  it('answers an empty conversation with no entities, pageSize 100 and neither next nor previousPage', async () => {
    const r = await get(empty, '');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ pageSize: 100, entities: [], selfUri: `${empty.base}/messages` });
  });

  it('answers exactly 100 messages in one page without next', async () => {
    const r = await get(hundred, '');
    expect(r.body.entities).toHaveLength(100);
    expect(r.body.next).toBeUndefined();
    expect(r.body.previousPage).toBeUndefined();
    expect(new Set(bodies(r.body)).size).toBe(100);
  });

  it('pages 101 messages ascending: the oldest 100, then next to the last one', async () => {
    const p1 = await get(g, '');
    expect(bodies(p1.body)).toEqual(Array.from({ length: 100 }, (_, i) => `#${i}`));
    expect(p1.body.next).toBe(`${g.base}/messages?after=${ids[99]}&sortOrder=ascending&maxResults=100`);
    const p2 = await emu.call<WebChatMessageEntityList>('GET', p1.body.next as string, { token: g.jwt });
    expect(bodies(p2.body)).toEqual(['#100']);
    expect(p2.body.next).toBeUndefined();
    expect(p2.body.previousPage).toBe(`${g.base}/messages?before=${ids[100]}&sortOrder=ascending&maxResults=100`);
    expect(p2.body.selfUri).toBe(p1.body.next);
  });

  it('pages 101 messages descending: the newest 100, then the oldest', async () => {
    const p1 = await get(g, '?sortOrder=descending&maxResults=100');
    expect(bodies(p1.body)[0]).toBe('#100');
    expect(bodies(p1.body)[99]).toBe('#1');
    expect(p1.body.next).toBe(`${g.base}/messages?before=${ids[1]}&sortOrder=descending&maxResults=100`);
    const p2 = await emu.call<WebChatMessageEntityList>('GET', p1.body.next as string, { token: g.jwt });
    expect(bodies(p2.body)).toEqual(['#0']);
    expect(p2.body.next).toBeUndefined();
  });

  it('reads empty query values as the defaults, as the SDK sends them', async () => {
    const r = await get(g, '?after=&before=&sortOrder=&maxResults=');
    expect(r.status).toBe(200);
    expect(r.body.pageSize).toBe(100);
    expect(bodies(r.body)[0]).toBe('#0');
    expect(r.body.selfUri).toBe(`${g.base}/messages?after=&before=&sortOrder=&maxResults=`);
  });

  it('walks after a cursor (catch-up) and between two cursors', async () => {
    const after = await get(g, `?after=${ids[97]}`);
    expect(bodies(after.body)).toEqual(['#98', '#99', '#100']);
    const between = await get(g, `?after=${ids[10]}&before=${ids[14]}`);
    expect(bodies(between.body)).toEqual(['#11', '#12', '#13']);
    const betweenDesc = await get(g, `?after=${ids[10]}&before=${ids[14]}&sortOrder=descending&maxResults=2`);
    expect(bodies(betweenDesc.body)).toEqual(['#13', '#12']);
    expect(betweenDesc.body.pageSize).toBe(2);
    expect(betweenDesc.body.next).toBe(`${g.base}/messages?before=${ids[12]}&sortOrder=descending&maxResults=2`);
    const nothing = await get(g, `?after=${ids[100]}`);
    expect(nothing.body).toEqual({ pageSize: 100, entities: [], selfUri: `${g.base}/messages?after=${ids[100]}` });
  });

  it('caps maxResults above 100 at 100', async () => {
    const r = await get(g, '?maxResults=500');
    expect(r.body.pageSize).toBe(100);
    expect(r.body.entities).toHaveLength(100);
  });

  it('lists member-join and member-leave messages in the transcript with empty bodies', async () => {
    const other = await createGuest(emu);
    await emu.call('POST', `/_emulator/conversations/${other.conversationId}/agent`, { body: {} });
    await emu.call('DELETE', `/_emulator/conversations/${other.conversationId}/agent`);
    const r = await get(other, '');
    expect(r.body.entities.map((m) => [m.bodyType, m.body])).toEqual([
      ['member-join', ''],
      ['member-leave', ''],
    ]);
  });

  it.each([
    ['?maxResults=0', 'invalid.query.param.value'],
    ['?maxResults=-5', 'invalid.query.param.value'],
    ['?maxResults=ten', 'invalid.query.param.value'],
    ['?sortOrder=sideways', 'invalid.query.param.value'],
    ['?after=00000000-0000-4000-8000-000000000000', 'invalid.value'],
    ['?before=nope', 'invalid.value'],
  ])('answers 400 to %s', async (query, code) => {
    const r = await get(g, query);
    expect(r.status).toBe(400);
    expect(r.body.code).toBe(code);
  });
});
