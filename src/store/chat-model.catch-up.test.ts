import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../lib/fake-clock';
import { activeChat, bodies } from './chat-harness.test.helper';
import { singleFlight } from './chat-model';
import { apiError } from './fake-backend.test.helper';

const listingCalls = (h: Awaited<ReturnType<typeof activeChat>>) => h.b.calls.filter((c) => c.op === 'listMessages' || c.op === 'listMessagesAt');

describe('catching up after a reconnect', () => {
  it('fetches everything after the last known message, following next, each once and in order', async () => {
    const h = await activeChat();
    const agent = h.agent.id as string;
    h.b.say(agent, 'before');
    await h.b.flush();
    const lastKnown = h.b.messages.at(-1)?.id;
    h.b.lastStream().drop();
    // Same timestamps throughout (the fake clock stands still) and ids that sort backwards: only service order counts.
    for (let i = 1; i <= 250; i++) h.b.say(agent, `missed ${i}`);
    const calls = listingCalls(h).length;
    h.b.lastStream().open(true);
    await h.b.flush();
    const walk = listingCalls(h).slice(calls);
    expect(walk[0]?.args[1]).toEqual({ after: lastKnown, sortOrder: 'ascending', maxResults: 100 });
    expect(walk.map((c) => c.op)).toEqual(['listMessages', 'listMessagesAt', 'listMessagesAt']);
    expect(bodies(h.chat)).toEqual(['before', ...Array.from({ length: 250 }, (_, i) => `missed ${i + 1}`)]);
    expect(h.eventsOf('message').filter((m) => m.body.startsWith('missed'))).toHaveLength(250);
    expect(h.chat.unreadCount.value).toBe(251);
  });

  it('reads every member page, its own member and the media requests', async () => {
    const h = await activeChat();
    for (let i = 0; i < 130; i++) h.b.members.set(`extra-${i}`, { id: `extra-${i}`, role: 'WORKFLOW', state: 'CONNECTED', displayName: `bot ${i}` });
    const r = h.b.addMediaRequest(['SCREENSHARE'], { broadcast: false });
    const from = h.b.calls.length;
    h.b.lastStream().open(true);
    await h.b.flush();
    const after = h.b.calls.slice(from);
    expect(after.filter((c) => c.op === 'listMembers').map((c) => c.args[1])).toEqual([
      { pageSize: 100, pageNumber: 1 },
      { pageSize: 100, pageNumber: 2 },
    ]);
    expect(after.some((c) => c.op === 'getMember' && c.args[1] === h.b.guestId)).toBe(true);
    expect(after.some((c) => c.op === 'listMediaRequests')).toBe(true);
    expect(h.chat.members.value.size).toBe(132);
    expect(h.chat.mediaRequests.value.map((x) => x.id)).toEqual([r.id]);
  });

  it('catches up on a stale notice (frames may have been lost on an open socket)', async () => {
    const h = await activeChat();
    h.b.lastStream().stalled = true;
    h.b.say(h.agent.id as string, 'lost in the stall');
    await h.b.flush();
    expect(bodies(h.chat)).toEqual([]);
    h.b.lastStream().stale();
    await h.b.flush();
    expect(bodies(h.chat)).toEqual(['lost in the stall']);
  });

  it('moves the cursor with frames once caught up, so the next catch-up starts from the newest frame', async () => {
    const h = await activeChat();
    const m = h.b.say(h.agent.id as string, 'live');
    await h.b.flush();
    const calls = listingCalls(h).length;
    h.b.lastStream().open(true);
    await h.b.flush();
    expect(listingCalls(h)[calls]?.args[1]).toMatchObject({ after: m.id });
  });

  it('never lets frames from a new socket skip messages lost before it opened', async () => {
    const h = await activeChat();
    const agent = h.agent.id as string;
    const gate = h.b.hold('listMessages');
    h.b.lastStream().stale(); // a catch-up starts and waits on its listing
    await h.b.flush();
    h.b.lastStream().drop();
    h.b.say(agent, 'lost 1');
    h.b.say(agent, 'lost 2');
    h.b.lastStream().open(true);
    h.b.say(agent, 'on the new socket');
    await h.b.flush();
    gate.release();
    await h.b.flush();
    expect(bodies(h.chat)).toEqual(['lost 1', 'lost 2', 'on the new socket']);
    // Events follow the transcript, not arrival: the frame's event waited for the gap to be filled.
    expect(h.eventsOf('message').filter((m) => m.bodyType === 'standard').map((m) => m.body)).toEqual(['lost 1', 'lost 2', 'on the new socket']);
  });

  it('never lets its own POST answers skip messages the stream lost', async () => {
    const h = await activeChat();
    h.b.lastStream().stalled = true;
    h.b.say(h.agent.id as string, 'lost a');
    h.b.say(h.agent.id as string, 'lost b');
    await h.chat.send('mine');
    h.b.lastStream().stale();
    await h.b.flush();
    expect(bodies(h.chat)).toEqual(['lost a', 'lost b', 'mine']);
  });

  it('never lets frames that resume after a stale notice skip what the silence lost, even if the catch-up fails', async () => {
    const h = await activeChat();
    const agent = h.agent.id as string;
    const stream = h.b.lastStream();
    stream.stalled = true;
    h.b.say(agent, 'lost in the silence');
    h.b.failNext('listMessages', apiError(503, 'service.unavailable'));
    stream.stale();
    await h.b.flush();
    stream.stalled = false; // the path recovers: frames flow again on the same socket
    h.b.say(agent, 'after the silence');
    await h.b.flush();
    await h.b.clock.advance(5000); // the catch-up's retry
    expect(bodies(h.chat)).toEqual(['lost in the silence', 'after the silence']);
  });

  it('retries a failed catch-up with backoff until it succeeds', async () => {
    const h = await activeChat();
    h.b.lastStream().drop();
    h.b.say(h.agent.id as string, 'missed');
    h.b.failNext('listMessages', apiError(503, 'service.unavailable'), { times: 2 });
    h.b.lastStream().open(true);
    await h.b.flush();
    expect(bodies(h.chat)).toEqual([]);
    await h.b.clock.advance(1000);
    expect(bodies(h.chat)).toEqual([]);
    await h.b.clock.advance(2000);
    expect(bodies(h.chat)).toEqual(['missed']);
    expect(h.logger.lines.filter((l) => l.includes('catch-up failed'))).toHaveLength(2);
  });

  it('starts again from the newest page when the service refuses the cursor', async () => {
    const h = await activeChat();
    h.b.lastStream().drop();
    h.b.say(h.agent.id as string, 'after the hiccup');
    h.b.failNext('listMessages', apiError(400, 'invalid.value'));
    h.b.lastStream().open(true);
    await h.b.flush();
    await h.b.clock.advance(2000);
    expect(bodies(h.chat)).toEqual(['after the hiccup']);
    expect(listingCalls(h).at(-1)?.args[1]).toEqual({ sortOrder: 'descending', maxResults: 100 });
  });
});

