import { describe, expect, it } from 'vitest';
import { activeChat, bodies, DEPLOYMENT, makeChat, ORG, startedChat } from './chat-harness.test.helper';
import { apiError, createFakeBackend, createMemoryStorage, networkError } from './fake-backend.test.helper';
import { storageKey } from './persistence';

const KEY = storageKey(ORG, DEPLOYMENT);

describe('starting a chat', () => {
  it('creates the conversation, opens its stream and waits in the queue', async () => {
    const h = makeChat({ options: { organizationId: ORG, deploymentId: DEPLOYMENT, queue: 'Support', skills: ['billing'], language: 'en', priority: 3 } });
    expect(h.chat.phase.value).toEqual({ name: 'idle' });
    const started = h.chat.start({ firstName: ' Ann ', lastName: 'Lee', email: 'ann@example.com', customFields: { order: '42' } });
    expect(h.chat.phase.value).toEqual({ name: 'starting' });
    await started;
    expect(h.chat.phase.value).toEqual({ name: 'queued' });
    expect(h.b.lastCreate).toEqual({
      organizationId: ORG,
      deploymentId: DEPLOYMENT,
      routingTarget: { targetType: 'QUEUE', targetAddress: 'Support', skills: ['billing'], language: 'en', priority: 3 },
      memberInfo: {
        displayName: 'Ann Lee',
        firstName: 'Ann',
        lastName: 'Lee',
        email: 'ann@example.com',
        customFields: { order: '42', firstName: 'Ann', lastName: 'Lee', email: 'ann@example.com' },
      },
    });
    expect(h.b.lastStream().uri).toBe(h.b.uri);
    expect(h.chat.conversationId.value).toBe(h.b.conversationId);
    expect(h.chat.memberId.value).toBe(h.b.guestId);
    expect(h.eventsOf('started')).toEqual([{ conversationId: h.b.conversationId, memberId: h.b.guestId }]);
    expect(JSON.parse(h.storage.data.get(KEY) ?? '{}')).toMatchObject({ conversationId: h.b.conversationId, memberId: h.b.guestId, jwt: h.b.jwt, eventStreamUri: h.b.uri });
  });

  it('names a guest without a name with the default display name, then "Guest"', async () => {
    const h = makeChat({ options: { organizationId: ORG, deploymentId: DEPLOYMENT, queue: 'Support', defaultDisplayName: 'Invitado' } });
    await h.chat.start();
    expect(h.b.lastCreate?.memberInfo).toEqual({ displayName: 'Invitado' });
    const h2 = makeChat();
    await h2.chat.start({ displayName: '   ' });
    expect(h2.b.lastCreate?.memberInfo.displayName).toBe('Guest');
  });

  it('sends page context and option customFields under the guest’s own', async () => {
    const h = makeChat({
      options: { organizationId: ORG, deploymentId: DEPLOYMENT, queue: 'Support', customFields: { a: 'option', b: 'option' }, pageContext: () => ({ _genesys_source: 'web', a: 'page' }) },
    });
    await h.chat.start({ customFields: { b: 'guest' } });
    expect(h.b.lastCreate?.memberInfo.customFields).toEqual({ _genesys_source: 'web', a: 'option', b: 'guest' });
  });

  it('passes a memberAuthToken, from a string or a provider asked at each start', async () => {
    const h = makeChat({ options: { organizationId: ORG, deploymentId: DEPLOYMENT, queue: 'Support', memberAuthToken: 'signed' } });
    await h.chat.start();
    expect(h.b.lastCreate?.memberAuthToken).toBe('signed');
    let n = 0;
    const h2 = makeChat({ options: { organizationId: ORG, deploymentId: DEPLOYMENT, queue: 'Support', memberAuthToken: async () => `token-${++n}` } });
    await h2.chat.start();
    expect(h2.b.lastCreate?.memberAuthToken).toBe('token-1');
  });

  it('fails with auth-failed when the token provider throws', async () => {
    const h = makeChat({
      options: {
        organizationId: ORG,
        deploymentId: DEPLOYMENT,
        queue: 'Support',
        memberAuthToken: () => Promise.reject(new Error('backend down')),
      },
    });
    await h.chat.start();
    expect(h.chat.phase.value).toMatchObject({ name: 'failed', error: { code: 'auth-failed' } });
    expect(h.b.countCalls('createConversation')).toBe(0);
  });

  it.each([
    [apiError(403, 'origin.not.allowed'), 'origin-not-allowed'],
    [apiError(400, 'chat.deployment.require.auth'), 'auth-required'],
    [apiError(400, 'chat.error.invalid.queue'), 'not-found'],
    [apiError(503, 'service.unavailable'), 'server'],
    [networkError(), 'network'],
  ])('fails with a reason when create answers %s', async (error, code) => {
    const h = makeChat();
    h.b.failNext('createConversation', error);
    await h.chat.start();
    expect(h.chat.phase.value).toMatchObject({ name: 'failed', error: { code } });
    expect(h.eventsOf('error')).toEqual([{ code, message: error.message }]);
    expect(h.b.streams).toHaveLength(0);
    expect(h.storage.data.size).toBe(0);
  });

  it('can start again after a failed start', async () => {
    const h = makeChat();
    h.b.failNext('createConversation', networkError());
    await h.chat.start();
    await h.chat.start();
    expect(h.chat.phase.value).toEqual({ name: 'queued' });
  });

  it('ignores start() while a chat is starting or running', async () => {
    const h = makeChat();
    const a = h.chat.start();
    const b = h.chat.start();
    await Promise.all([a, b]);
    await h.chat.start();
    expect(h.b.countCalls('createConversation')).toBe(1);
  });

  it('refuses to send without a chat, and ignores blank text', async () => {
    const h = makeChat();
    await expect(h.chat.send('hi')).rejects.toThrow(/idle/);
    await h.chat.start();
    await h.chat.send('   ');
    expect(h.chat.messages.value).toHaveLength(0);
  });
});

