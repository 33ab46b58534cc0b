import { describe, expect, it } from 'vitest';
import { activeChat, bodies, DEPLOYMENT, makeChat, ORG } from './chat-harness.test.helper';
import { apiError, createFakeBackend, createMemoryStorage, networkError } from './fake-backend.test.helper';
import { storageKey } from './persistence';

const stored = (h: Awaited<ReturnType<typeof activeChat>>, text: string) => h.b.messages.filter((m) => m.body === text && m.sender.id === h.b.guestId);

describe('sending', () => {
  it('shows a draft at once as sending, with a local id', async () => {
    const h = await activeChat();
    const gate = h.b.hold('sendMessage');
    h.b.echo = false;
    const sent = h.chat.send('hello');
    const draft = h.chat.messages.value.at(-1);
    expect(draft).toMatchObject({ body: 'hello', status: 'sending', own: true, bodyType: 'standard' });
    expect(draft?.id).toBe(draft?.localId);
    gate.release();
    await sent;
  });

  it('reconciles with the echo when it comes before the POST answer, keeping the local id', async () => {
    const h = await activeChat();
    const gate = h.b.hold('sendMessage');
    const sent = h.chat.send('hello');
    const localId = h.chat.messages.value.at(-1)?.localId;
    await h.b.flush();
    // The echo arrived; the answer is still held.
    const server = stored(h, 'hello')[0];
    expect(h.chat.messages.value.filter((m) => m.body === 'hello')).toEqual([expect.objectContaining({ id: server?.id, localId, status: 'sent' })]);
    gate.release();
    await sent;
    expect(h.chat.messages.value.filter((m) => m.body === 'hello')).toEqual([expect.objectContaining({ id: server?.id, localId, status: 'sent' })]);
    expect(h.eventsOf('message').filter((m) => m.body === 'hello')).toHaveLength(1);
  });

  it('reconciles with the POST answer when it comes before the echo', async () => {
    const h = await activeChat();
    h.b.echo = false;
    const sent = h.chat.send('hello');
    const localId = h.chat.messages.value.at(-1)?.localId;
    await sent;
    const server = stored(h, 'hello')[0];
    expect(server).toBeDefined();
    expect(h.chat.messages.value.filter((m) => m.body === 'hello')).toEqual([expect.objectContaining({ id: server?.id, localId, status: 'sent' })]);
    // The late echo is a duplicate.
    const { selfUri: _s, ...rest } = server as NonNullable<typeof server>;
    h.b.broadcast({ type: 'frame', frame: { type: 'message', conversationId: h.b.conversationId, correlationId: 'c', body: { ...rest, conversation: { id: h.b.conversationId } } } });
    await h.b.flush();
    expect(h.chat.messages.value.filter((m) => m.body === 'hello')).toHaveLength(1);
  });

  it('sends one at a time, in the order typed', async () => {
    const h = await activeChat();
    const gate = h.b.hold('sendMessage');
    const all = Promise.all([h.chat.send('one'), h.chat.send('two'), h.chat.send('three')]);
    await h.b.flush();
    expect(h.b.countCalls('sendMessage')).toBe(1);
    expect(h.chat.messages.value.slice(-2).map((m) => [m.body, m.status])).toEqual([
      ['two', 'sending'],
      ['three', 'sending'],
    ]);
    gate.release();
    await all;
    expect(h.b.messages.filter((m) => m.sender.id === h.b.guestId).map((m) => m.body)).toEqual(['one', 'two', 'three']);
    expect(bodies(h.chat)).toEqual(['one', 'two', 'three']);
  });

  it('queues what is typed while the chat starts and sends it once created', async () => {
    const h = makeChat();
    const starting = h.chat.start();
    const sent = h.chat.send('early');
    await starting;
    await sent;
    expect(h.b.messages.map((m) => m.body)).toEqual(['early']);
  });

  it('waits Retry-After after a 429 and sends again without catching up', async () => {
    const h = await activeChat();
    h.b.failNext('sendMessage', apiError(429, 'too.many.requests.retry.after', 7000));
    const listings = h.b.countCalls('listMessages') + h.b.countCalls('listMessagesAt');
    const sent = h.chat.send('slow down');
    await h.b.clock.advance(6999);
    expect(h.b.countCalls('sendMessage')).toBe(1);
    await h.b.clock.advance(1);
    await sent;
    expect(h.b.countCalls('sendMessage')).toBe(2);
    expect(h.b.countCalls('listMessages') + h.b.countCalls('listMessagesAt')).toBe(listings);
    expect(stored(h, 'slow down')).toHaveLength(1);
    expect(h.chat.messages.value.at(-1)).toMatchObject({ body: 'slow down', status: 'sent' });
  });

  it.each([undefined, -5, Number.NaN])('backs off at least 1 s after a 429 whose Retry-After is missing or nonsense (%s)', async (ms) => {
    const h = await activeChat();
    h.b.failNext('sendMessage', apiError(429, 'too.many.requests', ms));
    const sent = h.chat.send('x');
    await h.b.clock.advance(999);
    expect(h.b.countCalls('sendMessage')).toBe(1);
    await h.b.clock.advance(10_000);
    await sent;
    expect(stored(h, 'x')).toHaveLength(1);
  });

  it.each([
    ['a 503', () => apiError(503, 'service.unavailable')],
    ['a 500', () => apiError(500, 'internal.server.error')],
    ['no answer', () => networkError()],
  ])('after %s that stored nothing, catches up and sends again: stored once', async (_, error) => {
    const h = await activeChat();
    h.b.echo = false;
    h.b.failNext('sendMessage', error());
    const listings = h.b.countCalls('listMessages') + h.b.countCalls('listMessagesAt');
    const sent = h.chat.send('are you there');
    await h.b.clock.advance(20_000);
    await sent;
    expect(h.b.countCalls('sendMessage')).toBe(2);
    expect(h.b.countCalls('listMessages') + h.b.countCalls('listMessagesAt')).toBeGreaterThan(listings);
    expect(stored(h, 'are you there')).toHaveLength(1);
    expect(h.chat.messages.value.filter((m) => m.body === 'are you there')).toEqual([expect.objectContaining({ status: 'sent' })]);
  });

  it.each([
    ['a 504', () => apiError(504, 'request.timeout')],
    ['a 502', () => apiError(502, 'http.502')],
    ['no answer', () => networkError()],
  ])('after %s that did store the message, finds it on catch-up and does not send again', async (_, error) => {
    const h = await activeChat();
    h.b.echo = false; // the echo was lost too: only REST can tell
    h.b.failNext('sendMessage', error(), { afterEffect: true });
    const sent = h.chat.send('did it go');
    const localId = h.chat.messages.value.at(-1)?.localId;
    await h.b.clock.advance(20_000);
    await sent;
    expect(h.b.countCalls('sendMessage')).toBe(1);
    expect(stored(h, 'did it go')).toHaveLength(1);
    expect(h.chat.messages.value.filter((m) => m.body === 'did it go')).toEqual([expect.objectContaining({ id: stored(h, 'did it go')[0]?.id, localId, status: 'sent' })]);
  });

  it('does not take an older identical message for the lost one', async () => {
    const h = await activeChat();
    await h.chat.send('ok');
    h.b.echo = false;
    h.b.failNext('sendMessage', apiError(503, 'service.unavailable'));
    const sent = h.chat.send('ok');
    await h.b.clock.advance(20_000);
    await sent;
    expect(stored(h, 'ok')).toHaveLength(2);
    expect(h.chat.messages.value.filter((m) => m.body === 'ok').map((m) => m.status)).toEqual(['sent', 'sent']);
  });

  it('never takes an identical message from history for a draft on its way', async () => {
    const b = createFakeBackend();
    b.addAgent('Alice', { broadcast: false });
    b.say(b.guestId, 'ok', { broadcast: false });
    for (let i = 0; i < 120; i++) b.say(b.guestId, `filler ${i}`, { broadcast: false });
    const storage = createMemoryStorage({
      [storageKey(ORG, DEPLOYMENT)]: JSON.stringify({ conversationId: b.conversationId, memberId: b.guestId, jwt: b.jwt, eventStreamUri: b.uri }),
    });
    const h = makeChat({ backend: b, storage });
    await b.flush();
    b.lastStream().open();
    await b.flush();
    b.echo = false;
    const gate = b.hold('sendMessage');
    const sent = h.chat.send('ok');
    await b.flush();
    await h.chat.loadEarlier();
    expect(h.chat.messages.value.at(-1)).toMatchObject({ body: 'ok', status: 'sending' });
    gate.release();
    await sent;
    expect(h.chat.messages.value.filter((m) => m.body === 'ok').map((m) => m.status)).toEqual(['sent', 'sent']);
    expect(h.chat.messages.value.filter((m) => m.body === 'ok')[0]?.localId).toBeUndefined();
  });

  it('gives up after at least 3 attempts over at least 5 s, then retry() sends it', async () => {
    const h = await activeChat();
    h.b.failNext('sendMessage', apiError(503, 'service.unavailable'), { times: 10 });
    const start = h.b.clock.now();
    let settled = false;
    const sent = h.chat.send('persistent').then(() => (settled = true));
    await h.b.clock.advance(4999);
    expect(settled).toBe(false);
    await h.b.clock.advance(60_000);
    await sent;
    const attempts = h.b.countCalls('sendMessage');
    expect(attempts).toBeGreaterThanOrEqual(3);
    const failed = h.chat.messages.value.at(-1);
    expect(failed).toMatchObject({ body: 'persistent', status: 'failed', error: { code: 'server', status: 503 } });
    expect(h.eventsOf('error').at(-1)?.code).toBe('server');
    expect(h.b.clock.now() - start).toBeGreaterThanOrEqual(5000);

    h.b.clearFailures('sendMessage');
    const retried = h.chat.retry(failed?.id as string);
    expect(h.chat.messages.value.at(-1)).toMatchObject({ body: 'persistent', status: 'sending' });
    await h.b.clock.advance(20_000);
    await retried;
    expect(stored(h, 'persistent')).toHaveLength(1);
    expect(h.chat.messages.value.filter((m) => m.body === 'persistent')).toEqual([expect.objectContaining({ status: 'sent', localId: failed?.localId })]);
  });

  it('fails at once on a 400, without retrying', async () => {
    const h = await activeChat();
    h.b.failNext('sendMessage', apiError(400, 'chat.error.member.state'));
    await h.chat.send('refused');
    expect(h.b.countCalls('sendMessage')).toBe(1);
    expect(h.chat.messages.value.at(-1)).toMatchObject({ status: 'failed', error: { code: 'rejected', status: 400 } });
  });

  it('keeps a message over 4000 characters as failed instead of sending it', async () => {
    const h = await activeChat();
    await h.chat.send('x'.repeat(4001));
    expect(h.b.countCalls('sendMessage')).toBe(0);
    expect(h.chat.messages.value.at(-1)).toMatchObject({ status: 'failed', error: { code: 'rejected' } });
    await h.chat.retry(h.chat.messages.value.at(-1)?.id as string);
    expect(h.b.countCalls('sendMessage')).toBe(0);
  });

  it('keeps the next messages going after one failed', async () => {
    const h = await activeChat();
    h.b.failNext('sendMessage', apiError(400, 'bad.request'));
    await Promise.all([h.chat.send('bad'), h.chat.send('good')]);
    expect(h.chat.messages.value.slice(-2).map((m) => [m.body, m.status])).toEqual([
      ['good', 'sent'],
      ['bad', 'failed'],
    ]);
  });

  it('drops nothing when the chat ends with messages unsent: they stay, failed', async () => {
    const h = await activeChat();
    h.b.failNext('sendMessage', apiError(503, 'x'), { times: 3 });
    const sent = Promise.all([h.chat.send('first'), h.chat.send('second')]);
    await h.b.flush();
    h.b.setMemberState(h.b.guestId, 'DISCONNECTED');
    await h.b.flush();
    await sent;
    expect(h.chat.phase.value.name).toBe('ended');
    expect(h.chat.messages.value.slice(-2).map((m) => [m.body, m.status])).toEqual([
      ['first', 'failed'],
      ['second', 'failed'],
    ]);
    expect(h.b.clock.pendingTimers()).toBe(0);
  });

  it('ends the chat when a send answers 401', async () => {
    const h = await activeChat();
    h.b.failNext('sendMessage', apiError(401, 'credentials.expired'));
    await h.chat.send('late');
    expect(h.chat.phase.value).toMatchObject({ name: 'ended', notice: { code: 'session-expired' } });
    expect(h.chat.messages.value.at(-1)).toMatchObject({ body: 'late', status: 'failed' });
  });
});
