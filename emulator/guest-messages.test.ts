// Guest endpoints 5, 6 and 8: send a message, send typing (with no body, `{}` or as the SDK does), get one message.
// Paging of the listing (endpoint 7) is in message-paging.test.ts.

import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeClock, type FakeClock } from '../src/lib/fake-clock';
import type { ErrorBody, WebChatMessage, WebChatTyping } from '../src/protocol/models';
import { createGuest, startEmulator, type Guest, type TestEmulator } from './test-kit';

let emu: TestEmulator;
let clock: FakeClock;
let g: Guest;
beforeEach(async () => {
  clock = createFakeClock();
  emu = await startEmulator({ clock });
  g = await createGuest(emu);
});
afterEach(() => emu.close());

const send = (body: unknown, o: { rawBody?: string; headers?: Record<string, string> } = {}) =>
  emu.call<WebChatMessage & ErrorBody>('POST', `${g.base}/members/${g.memberId}/messages`, { token: g.jwt, ...(body !== undefined ? { body } : {}), ...o });

describe('POST …/members/{memberId}/messages', () => {
  it('answers 200 with the stored message in the REST shape (conversation selfUri, sender id only)', async () => {
    const r = await send({ body: 'Hello there' });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      conversation: { id: g.conversationId, selfUri: `/api/v2/conversations/${g.conversationId}` },
      sender: { id: g.memberId },
      body: 'Hello there',
      bodyType: 'standard',
      timestamp: new Date(clock.now()).toISOString(),
      selfUri: `${g.base}/messages/${r.body.id}`,
    });
  });

  it('stores a bodyType as given and defaults it to standard', async () => {
    expect((await send({ body: 'n', bodyType: 'notice' })).body.bodyType).toBe('notice');
    expect((await send({ body: 'x', bodyType: null })).body.bodyType).toBe('standard');
  });

  it('accepts exactly 4000 UTF-16 code units and refuses 4001 with 400 constraint.validation', async () => {
    expect((await send({ body: 'a'.repeat(4000) })).status).toBe(200);
    const tooLong = await send({ body: `${'a'.repeat(3999)}😀` });
    expect(tooLong.status).toBe(400);
    expect(tooLong.body).toMatchObject({ code: 'constraint.validation', details: [{ fieldName: 'body' }] });
  });

  it.each([
    ['no body field', {}, 'chat.error.notnull.createconversationmessagerequest.body'],
    ['a null body', { body: null }, 'chat.error.notnull.createconversationmessagerequest.body'],
    ['an empty request body', undefined, 'chat.error.notnull.createconversationmessagerequest.body'],
    ['an object body', { body: { text: 'x' } }, 'invalid.value'],
    ['an unknown bodyType', { body: 'x', bodyType: 'html' }, 'invalid.value'],
    ['a request body that is a string', 'hello', 'bad.request'],
  ])('answers 400 to %s', async (_name, body, code) => {
    const r = await send(body, body === undefined ? { headers: { 'Content-Type': 'application/json' } } : {});
    expect(r.status).toBe(400);
    expect(r.body.code).toBe(code);
    const all = await emu.call<{ entities: unknown[] }>('GET', `${g.base}/messages`, { token: g.jwt });
    expect(all.body.entities).toEqual([]);
  });

  it('answers 400 invalid.value to a body nested deeper than the stack', async () => {
    const deep = `{"body":${'['.repeat(20_000)}${']'.repeat(20_000)}}`;
    const r = await send(undefined, { rawBody: deep, headers: { 'Content-Type': 'application/json' } });
    expect([r.status, r.body.code]).toEqual([400, 'invalid.value']);
  });

  it('answers 400 bad.request to malformed JSON and 415 to a non-JSON body', async () => {
    expect((await send(undefined, { rawBody: '{"body": "x"', headers: { 'Content-Type': 'application/json' } })).body.code).toBe('bad.request');
    const r = await send(undefined, { rawBody: 'body=x', headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expect([r.status, r.body.code]).toEqual([415, 'unsupported.media.type']);
  });

  it('answers 400 chat.error.conversation.state once the conversation is over', async () => {
    await emu.call('POST', `/_emulator/conversations/${g.conversationId}/disconnect`);
    const r = await send({ body: 'still there?' });
    expect([r.status, r.body.code]).toEqual([400, 'chat.error.conversation.state']);
  });
});

describe('POST …/members/{memberId}/typing', () => {
  const expectTyping = (r: { status: number; body: unknown }) => {
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      id: expect.stringMatching(/^[0-9a-f-]{36}$/),
      conversation: { id: g.conversationId, selfUri: `/api/v2/conversations/${g.conversationId}` },
      sender: { id: g.memberId },
      timestamp: new Date(clock.now()).toISOString(),
    } satisfies Record<keyof WebChatTyping, unknown>);
  };
  const path = () => `${g.base}/members/${g.memberId}/typing`;

  it('answers 200 WebChatTyping to a request with no body and no Content-Type (the official widget)', async () => {
    const r = await fetch(emu.url + path(), { method: 'POST', headers: { Authorization: `Bearer ${g.jwt}` } });
    expectTyping({ status: r.status, body: await r.json() });
  });

  it('answers 200 to an empty JSON body and to `{}`', async () => {
    expectTyping(await emu.call('POST', path(), { token: g.jwt, rawBody: '', headers: { 'Content-Type': 'application/json' } }));
    expectTyping(await emu.call('POST', path(), { token: g.jwt, body: {} }));
  });

  it('answers 200 to the SDK form: Content-Type json, Content-Length 0', async () => {
    const url = new URL(emu.url + path());
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(url, { method: 'POST', headers: { 'Content-Type': 'application/json', Accept: 'application/json', 'Content-Length': '0', Authorization: `Bearer ${g.jwt}` } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      });
      req.on('error', reject);
      req.end();
    });
    expect(status).toBe(200);
  });

  it('answers 400 chat.error.conversation.state once the guest has left', async () => {
    await emu.call('DELETE', `${g.base}/members/${g.memberId}`, { token: g.jwt });
    const r = await emu.call<ErrorBody>('POST', path(), { token: g.jwt });
    expect([r.status, r.body.code]).toEqual([400, 'chat.error.conversation.state']);
  });
});

describe('GET …/messages/{messageId}', () => {
  it('answers the stored message', async () => {
    const sent = await send({ body: 'keep me' });
    const r = await emu.call<WebChatMessage>('GET', `${g.base}/messages/${sent.body.id}`, { token: g.jwt });
    expect(r.status).toBe(200);
    expect(r.body).toEqual(sent.body);
  });

  it('answers 404 chat.error.not.found to an unknown id', async () => {
    const r = await emu.call<ErrorBody>('GET', `${g.base}/messages/nope`, { token: g.jwt });
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ code: 'chat.error.not.found', message: 'The web chat conversation message was not found.' });
  });
});
