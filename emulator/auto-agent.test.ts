// The `--agent auto` demo agent, driven entirely by a fake clock: join after agentDelayMs, greeting by name,
// typing 0.6–1.2 s before each answer, context-aware replies, co-browse on "cobrowse", the end on "bye".

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createFakeClock, type FakeClock } from '../src/lib/fake-clock';
import { replyTo, typingDurationMs } from './agent-replies';
import { createGuest, isType, openStream, startEmulator, until, type Frame, type FrameSocket, type Guest, type TestEmulator } from './test-kit';

describe('replyTo', () => {
  it('says goodbye only to exactly "bye" (trimmed, any case)', () => {
    expect(replyTo('  ByE ', 'Ana Lima', 1).kind).toBe('goodbye');
    expect(replyTo('bye bye', 'Ana', 1).kind).toBe('say');
    expect(replyTo('goodbye', 'Ana', 1).kind).toBe('say');
  });
  it('offers co-browse whenever "cobrowse" appears, in any case', () => {
    expect(replyTo('Can we CoBrowse?', 'Ana', 1)).toMatchObject({ kind: 'cobrowse', text: expect.stringContaining('co-browse') });
  });
  it('answers the store’s usual questions, and acknowledges others without echoing them', () => {
    expect(replyTo('Do you ship to Portugal?', 'Ana', 1).text).toContain('delivery');
    expect(replyTo('Do you have it in size 42?', 'Ana', 1).text).toContain('size chart');
    expect(replyTo('Is the Ridgeline 2 warm enough for early spring?', 'Ana', 1).text).toContain('three-season');
    expect(replyTo('Is the blue one still in stock?', 'Ana', 1).text).toContain('in stock');
    const other = replyTo('Can I pitch it on a wooden platform?', 'Ana', 1);
    expect(other.text).not.toContain('wooden');
    expect(other.text).toMatch(/check|look/);
    expect(replyTo('x'.repeat(300), 'Ana', 2).text.length).toBeLessThan(140);
  });
  it('greets back by first name, answers what follows a greeting, and thanks politely', () => {
    expect(replyTo('hello!', 'Ana Lima', 1).text).toBe('Hello Ana! What can I do for you?');
    expect(replyTo('Hi! Do you ship to Portugal?', 'Ana', 1).text).toContain('delivery');
    expect(replyTo('Hello there, is the shop open on Sunday?', 'Ana', 1).text).not.toMatch(/hello/i);
    expect(replyTo('thanks a lot', 'Ana', 1).text).toContain('welcome');
  });
  it('types 0.6–1.2 s', () => {
    expect(typingDurationMs('')).toBe(600);
    expect(typingDurationMs('x'.repeat(1000))).toBe(1200);
  });
});