describe('members and phases', () => {
  it('becomes active when an agent connects, looking the agent up once', async () => {
    const h = await startedChat();
    const agent = h.b.addAgent('Alice');
    await h.b.flush();
    expect(h.chat.phase.value).toEqual({ name: 'active' });
    expect(h.chat.members.value.get(agent.id as string)).toMatchObject({ role: 'AGENT', state: 'CONNECTED', name: 'Alice' });
    // The member-change frame and the join message both named the agent: one lookup.
    expect(h.b.calls.filter((c) => c.op === 'getMember' && c.args[1] === agent.id)).toHaveLength(1);
    expect(h.eventsOf('members').at(-1)?.map((m) => m.id)).toContain(agent.id);
  });

  it('shows a message from an unknown member with a neutral sender until the lookup answers', async () => {
    const h = await startedChat();
    const gate = h.b.hold('getMember');
    const agent = h.b.addAgent('Bob', { broadcast: false });
    h.b.say(agent.id as string, 'hello');
    await h.b.flush();
    expect(bodies(h.chat)).toEqual(['hello']);
    expect(h.chat.members.value.has(agent.id as string)).toBe(false);
    gate.release();
    await h.b.flush();
    expect(h.chat.members.value.get(agent.id as string)?.name).toBe('Bob');
  });

  it('goes on after an agent leaves (a transfer) and becomes active with the next agent', async () => {
    const h = await activeChat();
    h.b.say(h.agent.id as string, '', { bodyType: 'member-leave' });
    h.b.setMemberState(h.agent.id as string, 'DISCONNECTED');
    await h.b.flush();
    expect(h.chat.phase.value).toEqual({ name: 'queued' });
    expect(h.chat.members.value.get(h.agent.id as string)?.state).toBe('DISCONNECTED');
    const next = h.b.addAgent('Carol');
    await h.b.flush();
    expect(h.chat.phase.value).toEqual({ name: 'active' });
    await h.chat.send('still there?');
    expect(h.b.messages.at(-1)?.body).toBe('still there?');
    expect(h.chat.members.value.get(next.id as string)?.state).toBe('CONNECTED');
  });

  it('applies member states idempotently and never moves one back', async () => {
    const h = await activeChat();
    const id = h.agent.id as string;
    const before = h.eventsOf('members').length;
    h.b.setMemberState(id, 'CONNECTED');
    await h.b.flush();
    expect(h.eventsOf('members').length).toBe(before);
    h.b.setMemberState(id, 'DISCONNECTED');
    h.b.setMemberState(id, 'CONNECTED'); // a late, stale frame
    await h.b.flush();
    expect(h.chat.members.value.get(id)?.state).toBe('DISCONNECTED');
  });

  it('ends, by the agent, when the guest’s own member is disconnected after the agent left', async () => {
    const h = await activeChat();
    h.b.say(h.agent.id as string, '', { bodyType: 'member-leave' });
    h.b.setMemberState(h.agent.id as string, 'DISCONNECTED');
    h.b.setMemberState(h.b.guestId, 'DISCONNECTED');
    await h.b.flush();
    expect(h.chat.phase.value).toEqual({ name: 'ended', by: 'agent' });
    expect(h.eventsOf('ended')).toEqual([{ by: 'agent' }]);
    expect(h.b.lastStream().closed).toBe(true);
    expect(h.storage.data.has(KEY)).toBe(false);
    expect(h.chat.connection.value).toEqual({ state: 'closed' });
  });

  it('ends, by the system, when the guest is disconnected with no agent around', async () => {
    const h = await startedChat();
    h.b.setMemberState(h.b.guestId, 'DISCONNECTED');
    await h.b.flush();
    expect(h.chat.phase.value).toEqual({ name: 'ended', by: 'system' });
  });

  it('ends when a catch-up finds the guest’s own member disconnected', async () => {
    const h = await activeChat();
    h.b.setMemberState(h.b.guestId, 'DISCONNECTED', { broadcast: false });
    h.b.lastStream().stale();
    await h.b.flush();
    expect(h.chat.phase.value).toMatchObject({ name: 'ended' });
  });

  it('treats 401/403/404 on its own conversation as the end of the chat', async () => {
    const h = await activeChat();
    h.b.gone = apiError(401, 'credentials.expired');
    h.b.lastStream().stale();
    await h.b.flush();
    expect(h.chat.phase.value).toMatchObject({ name: 'ended', by: 'system', notice: { code: 'session-expired', status: 401 } });
    expect(h.storage.data.has(KEY)).toBe(false);
    expect(h.b.lastStream().closed).toBe(true);
  });
});

