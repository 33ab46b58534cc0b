// Helpers for the emulator's own tests (and any in-process test): start an emulator on port 0, call it,
// create a guest, and read an event stream frame by frame. Waits are on events; a timer only turns a hang into a failure.

import WebSocket from 'ws';
import type { CreateWebChatConversationRequest, CreateWebChatConversationResponse } from '../src/protocol/models';
import { createEmulator, type Emulator, type EmulatorOptions } from './index';
import { DEFAULT_WORLD } from './world';

export interface CallResult<T> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

export interface CallOptions {
  body?: unknown;
  /** Sent as is (no JSON encoding). */
  rawBody?: string | Uint8Array<ArrayBuffer>;
  token?: string;
  headers?: Record<string, string>;
}

export interface TestEmulator extends Emulator {
  call<T = Record<string, unknown>>(method: string, path: string, options?: CallOptions): Promise<CallResult<T>>;
}

export async function startEmulator(options: EmulatorOptions = {}): Promise<TestEmulator> {
  const emulator = await createEmulator({ port: 0, logErrors: true, ...options });
  return {
    ...emulator,
    close: () => emulator.close(),
    guestSocketCount: (id?: string) => emulator.guestSocketCount(id),
    async call<T>(method: string, path: string, o: CallOptions = {}) {
      const headers: Record<string, string> = { ...o.headers };
      let body: string | Uint8Array<ArrayBuffer> | undefined = o.rawBody;
      if (o.body !== undefined) {
        body = JSON.stringify(o.body);
        headers['Content-Type'] ??= 'application/json';
      }
      if (o.token !== undefined) headers.Authorization = `Bearer ${o.token}`;
      const res = await fetch(emulator.url + path, { method, headers, ...(body !== undefined ? { body } : {}) });
      const text = await res.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      return { status: res.status, headers: res.headers, body: parsed as T, text };
    },
  };
}

export const createBody = (overrides: Partial<CreateWebChatConversationRequest> = {}): CreateWebChatConversationRequest => ({
  organizationId: DEFAULT_WORLD.organizationId,
  deploymentId: DEFAULT_WORLD.deploymentId,
  routingTarget: { targetType: 'QUEUE', targetAddress: DEFAULT_WORLD.queue },
  memberInfo: { displayName: 'Ana Lima', email: 'ana@example.com', customFields: { firstName: 'Ana' } },
  ...overrides,
});

export interface Guest {
  conversationId: string;
  memberId: string;
  jwt: string;
  eventStreamUri: string;
  /** `/api/v2/webchat/guest/conversations/{id}` */
  base: string;
}

export async function createGuest(emu: TestEmulator, overrides: Partial<CreateWebChatConversationRequest> = {}): Promise<Guest> {
  const r = await emu.call<CreateWebChatConversationResponse>('POST', '/api/v2/webchat/guest/conversations', { body: createBody(overrides) });
  if (r.status !== 200) throw new Error(`create answered ${r.status}: ${r.text}`);
  return {
    conversationId: r.body.id,
    memberId: r.body.member.id,
    jwt: r.body.jwt,
    eventStreamUri: r.body.eventStreamUri,
    base: `/api/v2/webchat/guest/conversations/${r.body.id}`,
  };
}

/** A frame as received: parsed JSON, loosely typed for assertions. */
export interface Frame {
  topicName: string;
  version?: string;
  eventBody: Record<string, unknown> & {
    id?: string;
    body?: string;
    bodyType?: string;
    state?: string;
    sender?: { id: string };
    member?: { id: string; state: string };
    message?: string;
  };
  metadata?: { CorrelationId: string; type: string };
}

export interface FrameSocket {
  ws: WebSocket;
  /** Every text frame received, raw. */
  raw: string[];
  frames(): Frame[];
  /** Resolves with the first frame (already received or coming) that satisfies `test`, counting from `from`. */
  waitFor(test: (f: Frame) => boolean, label?: string, from?: number): Promise<Frame>;
  /** Resolves once `n` frames satisfying `test` were received. */
  waitForCount(test: (f: Frame) => boolean, n: number, label?: string): Promise<Frame[]>;
  closed: Promise<{ code: number; reason: string }>;
  close(): void;
}

// Only a guard that turns a hang into a failure; generous because CI machines can be heavily loaded.
const FAIL_AFTER_MS = 10_000;

