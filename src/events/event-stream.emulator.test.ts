// The real event stream against a real in-process emulator with a short heartbeat: learning the cadence, a stalled
// socket detected and replaced, dropped and refused sockets survived. Waits are on stream notices; timers only fail hangs.

import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { createEmulator, type Emulator } from '../../emulator/index';
import { control as emulatorControl, isType, openStream } from '../../emulator/test-kit';
import { createGuestApi } from '../api/guest-api';
import type { GuestApi, GuestSession } from '../api/types';
import type { Logger } from '../lib/log';
import { createEventStream } from './event-stream';
import type { ConnectionStatus, EventStream, StreamNotice } from './types';

// Short, so the test is quick, but not so short that an event loop held up by a busy machine (the emulator runs in
// this same process) looks like a dead socket: the stream gives up after 2.5 intervals of silence.
const HEARTBEAT_MS = 400;
const HANG_MS = 8000;

let emu: Emulator;
let api: GuestApi;
let stream: EventStream | undefined;

const control = (method: string, path: string, body?: unknown) => emulatorControl(emu.url, method, path, body);

/** Everything the stream says, with a way to wait for what comes next. */
function record(s: EventStream) {
  const notices: StreamNotice[] = [];
  const statuses: ConnectionStatus[] = [];
  const waiters = new Set<() => void>();
  const wake = () => {
    for (const w of [...waiters]) w();
  };
  s.subscribe((n) => {
    notices.push(n);
    wake();
  });
  s.status.subscribe((st) => {
    statuses.push(st);
    wake();
  });
  /** Resolves with the first notice from index `from` on (take it before the action that causes it) that satisfies `test`. */
  const next = (test: (n: StreamNotice) => boolean, label: string, from: number): Promise<StreamNotice> =>
    new Promise((resolve, reject) => {
      const check = () => {
        const hit = notices.slice(from).find(test);
        if (hit) {
          done();
          resolve(hit);
        }
      };
      const timer = setTimeout(() => {
        done();
        reject(new Error(`no ${label} within ${HANG_MS} ms; notices: ${JSON.stringify(notices)}`));
      }, HANG_MS);
      const done = () => {
        clearTimeout(timer);
        waiters.delete(check);
      };
      waiters.add(check);
      check();
    });
  return { notices, statuses, next };
}

const isOpen = (reconnected: boolean) => (n: StreamNotice) => n.type === 'open' && n.reconnected === reconnected;
const isMessage = (body: string) => (n: StreamNotice) => n.type === 'frame' && n.frame.type === 'message' && n.frame.body.body === body;

async function startChat(): Promise<{ session: GuestSession; uri: string; agentId: string }> {
  const created = await api.createConversation({
    organizationId: emu.ids.organizationId,
    deploymentId: emu.ids.deploymentId,
    routingTarget: { targetType: 'QUEUE', targetAddress: emu.ids.queue },
    memberInfo: { displayName: 'Ana' },
  });
  const agent = (await control('POST', `/conversations/${created.id}/agent`, { displayName: 'Sam' })) as { id: string };
  return { session: { conversationId: created.id, memberId: created.member.id, jwt: created.jwt }, uri: created.eventStreamUri, agentId: agent.id };
}

const agentSays = (conversationId: string, body: string) => control('POST', `/conversations/${conversationId}/agent/messages`, { body });

/** Opens a stream and waits until it has learned the heartbeat interval (after its first two heartbeats). */
async function openAndLearn(uri: string) {
  const logs: string[] = [];
  const logger: Logger = { warn: (m) => logs.push(m), error: (m) => logs.push(m) };
  stream = createEventStream({ url: uri, WebSocket, logger, random: () => 0 });
  const rec = record(stream);
  await rec.next(isOpen(false), 'first open', 0);
  // Heartbeats are consumed by the stream; the learned interval is how we see them.
  const s = stream;
  await waitFor(() => s.heartbeatIntervalMs() !== undefined, 'a learned heartbeat interval');
  return { stream: s, rec, logs };
}