describe('ending', () => {
  it('leaves with DELETE and ends by the guest, once however often end() is called', async () => {
    const h = await activeChat();
    await Promise.all([h.chat.end(), h.chat.end()]);
    await h.chat.end();
    expect(h.b.countCalls('leave')).toBe(1);
    expect(h.chat.phase.value).toEqual({ name: 'ended', by: 'guest' });
    expect(h.eventsOf('ended')).toEqual([{ by: 'guest' }]);
    expect(h.storage.data.has(KEY)).toBe(false);
    expect(h.b.lastStream().closed).toBe(true);
  });

  it('counts a 400 (already over) as ended', async () => {
    const h = await activeChat();
    h.b.failNext('leave', apiError(400, 'chat.error.conversation.state'));
    await h.chat.end();
    expect(h.chat.phase.value).toEqual({ name: 'ended', by: 'guest' });
  });

  it('retries a DELETE without answer, then ends locally and says so', async () => {
    const h = await activeChat();
    h.b.failNext('leave', networkError(), { times: 3 });
    const done = h.chat.end();
    await h.b.clock.advance(10_000);
    await done;
    expect(h.b.countCalls('leave')).toBe(3);
    expect(h.chat.phase.value).toEqual({ name: 'ended', by: 'guest' });
    expect(h.eventsOf('error').at(-1)?.code).toBe('network');
  });

  it('waits for a start under way before leaving', async () => {
    const h = makeChat();
    void h.chat.start();
    await h.chat.end();
    expect(h.b.countCalls('leave')).toBe(1);
    expect(h.chat.phase.value).toEqual({ name: 'ended', by: 'guest' });
  });

  it('does nothing when no chat runs', async () => {
    const h = makeChat();
    await h.chat.end();
    expect(h.b.countCalls('leave')).toBe(0);
    expect(h.chat.phase.value).toEqual({ name: 'idle' });
  });

  it('starts a fresh chat after the end, with an empty transcript', async () => {
    const h = await activeChat();
    h.b.say(h.agent.id as string, 'bye');
    await h.b.flush();
    await h.chat.end();
    expect(bodies(h.chat)).toEqual(['bye']);
    await h.chat.start();
    expect(h.chat.phase.value).toEqual({ name: 'queued' });
    expect(h.chat.messages.value).toEqual([]);
    expect(h.chat.members.value.size).toBe(0);
  });
});