describe('auto agent', () => {
  let emu: TestEmulator;
  let clock: FakeClock;
  let g: Guest;
  let s: FrameSocket;

  beforeEach(async () => {
    clock = createFakeClock();
    emu = await startEmulator({ clock, agent: 'auto', agentDelayMs: 1500, heartbeatMs: 60_000 });
    g = await createGuest(emu);
    s = await openStream(g.eventStreamUri);
  });
  afterEach(async () => {
    s.close();
    await emu.close();
  });

  const agentFrames = () => s.frames().filter((f) => f.metadata && f.eventBody.sender?.id !== g.memberId && f.eventBody.member?.id !== g.memberId);
  const say = (body: string) => emu.call('POST', `${g.base}/members/${g.memberId}/messages`, { token: g.jwt, body: { body } });
  const ms = (f: Frame | undefined) => Date.parse(f?.eventBody.timestamp as string);
  const lastAgentText = async () => (await s.waitFor((f) => f.eventBody.bodyType === 'standard' && f.eventBody.sender?.id !== g.memberId, 'agent text', s.raw.length - 1)).eventBody.body;

  /** Advances time in small steps so each step's I/O settles, as a person would see it. */
  async function advance(msTotal: number, step = 100) {
    for (let t = 0; t < msTotal; t += step) await clock.advance(step);
  }

  it('joins after agentDelayMs as Grace (ALERTING, CONNECTED, member-join), then types and greets the guest by name', async () => {
    await clock.advance(1499);
    expect(agentFrames()).toEqual([]);
    await clock.advance(1);
    const join = await s.waitForCount((f) => f.metadata !== undefined, 3, 'join');
    expect(join.map((f) => f.eventBody.member?.state ?? f.eventBody.bodyType)).toEqual(['ALERTING', 'CONNECTED', 'member-join']);
    const agentId = join[0]?.eventBody.member?.id as string;
    const agent = await emu.call<{ displayName: string; role: string }>('GET', `${g.base}/members/${agentId}`, { token: g.jwt });
    expect(agent.body).toMatchObject({ displayName: 'Grace', role: 'AGENT' });

    await advance(2000);
    const typing = await s.waitFor(isType('typing-indicator'), 'typing');
    const greeting = await s.waitFor((f) => f.eventBody.bodyType === 'standard', 'greeting');
    expect(greeting.eventBody.body).toMatch(/^Hi Ana, I'm Grace\./);
    const typedFor = ms(greeting) - ms(typing);
    expect(typedFor).toBeGreaterThanOrEqual(600);
    expect(typedFor).toBeLessThanOrEqual(1200);
  });

  it('answers each message after typing, to what was asked', async () => {
    await advance(4000);
    await say('Where is my order PA-1234?');
    const from = s.raw.length;
    await advance(2000);
    const typing = await s.waitFor((f) => isType('typing-indicator')(f) && f.eventBody.sender?.id !== g.memberId, 'typing', from);
    const answer = await s.waitFor((f) => f.eventBody.bodyType === 'standard' && f.eventBody.sender?.id !== g.memberId, 'answer', from);
    expect(answer.eventBody.body).toContain('order');
    expect(ms(answer) - ms(typing)).toBeGreaterThanOrEqual(600);
    expect(ms(answer) - ms(typing)).toBeLessThanOrEqual(1200);

    await say('Is the blue jacket back in stock?');
    await advance(2000);
    expect(await lastAgentText()).toContain('in stock');
  });

  it('sends a COBROWSE media request, and says so, when the guest writes "cobrowse"', async () => {
    await advance(4000);
    await say('could we cobrowse this page?');
    await advance(2000);
    const request = await s.waitFor(isType('media-request'), 'media request');
    expect(request.eventBody).toMatchObject({ types: ['COBROWSE'], state: 'PENDING' });
    const said = s.frames().filter((f) => f.eventBody.bodyType === 'standard' && f.eventBody.sender?.id !== g.memberId);
    expect(said.at(-1)?.eventBody.body).toContain('co-browse request');
  });

  it('says goodbye on "bye" and ends the conversation as disconnect does', async () => {
    await advance(4000);
    await say('  Bye  ');
    await advance(2000);
    expect((await s.closed).code).toBe(1000);
    const texts = s.frames().filter((f) => f.eventBody.bodyType === 'standard').map((f) => f.eventBody.body);
    expect(texts.at(-1)).toMatch(/Goodbye!$/);
    const changes = s.frames().filter(isType('member-change')).map((f) => [f.eventBody.member?.id === g.memberId ? 'guest' : 'agent', f.eventBody.member?.state]);
    expect(changes.slice(-2)).toEqual([
      ['agent', 'DISCONNECTED'],
      ['guest', 'DISCONNECTED'],
    ]);
    expect((await emu.call<{ state: string }>('GET', `/_emulator/conversations/${g.conversationId}`)).body.state).toBe('ended');
  });

  it('stays quiet before joining and after being made to leave', async () => {
    await say('anyone there?');
    await clock.advance(1400);
    expect(agentFrames()).toEqual([]);
    await advance(4000);
    await emu.call('DELETE', `/_emulator/conversations/${g.conversationId}/agent`);
    await s.waitFor((f) => f.eventBody.member?.state === 'DISCONNECTED', 'agent left');
    const count = agentFrames().length;
    await say('hello?');
    await advance(3000);
    // A marker of our own: anything the agent sent meanwhile would have arrived before it.
    await emu.call('POST', `${g.base}/members/${g.memberId}/typing`, { token: g.jwt });
    await s.waitFor((f) => isType('typing-indicator')(f) && f.eventBody.sender?.id === g.memberId, 'own typing echo');
    expect(agentFrames().length).toBe(count);
  });

  it('forgets pending joins on reset', async () => {
    expect(clock.pendingTimers()).toBe(2); // the join and the socket's heartbeat
    await emu.call('POST', '/_emulator/reset');
    await s.closed;
    await until(() => clock.pendingTimers() === 0, 'every timer cancelled');
    await clock.advance(5000);
    expect((await emu.call('GET', '/_emulator/conversations')).body).toEqual([]);
  });
});
