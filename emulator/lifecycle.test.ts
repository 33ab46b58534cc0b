// How a conversation ends (webchat-v2.md §7): the guest leaves, the agent ends it, or the agent leaves as in a
// transfer — the frames, their order, the member states, cancelled media requests and the socket close.

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeClock } from '../src/lib/fake-clock';
import type { WebChatGuestMediaRequestEntityList, WebChatMemberInfoEntityList } from '../src/protocol/models';
import { createGuest, isType, openStream, startEmulator, type Frame, type FrameSocket, type Guest, type TestEmulator } from './test-kit';

let emu: TestEmulator;
let g: Guest;
let s: FrameSocket;
let agentId: string;
let mediaId: string;
beforeEach(async () => {
  emu = await startEmulator({ clock: createFakeClock() });
  g = await createGuest(emu);
  s = await openStream(g.eventStreamUri);
  agentId = (await emu.call<{ id: string }>('POST', `/_emulator/conversations/${g.conversationId}/agent`, { body: { displayName: 'Max' } })).body.id;
  mediaId = (await emu.call<{ id: string }>('POST', `/_emulator/conversations/${g.conversationId}/mediarequests`, { body: { types: ['COBROWSE'] } })).body.id;
  await s.waitFor((f) => f.eventBody.bodyType === 'media-request', 'setup frames');
});
afterEach(async () => {
  s.close();
  await emu.close();
});

/** The frames after set-up, as [type, who, what]. */
const story = (frames: Frame[]) =>
  frames
    .filter((f) => f.metadata !== undefined)
    .slice(5) // ALERTING, CONNECTED, member-join, media-request frame, media-request message
    .map((f) => {
      const b = f.eventBody;
      if (f.metadata?.type === 'message') return ['message', b.sender?.id === g.memberId ? 'guest' : 'agent', b.bodyType];
      if (f.metadata?.type === 'member-change') return ['member-change', b.member?.id === g.memberId ? 'guest' : 'agent', b.member?.state];
      return [f.metadata?.type, b.id === mediaId ? 'request' : '?', b.state];
    });

describe('the guest leaves (DELETE own member)', () => {
  it('sends member-leave, CANCELLED for pending requests, the guest then the agent DISCONNECTED, and closes with 1000', async () => {
    expect((await emu.call('DELETE', `${g.base}/members/${g.memberId}`, { token: g.jwt })).status).toBe(204);
    const closed = await s.closed;
    expect(closed.code).toBe(1000);
    expect(story(s.frames())).toEqual([
      ['message', 'guest', 'member-leave'],
      ['media-request', 'request', 'CANCELLED'],
      ['member-change', 'guest', 'DISCONNECTED'],
      ['member-change', 'agent', 'DISCONNECTED'],
    ]);
    const members = await emu.call<WebChatMemberInfoEntityList>('GET', `${g.base}/members`, { token: g.jwt });
    expect(members.body.entities.map((m) => [m.role, m.state, typeof m.leaveDate])).toEqual([
      ['CUSTOMER', 'DISCONNECTED', 'string'],
      ['AGENT', 'DISCONNECTED', 'string'],
    ]);
    const requests = await emu.call<WebChatGuestMediaRequestEntityList>('GET', `${g.base}/mediarequests`, { token: g.jwt });
    expect(requests.body.entities[0]?.state).toBe('CANCELLED');
  });

  it('keeps the transcript readable after the end', async () => {
    await emu.call('DELETE', `${g.base}/members/${g.memberId}`, { token: g.jwt });
    const r = await emu.call<{ entities: Array<{ bodyType: string }> }>('GET', `${g.base}/messages`, { token: g.jwt });
    expect(r.body.entities.map((m) => m.bodyType)).toEqual(['member-join', 'media-request', 'member-leave']);
  });

  it('does not cancel requests the guest already answered', async () => {
    await emu.call('PATCH', `${g.base}/mediarequests/${mediaId}`, { token: g.jwt, body: { types: ['COBROWSE'], state: 'ACCEPTED' } });
    await emu.call('DELETE', `${g.base}/members/${g.memberId}`, { token: g.jwt });
    const requests = await emu.call<WebChatGuestMediaRequestEntityList>('GET', `${g.base}/mediarequests`, { token: g.jwt });
    expect(requests.body.entities[0]?.state).toBe('ACCEPTED');
  });
});

describe('the agent ends the conversation (control disconnect)', () => {
  it('sends the agent member-leave and DISCONNECTED, then the guest DISCONNECTED, and closes with 1000', async () => {
    expect((await emu.call('POST', `/_emulator/conversations/${g.conversationId}/disconnect`)).status).toBe(204);
    expect((await s.closed).code).toBe(1000);
    expect(story(s.frames())).toEqual([
      ['message', 'agent', 'member-leave'],
      ['media-request', 'request', 'CANCELLED'],
      ['member-change', 'agent', 'DISCONNECTED'],
      ['member-change', 'guest', 'DISCONNECTED'],
    ]);
    const view = await emu.call<{ state: string }>('GET', `/_emulator/conversations/${g.conversationId}`);
    expect(view.body.state).toBe('ended');
  });
});

describe('the agent leaves as in a transfer (control DELETE agent)', () => {
  it('sends member-leave then DISCONNECTED for the agent; the guest stays CONNECTED and the stream open', async () => {
    expect((await emu.call('DELETE', `/_emulator/conversations/${g.conversationId}/agent`)).status).toBe(204);
    await s.waitFor((f) => f.eventBody.member?.id === agentId && f.eventBody.member.state === 'DISCONNECTED', 'agent DISCONNECTED');
    expect(story(s.frames())).toEqual([
      ['message', 'agent', 'member-leave'],
      ['member-change', 'agent', 'DISCONNECTED'],
    ]);
    const me = await emu.call<{ state: string }>('GET', `${g.base}/members/${g.memberId}`, { token: g.jwt });
    expect(me.body.state).toBe('CONNECTED');
    // A new agent (a new member id) can take over, and the guest can still write.
    const next = await emu.call<{ id: string }>('POST', `/_emulator/conversations/${g.conversationId}/agent`, { body: { displayName: 'Noor' } });
    expect(next.body.id).not.toBe(agentId);
    expect((await emu.call('POST', `${g.base}/members/${g.memberId}/messages`, { token: g.jwt, body: { body: 'hello again' } })).status).toBe(200);
    await s.waitFor(isType('message'), 'still open', s.raw.length - 1);
  });
});
