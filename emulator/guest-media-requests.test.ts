// Guest endpoints 9–11: list, get and answer the agent's media requests (webchat-v2.md §3.1, §8).

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeClock } from '../src/lib/fake-clock';
import type { ErrorBody, WebChatGuestMediaRequest } from '../src/protocol/models';
import { createGuest, isType, openStream, startEmulator, type Guest, type TestEmulator } from './test-kit';

let emu: TestEmulator;
let g: Guest;
let request: WebChatGuestMediaRequest & { id: string };
beforeEach(async () => {
  emu = await startEmulator({ clock: createFakeClock() });
  g = await createGuest(emu);
  await emu.call('POST', `/_emulator/conversations/${g.conversationId}/agent`, { body: { displayName: 'Max' } });
  request = (await emu.call<WebChatGuestMediaRequest & { id: string }>('POST', `/_emulator/conversations/${g.conversationId}/mediarequests`, { body: { types: ['COBROWSE'] } })).body;
});
afterEach(() => emu.close());

const patch = (body: unknown, id = request.id) =>
  emu.call<WebChatGuestMediaRequest & ErrorBody>('PATCH', `${g.base}/mediarequests/${id}`, { token: g.jwt, body });

describe('GET …/mediarequests', () => {
  it('lists every request with its state, in an entity list without paging fields', async () => {
    const r = await emu.call('GET', `${g.base}/mediarequests`, { token: g.jwt });
    expect(r.status).toBe(200);
    expect(r.body).toEqual({
      entities: [
        {
          id: request.id,
          types: ['COBROWSE'],
          state: 'PENDING',
          communicationId: expect.any(String),
          securityKey: expect.stringMatching(/^\d{6}$/),
          selfUri: `${g.base}/mediarequests/${request.id}`,
        },
      ],
    });
  });

  it('answers an empty list when the agent asked nothing', async () => {
    const other = await createGuest(emu);
    expect((await emu.call('GET', `${other.base}/mediarequests`, { token: other.jwt })).body).toEqual({ entities: [] });
  });
});

describe('GET …/mediarequests/{id}', () => {
  it('answers the request', async () => {
    const r = await emu.call('GET', `${g.base}/mediarequests/${request.id}`, { token: g.jwt });
    expect(r.status).toBe(200);
    expect(r.body).toEqual(request);
  });

  it('answers 404 chat.error.not.found to an unknown id', async () => {
    const r = await emu.call<ErrorBody>('GET', `${g.base}/mediarequests/unknown`, { token: g.jwt });
    expect(r.status).toBe(404);
    expect(r.body).toMatchObject({ code: 'chat.error.not.found', message: 'The media request was not found.' });
  });
});

describe('PATCH …/mediarequests/{id}', () => {
  it.each(['ACCEPTED', 'DECLINED', 'ERRORED'])('moves a PENDING request to %s, answers it and announces it on the stream', async (state) => {
    const stream = await openStream(g.eventStreamUri);
    const r = await patch({ types: ['COBROWSE'], state });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id: request.id, state, types: ['COBROWSE'] });
    const frame = await stream.waitFor((f) => isType('media-request')(f) && f.eventBody.state === state, `media-request ${state}`);
    expect(frame.eventBody).toMatchObject({ id: request.id, conversation: { id: g.conversationId }, types: ['COBROWSE'] });
    stream.close();
  });

  it('refuses to answer a request that is no longer PENDING with 400 chat.error.conversation.state', async () => {
    await patch({ types: ['COBROWSE'], state: 'DECLINED' });
    for (const state of ['ACCEPTED', 'DECLINED', 'ERRORED']) {
      const r = await patch({ types: ['COBROWSE'], state });
      expect([r.status, r.body.code]).toEqual([400, 'chat.error.conversation.state']);
    }
  });

  it('lets an ACCEPTED request become ERRORED (the start failed locally), and nothing else', async () => {
    await patch({ types: ['COBROWSE'], state: 'ACCEPTED' });
    expect((await patch({ types: ['COBROWSE'], state: 'DECLINED' })).status).toBe(400);
    expect((await patch({ types: ['COBROWSE'], state: 'ERRORED' })).body.state).toBe('ERRORED');
  });

  it.each([
    ['state PENDING', { types: ['COBROWSE'], state: 'PENDING' }, 'invalid.value', 'state'],
    ['state CANCELLED', { types: ['COBROWSE'], state: 'CANCELLED' }, 'invalid.value', 'state'],
    ['an unknown state', { types: ['COBROWSE'], state: 'MAYBE' }, 'invalid.value', 'state'],
    ['no state', { types: ['COBROWSE'] }, 'constraint.validation', 'state'],
    ['no types', { state: 'ACCEPTED' }, 'constraint.validation', 'types'],
    ['types not an array', { types: 'COBROWSE', state: 'ACCEPTED' }, 'invalid.value', 'types'],
    ['an unknown type', { types: ['VIDEO'], state: 'ACCEPTED' }, 'invalid.value', 'types[0]'],
  ])('answers 400 to %s and leaves the request PENDING', async (_name, body, code, field) => {
    const r = await patch(body);
    expect(r.status).toBe(400);
    expect(r.body).toMatchObject({ code, details: [{ fieldName: field }] });
    expect((await emu.call<WebChatGuestMediaRequest>('GET', `${g.base}/mediarequests/${request.id}`, { token: g.jwt })).body.state).toBe('PENDING');
  });

  it('answers 404 chat.error.not.found to an unknown id', async () => {
    const r = await patch({ types: ['COBROWSE'], state: 'ACCEPTED' }, 'unknown');
    expect([r.status, r.body.code]).toEqual([404, 'chat.error.not.found']);
  });
});