/** Polls a condition every few milliseconds (for state nothing announces); the limit only turns a hang into a failure. */
async function waitFor(test: () => boolean, label: string): Promise<void> {
  const started = Date.now();
  while (!test()) {
    if (Date.now() - started > HANG_MS) throw new Error(`${label} not reached within ${HANG_MS} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

beforeAll(async () => {
  emu = await createEmulator({ port: 0, agent: 'manual', heartbeatMs: HEARTBEAT_MS, logErrors: false });
  api = createGuestApi({ apiBase: emu.url });
});

afterEach(async () => {
  stream?.close();
  stream = undefined;
  await control('DELETE', '/faults');
});

afterAll(async () => {
  await emu?.close();
});

describe('the event stream against the emulator', () => {
  it('opens, learns the heartbeat cadence and delivers conversation events', async () => {
    const chat = await startChat();
    const { stream: s, rec } = await openAndLearn(chat.uri);
    const learned = s.heartbeatIntervalMs() ?? 0;
    expect(learned).toBeGreaterThanOrEqual(HEARTBEAT_MS * 0.5);
    expect(learned).toBeLessThanOrEqual(HEARTBEAT_MS * 2);
    expect(s.status.get()).toEqual({ state: 'open' });
    const from = rec.notices.length;
    await agentSays(chat.session.conversationId, 'hello from Sam');
    const notice = await rec.next(isMessage('hello from Sam'), 'the agent message', from);
    expect(notice).toMatchObject({ type: 'frame', frame: { type: 'message', conversationId: chat.session.conversationId, body: { sender: { id: chat.agentId }, bodyType: 'standard' } } });
    await api.sendTyping(chat.session);
    await rec.next((n) => n.type === 'frame' && n.frame.type === 'typing-indicator', 'the typing echo', from);
  });

  it('detects a stalled socket (open but silent), says stale, and reconnects to a working one', async () => {
    const chat = await startChat();
    const { stream: s, rec, logs } = await openAndLearn(chat.uri);
    const from = rec.notices.length;
    await control('POST', '/faults', { stallSocketsMs: 60_000 });
    await agentSays(chat.session.conversationId, 'lost in the stall');
    await rec.next((n) => n.type === 'stale', 'stale', from);
    await rec.next(isOpen(true), 'the reconnected open', from);
    expect(logs.some((l) => /silent for \d+ ms: reconnecting/.test(l))).toBe(true);
    // The stalled socket never delivered the message: only REST (the store's catch-up) can recover it.
    expect(rec.notices.slice(from).some(isMessage('lost in the stall'))).toBe(false);
    const caughtUp = await api.listMessages(chat.session);
    expect(caughtUp.entities.map((m) => m.body)).toContain('lost in the stall');
    await agentSays(chat.session.conversationId, 'after the stall');
    await rec.next(isMessage('after the stall'), 'a message on the new socket', from);
    expect(s.status.get()).toEqual({ state: 'open' });
    await waitFor(() => emu.guestSocketCount(chat.session.conversationId) === 1, 'the stalled socket gone');
  });

  it('reconnects after the sockets are dropped without a close frame', async () => {
    const chat = await startChat();
    const { stream: s, rec } = await openAndLearn(chat.uri);
    const from = rec.notices.length;
    const statusesFrom = rec.statuses.length;
    await control('POST', '/faults', { dropSockets: true });
    await rec.next(isOpen(true), 'the reconnected open', from);
    expect(rec.statuses.slice(statusesFrom)[0]).toMatchObject({ state: 'reconnecting', attempt: 1 });
    const first = rec.statuses.slice(statusesFrom)[0];
    expect(first?.state === 'reconnecting' && first.delayMs).toBeLessThanOrEqual(1000);
    await agentSays(chat.session.conversationId, 'after the drop');
    await rec.next(isMessage('after the drop'), 'a message on the new socket', from);
    expect(s.status.get()).toEqual({ state: 'open' });
  });

  it('keeps trying with backoff while upgrades are refused', async () => {
    const chat = await startChat();
    const { rec } = await openAndLearn(chat.uri);
    const from = rec.notices.length;
    const statusesFrom = rec.statuses.length;
    await control('POST', '/faults', { rejectSockets: 2, dropSockets: true });
    await rec.next(isOpen(true), 'the open after two refusals', from);
    const attempts = rec.statuses.slice(statusesFrom).flatMap((st) => (st.state === 'reconnecting' ? [st.attempt] : []));
    expect(attempts).toEqual([1, 2, 3]);
  });

  it('close() ends the socket on the server side too and emits nothing more', async () => {
    const chat = await startChat();
    const { stream: s, rec } = await openAndLearn(chat.uri);
    const witness = await openStream(chat.uri);
    await waitFor(() => emu.guestSocketCount(chat.session.conversationId) === 2, 'both sockets attached');
    s.close();
    await waitFor(() => emu.guestSocketCount(chat.session.conversationId) === 1, 'our socket closed on the server side');
    const count = rec.notices.length;
    await agentSays(chat.session.conversationId, 'nobody listens');
    // Another socket of the same chat got it, so it was sent; ours said nothing.
    await witness.waitFor((f) => isType('message')(f) && f.eventBody.body === 'nobody listens', 'the message on the witness socket');
    witness.close();
    expect(rec.notices).toHaveLength(count);
    expect(s.status.get()).toEqual({ state: 'closed' });
  });
});