describe('resuming a stored chat', () => {
  const stored = (b: ReturnType<typeof createFakeBackend>) =>
    createMemoryStorage({ [KEY]: JSON.stringify({ conversationId: b.conversationId, memberId: b.guestId, jwt: b.jwt, eventStreamUri: b.uri }) });

  it('verifies its own member, reopens the stored stream and shows the newest 100 messages in order', async () => {
    const b = createFakeBackend();
    const agent = b.addAgent('Alice', { broadcast: false });
    for (let i = 1; i <= 150; i++) b.say(i % 2 ? (agent.id as string) : b.guestId, `m${i}`, { broadcast: false });
    const h = makeChat({ backend: b, storage: stored(b) });
    expect(h.chat.phase.value).toEqual({ name: 'starting' });
    await b.flush();
    expect(h.chat.phase.value).toEqual({ name: 'queued' });
    expect(b.lastStream().uri).toBe(b.uri);
    expect(b.countCalls('createConversation')).toBe(0);
    expect(h.eventsOf('started')).toEqual([{ conversationId: b.conversationId, memberId: b.guestId, resumed: true }]);
    b.lastStream().open();
    await b.flush();
    expect(h.chat.phase.value).toEqual({ name: 'active' });
    expect(bodies(h.chat)).toEqual(Array.from({ length: 100 }, (_, i) => `m${i + 51}`));
    expect(h.chat.hasEarlier.value).toBe(true);
    // History is not news: no message events, nothing unread.
    expect(h.eventsOf('message')).toHaveLength(0);
    expect(h.chat.unreadCount.value).toBe(0);
    expect(h.chat.messages.value.find((m) => m.body === 'm52')?.own).toBe(true);

    const loading = h.chat.loadEarlier();
    expect(h.chat.loadingEarlier.value).toBe(true);
    await loading;
    expect(h.chat.loadingEarlier.value).toBe(false);
    expect(bodies(h.chat)).toEqual(Array.from({ length: 150 }, (_, i) => `m${i + 1}`));
    expect(h.chat.messages.value[0]?.bodyType).toBe('member-join');
    expect(h.chat.hasEarlier.value).toBe(false);
    const listing = b.calls.filter((c) => c.op === 'listMessages').map((c) => c.args[1]);
    expect(listing).toContainEqual({ sortOrder: 'descending', maxResults: 100 });
    expect(listing).toContainEqual(expect.objectContaining({ before: expect.any(String), sortOrder: 'descending', maxResults: 100 }));
    await h.chat.loadEarlier();
    expect(b.calls.filter((c) => c.op === 'listMessages')).toHaveLength(listing.length);
  });

  it('keeps the heartbeat interval the chat learned and hands it to the stream of the next page', async () => {
    const first = await startedChat();
    first.b.lastStream().learnedIntervalMs = 9500;
    first.b.lastStream().stale();
    await first.b.flush();
    expect(JSON.parse(first.storage.data.get(KEY) ?? '{}').heartbeatIntervalMs).toBe(9500);
    first.chat.dispose();
    const h = makeChat({ backend: first.b, storage: first.storage });
    await first.b.flush();
    expect(first.b.lastStream().hints).toEqual({ heartbeatIntervalMs: 9500 });
    expect(h.chat.phase.value).toEqual({ name: 'queued' });
  });

  it.each([
    ['401', apiError(401, 'credentials.expired')],
    ['403', apiError(403, 'not.authorized')],
    ['404', apiError(404, 'not.found')],
  ])('forgets a stored chat the service refuses (%s) and says so', async (_, error) => {
    const b = createFakeBackend();
    b.gone = error;
    const storage = stored(b);
    const h = makeChat({ backend: b, storage });
    await b.flush();
    expect(h.chat.phase.value).toMatchObject({ name: 'ended', by: 'system', notice: { code: 'session-expired' } });
    expect(storage.data.has(KEY)).toBe(false);
    expect(b.streams).toHaveLength(0);
    await h.chat.start();
    expect(b.countCalls('createConversation')).toBe(1);
  });

  it('forgets a stored chat whose guest is disconnected', async () => {
    const b = createFakeBackend();
    b.setMemberState(b.guestId, 'DISCONNECTED', { broadcast: false });
    const storage = stored(b);
    const h = makeChat({ backend: b, storage });
    await b.flush();
    expect(h.chat.phase.value).toMatchObject({ name: 'ended', notice: { code: 'session-expired' } });
    expect(storage.data.has(KEY)).toBe(false);
  });

  it('keeps a stored chat when the check gets no answer, and start() tries it again', async () => {
    const b = createFakeBackend();
    b.failNext('getMember', networkError());
    const storage = stored(b);
    const h = makeChat({ backend: b, storage });
    await b.flush();
    expect(h.chat.phase.value).toMatchObject({ name: 'failed', error: { code: 'network' } });
    expect(storage.data.has(KEY)).toBe(true);
    await h.chat.start();
    expect(h.chat.phase.value).toEqual({ name: 'queued' });
    expect(b.countCalls('createConversation')).toBe(0);
  });

  it('ignores a malformed stored entry and stays idle', async () => {
    const b = createFakeBackend();
    const h = makeChat({ backend: b, storage: createMemoryStorage({ [KEY]: '{"conversationId":1}' }) });
    await b.flush();
    expect(h.chat.phase.value).toEqual({ name: 'idle' });
    expect(b.calls).toHaveLength(0);
  });
});

