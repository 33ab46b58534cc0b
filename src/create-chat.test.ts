// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createChat, type ChatOptions } from './create-chat';
import { fakeWebSocketClass } from './events/fake-websocket.test.helper';
import { silentLogger, type Logger } from './lib/log';
import { PING_FRAME } from './protocol/frames';
import type { Chat } from './store/types';

// Every timer here runs on Vitest's fake timers (systemClock included).

interface Seen {
  method: string;
  url: string;
  body?: unknown;
}

/** Just enough of the service for a chat to start and catch up. */
function fakeFetch(seen: Seen[], memberState = 'CONNECTED') {
  const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const method = init?.method ?? 'GET';
    seen.push({ method, url, ...(typeof init?.body === 'string' ? { body: JSON.parse(init.body) } : {}) });
    const path = new URL(url).pathname;
    if (method === 'POST' && path.endsWith('/conversations')) {
      return json(200, { id: 'conv-1', jwt: 'jwt-1', eventStreamUri: 'ws://stream.test/chat/jwt/jwt-1', member: { id: 'guest-1' } });
    }
    if (path.endsWith('/messages')) return json(200, { entities: [], pageSize: 100 });
    if (path.endsWith('/members')) return json(200, { entities: [], pageSize: 100, pageNumber: 1, total: 0, pageCount: 0 });
    if (path.includes('/members/')) return json(200, { id: 'guest-1', role: 'CUSTOMER', state: memberState });
    if (path.endsWith('/mediarequests')) return json(200, { entities: [] });
    return json(404, { code: 'not.found', message: 'nope', status: 404 });
  }) as typeof fetch;
}

const base: ChatOptions = { organizationId: 'org', deploymentId: 'dep', queue: 'Support' };

let chats: Chat[] = [];
const make = (o: Partial<ChatOptions> & { seen?: Seen[] } = {}) => {
  const { FakeWebSocket, instances } = fakeWebSocketClass();
  const seen = o.seen ?? [];
  const chat = createChat({ ...base, fetch: fakeFetch(seen), WebSocket: FakeWebSocket, logger: silentLogger, ...o });
  chats.push(chat);
  return { chat, seen, instances };
};