describe('the catch-up runner', () => {
  it('joins requests made during a run into one more run', async () => {
    const clock = createFakeClock();
    let runs = 0;
    let release: () => void = () => {};
    const request = singleFlight(() => {
      runs++;
      return new Promise<boolean>((r) => (release = () => r(true)));
    });
    const first = request();
    const second = request();
    const third = request();
    expect(runs).toBe(1);
    release();
    await clock.advance(0);
    expect(runs).toBe(2);
    release();
    await expect(Promise.all([first, second, third])).resolves.toEqual([true, true, true]);
    expect(runs).toBe(2);
  });

  it('shares a failure with every caller waiting on it, and runs afresh when asked after it', async () => {
    let runs = 0;
    const request = singleFlight(async () => {
      runs++;
      throw new Error('down');
    });
    await expect(Promise.all([request(), request()])).rejects.toThrow('down');
    expect(runs).toBe(1);
    await expect(request()).rejects.toThrow('down');
    expect(runs).toBe(2);
  });

  it('schedules a retry only for a transient failure, and none once the chat is gone', async () => {
    const h = await activeChat();
    h.b.failNext('listMessages', apiError(503, 'service.unavailable'));
    h.b.lastStream().stale();
    await h.b.flush();
    expect(h.b.clock.pendingTimers()).toBe(1);
    h.chat.dispose();
    expect(h.b.clock.pendingTimers()).toBe(0);

    const gone = await activeChat();
    gone.b.failNext('listMessages', apiError(401, 'credentials.expired'));
    gone.b.lastStream().stale();
    await gone.b.flush();
    expect(gone.chat.phase.value).toMatchObject({ name: 'ended', notice: { code: 'session-expired' } });
    expect(gone.b.clock.pendingTimers()).toBe(0);
    expect(gone.logger.lines.filter((l) => l.includes('catch-up failed'))).toHaveLength(0);
  });
});