describe('typing', () => {
  it('shows an agent typing for 4 s, refreshed by each frame, and ended by the agent’s message', async () => {
    const h = await activeChat();
    const id = h.agent.id as string;
    h.b.typing(id);
    await h.b.flush();
    expect(h.chat.typing.value).toEqual([id]);
    expect(h.eventsOf('typing')).toEqual([{ memberId: id }]);
    await h.b.clock.advance(3000);
    h.b.typing(id);
    await h.b.clock.advance(3000);
    expect(h.chat.typing.value).toEqual([id]);
    await h.b.clock.advance(1000);
    expect(h.chat.typing.value).toEqual([]);
    h.b.typing(id);
    await h.b.flush();
    h.b.say(id, 'done typing');
    await h.b.flush();
    expect(h.chat.typing.value).toEqual([]);
  });

  it('ignores the echo of its own typing and typing from non-agents', async () => {
    const h = await activeChat();
    h.b.typing(h.b.guestId);
    h.b.typing('stranger');
    await h.b.flush();
    expect(h.chat.typing.value).toEqual([]);
    expect(h.eventsOf('typing')).toEqual([]);
  });

  it('shows typing from an agent whose lookup has not answered yet, once it answers', async () => {
    // Caught in e2e: the agent's first typing frame came before its member lookup and was dropped.
    const h = await startedChat();
    const gate = h.b.hold('getMember');
    const agent = h.b.addAgent('Bob');
    const id = agent.id as string;
    h.b.typing(id);
    await h.b.flush();
    expect(h.chat.typing.value).toEqual([]);
    await h.b.clock.advance(1000);
    gate.release();
    await h.b.flush();
    expect(h.chat.typing.value).toEqual([id]);
    expect(h.eventsOf('typing')).toEqual([{ memberId: id }]);
    // It ends when the frame would have ended: 4 s after it came, not after the lookup.
    await h.b.clock.advance(2999);
    expect(h.chat.typing.value).toEqual([id]);
    await h.b.clock.advance(1);
    expect(h.chat.typing.value).toEqual([]);
  });

  it('drops held typing when the member turns out not to be an agent, or speaks first', async () => {
    const h = await startedChat();
    const gate = h.b.hold('getMember');
    const agent = h.b.addAgent('Bob', { broadcast: false });
    const id = agent.id as string;
    h.b.typing(id);
    h.b.say(id, 'hi');
    await h.b.flush();
    gate.release();
    await h.b.flush();
    expect(h.chat.members.value.get(id)?.name).toBe('Bob');
    expect(h.chat.typing.value).toEqual([]);
    expect(h.eventsOf('typing')).toEqual([]);
  });

  it('sends at most one typing POST per 3 s however often startTyping() is called', async () => {
    const h = await activeChat();
    for (let i = 0; i < 10; i++) {
      h.chat.startTyping();
      await h.b.clock.advance(250);
    }
    expect(h.b.countCalls('sendTyping')).toBe(1);
    await h.b.clock.advance(500);
    h.chat.startTyping();
    await h.b.flush();
    expect(h.b.countCalls('sendTyping')).toBe(2);
  });

  it('sends no typing without a running chat, and survives a failed typing POST', async () => {
    const idle = makeChat();
    idle.chat.startTyping();
    expect(idle.b.countCalls('sendTyping')).toBe(0);
    const h = await activeChat();
    h.b.failNext('sendTyping', apiError(500, 'chat.error'));
    h.chat.startTyping();
    await h.b.flush();
    expect(h.chat.phase.value).toEqual({ name: 'active' });
  });
});