beforeEach(() => {
  vi.useFakeTimers();
  sessionStorage.clear();
  localStorage.clear();
});
afterEach(() => {
  for (const c of chats) c.dispose();
  chats = [];
  vi.useRealTimers();
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('createChat options', () => {
  it.each([
    [{ organizationId: '' }, /`organizationId` is required/],
    [{ deploymentId: '  ' }, /`deploymentId` is required/],
    [{ queue: undefined as unknown as string }, /`queue` is required/],
    [{ queue: 5 as unknown as string }, /`queue` is required .*got number/],
    [{ apiBase: 'not a url' }, /`apiBase` must be an http\(s\) URL/],
    [{ apiBase: 'ftp://x.test' }, /`apiBase` must be an http\(s\) URL/],
    [{ environment: '' }, /`environment` must be a non-empty string/],
    [{ persist: 'forever' as unknown as 'none' }, /`persist` must be "session", "local" or "none"/],
    [{ skills: 'billing' as unknown as string[] }, /`skills` must be an array/],
    [{ skills: ['ok', ''] }, /`skills` must be an array of non-empty strings/],
    [{ priority: 1.5 }, /`priority` must be an integer/],
    [{ customFields: { a: 1 } as unknown as Record<string, string> }, /`customFields.a` must be a string/],
    [{ customFields: [] as unknown as Record<string, string> }, /`customFields` must be an object/],
    [{ memberAuthToken: 42 as unknown as string }, /`memberAuthToken` must be/],
    [{ language: 7 as unknown as string }, /`language` must be a non-empty string/],
  ])('refuses %o with an error naming the option', (bad, message) => {
    expect(() => createChat({ ...base, fetch: fakeFetch([]), WebSocket: fakeWebSocketClass().FakeWebSocket, ...bad })).toThrow(message);
  });

  it('refuses options that are not an object', () => {
    expect(() => createChat(null as unknown as ChatOptions)).toThrow(/options must be an object/);
  });

  it('says what to do when no WebSocket exists (Node without one)', () => {
    vi.stubGlobal('WebSocket', undefined);
    expect(() => createChat({ ...base, fetch: fakeFetch([]) })).toThrow(/pass one in the options .*"ws"/);
  });

  it('touches nothing until start(), then calls the environment’s API', async () => {
    const { chat, seen } = make({ environment: 'mypurecloud.ie', skills: [' billing '], priority: 2 });
    expect(seen).toEqual([]);
    await chat.start({ firstName: 'Ann' });
    expect(seen[0]).toMatchObject({ method: 'POST', url: 'https://api.mypurecloud.ie/api/v2/webchat/guest/conversations' });
    expect(seen[0]?.body).toMatchObject({ routingTarget: { targetType: 'QUEUE', targetAddress: 'Support', skills: ['billing'], priority: 2 } });
    expect(chat.phase.value).toEqual({ name: 'queued' });
  });

  it('lets apiBase override the environment', async () => {
    const { chat, seen } = make({ environment: 'mypurecloud.ie', apiBase: 'http://127.0.0.1:8787/' });
    await chat.start();
    expect(seen[0]?.url).toBe('http://127.0.0.1:8787/api/v2/webchat/guest/conversations');
  });

  it('defaults to mypurecloud.com', async () => {
    const { chat, seen } = make();
    await chat.start();
    expect(seen[0]?.url).toBe('https://api.mypurecloud.com/api/v2/webchat/guest/conversations');
  });

  it('sends the page context the official widget sends', async () => {
    document.title = 'Boots — Outdoor Co.';
    const { chat, seen } = make();
    await chat.start({ displayName: 'Ann' });
    expect((seen[0]?.body as { memberInfo: { customFields: Record<string, string> } }).memberInfo.customFields).toMatchObject({
      _genesys_source: 'web',
      _genesys_url: location.href,
      _genesys_pageTitle: 'Boots — Outdoor Co.',
    });
  });
});

describe('createChat persistence', () => {
  const key = 'parley:chat:org:dep';

  it('keeps a running chat in sessionStorage by default, and resumes it in a new instance', async () => {
    const first = make();
    await first.chat.start();
    expect(JSON.parse(sessionStorage.getItem(key) ?? '{}')).toMatchObject({ conversationId: 'conv-1', memberId: 'guest-1', jwt: 'jwt-1' });
    expect(localStorage.getItem(key)).toBeNull();
    first.chat.dispose();
    const second = make();
    await vi.advanceTimersByTimeAsync(0);
    expect(second.seen[0]).toMatchObject({ method: 'GET', url: expect.stringContaining('/members/guest-1') });
    expect(second.chat.phase.value).toEqual({ name: 'queued' });
    expect(second.instances[0]?.url).toBe('ws://stream.test/chat/jwt/jwt-1');
  });

  it('uses localStorage with persist: local, and nothing with persist: none', async () => {
    const local = make({ persist: 'local' });
    await local.chat.start();
    expect(localStorage.getItem(key)).not.toBeNull();
    expect(sessionStorage.getItem(key)).toBeNull();
    localStorage.clear();
    const none = make({ persist: 'none' });
    await none.chat.start();
    expect(localStorage.length + sessionStorage.length).toBe(0);
  });

  it('runs without persistence when storage throws, saying so once', async () => {
    const denied = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    vi.stubGlobal('sessionStorage', { getItem: () => null, setItem: denied, removeItem: denied });
    const warnings: string[] = [];
    const logger: Logger = { warn: (m) => void warnings.push(m), error: () => {} };
    const { chat } = make({ logger });
    await chat.start();
    expect(chat.phase.value).toEqual({ name: 'queued' });
    expect(warnings).toEqual([expect.stringMatching(/sessionStorage is not available/)]);
  });
});

describe('createChat page wake-ups', () => {
  it('checks the stream at once when the tab becomes visible or the browser comes online', async () => {
    const { chat, instances } = make();
    await chat.start();
    await vi.advanceTimersByTimeAsync(0);
    const socket = instances[0];
    socket?.accept();
    await vi.advanceTimersByTimeAsync(0);
    const pings = () => socket?.sent.filter((s) => s === PING_FRAME).length ?? 0;
    expect(pings()).toBe(0);
    document.dispatchEvent(new Event('visibilitychange'));
    expect(pings()).toBe(1);
    window.dispatchEvent(new Event('online'));
    expect(pings()).toBe(2);
    chat.dispose();
    window.dispatchEvent(new Event('online'));
    expect(pings()).toBe(2);
  });
});