export const isType = (type: string) => (f: Frame) => f.metadata?.type === type;
export const isHeartbeat = (f: Frame) => f.topicName === 'channel.metadata' && f.eventBody.message === 'WebSocket Heartbeat';
export const isPong = (f: Frame) => f.topicName === 'channel.metadata' && f.eventBody.message === 'pong';

export function openStream(uri: string): Promise<FrameSocket> {
  const ws = new WebSocket(uri);
  const raw: string[] = [];
  const waiters = new Set<() => void>();
  const closed = new Promise<{ code: number; reason: string }>((resolve) => {
    ws.on('close', (code, reason) => {
      resolve({ code, reason: reason.toString() });
      for (const w of waiters) w();
    });
  });
  ws.on('message', (data, isBinary) => {
    if (isBinary) return;
    raw.push(data.toString());
    for (const w of [...waiters]) w();
  });
  const frames = () => raw.map((t) => JSON.parse(t) as Frame);

  function waitForCount(test: (f: Frame) => boolean, n: number, label = 'frame', from = 0): Promise<Frame[]> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const hits = frames().slice(from).filter(test);
        if (hits.length >= n) {
          done();
          resolve(hits.slice(0, n));
        } else if (ws.readyState === ws.CLOSED) {
          done();
          reject(new Error(`socket closed before ${label} arrived; got: ${raw.join('\n')}`));
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no ${label} within ${FAIL_AFTER_MS} ms; got: ${raw.join('\n')}`));
      }, FAIL_AFTER_MS);
      const done = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  }

  const socket: FrameSocket = {
    ws,
    raw,
    frames,
    waitFor: async (test, label, from = 0) => (await waitForCount(test, 1, label, from))[0] as Frame,
    waitForCount: (test, n, label) => waitForCount(test, n, label),
    closed,
    close: () => ws.close(),
  };
  return new Promise((resolve, reject) => {
    ws.once('open', () => resolve(socket));
    ws.once('error', reject);
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
  });
}

/** Resolves once `predicate` holds, checking after each turn of the event loop (no fixed sleeping). */
export async function until(predicate: () => boolean, label = 'condition'): Promise<void> {
  const started = Date.now();
  while (!predicate()) {
    if (Date.now() - started > FAIL_AFTER_MS) throw new Error(`${label} did not become true within ${FAIL_AFTER_MS} ms`);
    await new Promise((r) => setImmediate(r));
  }
}

/** An OAuth access token from the emulator's one client (client-credentials grant). */
export async function adminToken(emu: TestEmulator): Promise<string> {
  const basic = Buffer.from(`${DEFAULT_WORLD.oauthClientId}:${DEFAULT_WORLD.oauthSecret}`).toString('base64');
  const r = await emu.call<{ access_token: string }>('POST', '/oauth/token', {
    rawBody: 'grant_type=client_credentials',
    headers: { Authorization: `Basic ${basic}`, 'Content-Type': 'application/x-www-form-urlencoded' },
  });
  if (r.status !== 200) throw new Error(`oauth answered ${r.status}: ${r.text}`);
  return r.body.access_token;
}

/** Changes the default deployment through the admin API (it must keep a name). */
export async function updateDefaultDeployment(emu: TestEmulator, changes: Record<string, unknown>): Promise<void> {
  const token = await adminToken(emu);
  const path = `/api/v2/webchat/deployments/${DEFAULT_WORLD.deploymentId}`;
  const current = await emu.call('GET', path, { token });
  const r = await emu.call('PUT', path, { token, body: { ...current.body, ...changes } });
  if (r.status !== 200) throw new Error(`deployment update answered ${r.status}: ${r.text}`);
}

/** One call to the control API at `url` (`/_emulator` + path) over real HTTP: its JSON answer, or throws on a non-2xx. */
export async function control(url: string, method: string, path: string, body?: unknown): Promise<unknown> {
  const init: RequestInit = { method };
  if (body !== undefined) {
    init.body = JSON.stringify(body);
    init.headers = { 'Content-Type': 'application/json' };
  }
  const res = await fetch(`${url}/_emulator${path}`, init);
  if (!res.ok) throw new Error(`control ${method} ${path} answered ${res.status}: ${await res.text()}`);
  const text = await res.text();
  return text ? (JSON.parse(text) as unknown) : undefined;
}