describe('media requests', () => {
  it('shows a pending request from its frame and drops it once accepted', async () => {
    const h = await activeChat();
    const r = h.b.addMediaRequest(['COBROWSE']);
    await h.b.flush();
    expect(h.chat.mediaRequests.value).toEqual([{ id: r.id, types: ['COBROWSE'], state: 'PENDING', answering: false }]);
    expect(h.eventsOf('mediarequest').at(-1)).toMatchObject({ id: r.id, state: 'PENDING' });
    const answering = h.chat.acceptMediaRequest(r.id as string);
    expect(h.chat.mediaRequests.value[0]?.answering).toBe(true);
    await answering;
    expect(h.b.calls.find((c) => c.op === 'updateMediaRequest')?.args.slice(1)).toEqual([r.id, { types: ['COBROWSE'], state: 'ACCEPTED' }]);
    expect(h.chat.mediaRequests.value).toEqual([]);
    expect(h.eventsOf('mediarequest').at(-1)).toMatchObject({ id: r.id, state: 'ACCEPTED' });
  });

  it('declines with a PATCH', async () => {
    const h = await activeChat();
    const r = h.b.addMediaRequest(['SCREENSHARE']);
    await h.b.flush();
    await h.chat.declineMediaRequest(r.id as string);
    expect(h.b.mediaRequests[0]?.state).toBe('DECLINED');
    expect(h.chat.mediaRequests.value).toEqual([]);
  });

  it('keeps the prompt with an error when the answer fails', async () => {
    const h = await activeChat();
    const r = h.b.addMediaRequest(['COBROWSE']);
    await h.b.flush();
    h.b.failNext('updateMediaRequest', apiError(503, 'service.unavailable'));
    await h.chat.acceptMediaRequest(r.id as string);
    expect(h.chat.mediaRequests.value).toEqual([
      { id: r.id, types: ['COBROWSE'], state: 'PENDING', answering: false, error: { code: 'server', message: 'service.unavailable (503)', status: 503 } },
    ]);
    expect(h.eventsOf('error').at(-1)?.code).toBe('server');
    await h.chat.acceptMediaRequest(r.id as string);
    expect(h.chat.mediaRequests.value).toEqual([]);
  });

  it('refreshes on a media-request message alone, and drops a request cancelled meanwhile', async () => {
    const h = await activeChat();
    const r = h.b.addMediaRequest(['COBROWSE'], { broadcast: false });
    h.b.say(h.agent.id as string, r.id as string, { bodyType: 'media-request' });
    await h.b.flush();
    expect(h.chat.mediaRequests.value.map((x) => x.id)).toEqual([r.id]);
    // The announcement is not chat text.
    expect(h.chat.messages.value.find((m) => m.bodyType === 'media-request')?.body).toBe('');
    h.b.setMediaRequestState(r.id as string, 'CANCELLED');
    await h.b.flush();
    expect(h.chat.mediaRequests.value).toEqual([]);
  });

  it('ignores answers to unknown requests', async () => {
    const h = await activeChat();
    await h.chat.acceptMediaRequest('nope');
    expect(h.b.countCalls('updateMediaRequest')).toBe(0);
  });
});

describe('unread, connection, lifecycle, dispose', () => {
  it('counts agent standard and notice messages until markRead()', async () => {
    const h = await activeChat();
    h.b.say(h.agent.id as string, 'one');
    h.b.say(h.agent.id as string, 'queue notice', { bodyType: 'notice' });
    await h.chat.send('mine');
    await h.b.flush();
    expect(h.chat.unreadCount.value).toBe(2);
    h.chat.markRead();
    expect(h.chat.unreadCount.value).toBe(0);
  });

  it('emits each server message once as a message event', async () => {
    const h = await activeChat();
    const m = h.b.say(h.agent.id as string, 'hi');
    h.b.lastStream().open(true);
    await h.b.flush();
    expect(h.eventsOf('message').filter((x) => x.id === m.id)).toHaveLength(1);
  });

  it('mirrors the stream’s status', async () => {
    const h = await startedChat();
    expect(h.chat.connection.value).toEqual({ state: 'open' });
    h.b.lastStream().drop();
    expect(h.chat.connection.value).toEqual({ state: 'reconnecting', attempt: 1, delayMs: 1000 });
    h.b.lastStream().open(true);
    expect(h.eventsOf('connection')).toEqual(['connecting', 'open', 'reconnecting', 'open']);
  });

  it('checks the stream at once when the page wakes up', async () => {
    const listeners = new Set<() => void>();
    const h = await startedChat({ lifecycle: { onWake: (fn) => (listeners.add(fn), () => listeners.delete(fn)) } });
    for (const fn of listeners) fn();
    expect(h.b.lastStream().livenessChecks).toBe(1);
    await h.chat.end();
    expect(listeners.size).toBe(0);
  });

  it('stops every timer, closes the stream and goes quiet on dispose', async () => {
    const h = await activeChat();
    h.b.typing(h.agent.id as string);
    h.b.failNext('sendMessage', apiError(503, 'service.unavailable'), { times: 5 });
    void h.chat.send('pending');
    await h.b.flush();
    expect(h.b.clock.pendingTimers()).toBeGreaterThan(0);
    const before = h.events.length;
    h.chat.dispose();
    expect(h.b.clock.pendingTimers()).toBe(0);
    expect(h.b.lastStream().closed).toBe(true);
    h.b.say(h.agent.id as string, 'after');
    await h.b.clock.advance(60_000);
    expect(h.events.length).toBe(before);
    // A disposed chat stays resumable from storage: disposing is not ending.
    expect(h.storage.data.has(KEY)).toBe(true);
  });
});
