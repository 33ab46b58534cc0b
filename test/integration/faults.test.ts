// The whole core (createChat with ws's WebSocket, the real API client, event stream and store) against a real
// in-process emulator breaking the network on purpose: nothing lost, nothing doubled (issue 4, "Tests").

import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import WebSocket from 'ws';
import { createEmulator, type Emulator } from '../../emulator/index';
import { createChat, type Chat } from '../../src/core';
import type { Logger } from '../../src/lib/log';

const AGENT_MESSAGES = 300;
const GUEST_MESSAGES = 50;
const POST_MESSAGES = 'POST /api/v2/webchat/guest/conversations/*/members/*/messages';
const GET_MESSAGES = 'GET /api/v2/webchat/guest/conversations/*/messages';

let emu: Emulator;

beforeAll(async () => {
  emu = await createEmulator({ port: 0, agent: 'manual', heartbeatMs: 200, logErrors: false });
});
afterAll(async () => {
  await emu?.close();
});

async function control<T = unknown>(method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${emu.url}/_emulator${path}`, {
    method,
    ...(body === undefined ? {} : { headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) }),
  });
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** Waits on a condition (never a fixed sleep); the timeout only turns a hang into a failure. */
const until = (what: string, check: () => boolean | Promise<boolean>, timeout = 30_000) =>
  vi.waitFor(
    async () => {
      if (!(await check())) throw new Error(`still waiting: ${what}`);
    },
    { timeout, interval: 20 },
  );

interface FaultState {
  rejectSockets: number;
  failRequests?: unknown;
}
const faultsUsedUp = async () => {
  const f = await control<FaultState>('GET', '/faults');
  return f.rejectSockets === 0 && f.failRequests === undefined;
};

it('delivers 300 agent messages once each and in order, and stores 50 guest messages once each, through faults', { timeout: 90_000 }, async () => {
  const startedAt = performance.now();
  const calls = { postMessage: 0, listMessages: 0, failed: new Map<number, number>() };
  const countingFetch: typeof fetch = async (input, init) => {
    const url = new URL(String(input));
    const method = init?.method ?? 'GET';
    if (method === 'POST' && url.pathname.endsWith('/messages')) calls.postMessage++;
    if (method === 'GET' && url.pathname.endsWith('/messages')) calls.listMessages++;
    const res = await fetch(input, init);
    if (!res.ok) calls.failed.set(res.status, (calls.failed.get(res.status) ?? 0) + 1);
    return res;
  };
  const warnings: string[] = [];
  const logger: Logger = { warn: (m) => void warnings.push(m), error: (m) => void warnings.push(`error: ${m}`) };

  const chat: Chat = createChat({
    organizationId: emu.ids.organizationId,
    deploymentId: emu.ids.deploymentId,
    queue: emu.ids.queue,
    apiBase: emu.url,
    WebSocket,
    fetch: countingFetch,
    persist: 'none',
    logger,
  });
  const delivered: string[] = [];
  chat.on('message', (m) => {
    if (m.body.startsWith('agent ')) delivered.push(m.body);
  });
  let reconnects = 0;
  chat.on('connection', (s) => {
    if (s === 'reconnecting') reconnects++;
  });

  try {
    await chat.start({ firstName: 'Ann' });
    await until('the stream opens', () => chat.connection.value.state === 'open');
    const conversationId = chat.conversationId.value as string;
    const agent = await control<{ id: string }>('POST', `/conversations/${conversationId}/agent`, { displayName: 'Alice' });
    await until('an agent answers', () => chat.phase.value.name === 'active');

    let sentByGuest = 0;
    const guestSends: Promise<void>[] = [];
    const guestSays = (): Promise<void> => {
      if (sentByGuest >= GUEST_MESSAGES) return Promise.resolve();
      const sent = chat.send(`guest ${++sentByGuest}`);
      guestSends.push(sent);
      return sent;
    };
    /**
     * Sends `n` guest messages into a request fault and waits until they settled and the fault is used up, so that
     * one message never meets two faults in a row (four failed attempts over 5 s may end `failed`, by contract).
     */
    const throughFault = async (what: string, fault: Record<string, unknown>, n = 1) => {
      await setFaults({ failRequests: fault });
      await Promise.all(Array.from({ length: n }, guestSays));
      await until(what, faultsUsedUp);
    };
    const setFaults = (f: Record<string, unknown>) => control('POST', '/faults', f);
    /** Socket faults hit a live socket: otherwise two of them could fall into one outage and test less. */
    const socketFault = async (f: Record<string, unknown>) => {
      await until('the stream is open', () => chat.connection.value.state === 'open');
      await setFaults(f);
    };
    // Each fault is set, then exercised by what follows; request faults are waited on until used up.
    const plan = new Map<number, () => Promise<void>>([
      [20, () => socketFault({ dropSockets: true })],
      [40, () => throughFault('two 503s on message POSTs', { status: 503, count: 2, match: POST_MESSAGES })],
      [60, () => socketFault({ rejectSockets: 2, dropSockets: true })],
      [90, () => socketFault({ stallSocketsMs: 3000 })],
      [110, () => throughFault('two 429s on message POSTs', { status: 429, count: 2, retryAfterSec: 1, match: POST_MESSAGES })],
      [130, () => socketFault({ dropSockets: true })],
      // A POST that took effect is found on catch-up and never sent again: each such fault needs its own message.
      [150, () => throughFault('two 504s after effect on message POSTs', { status: 504, count: 2, afterEffect: true, match: POST_MESSAGES }, 2)],
      [170, async () => {
        await socketFault({ failRequests: { status: 503, count: 2, match: GET_MESSAGES }, dropSockets: true });
        await until('two 503s on catch-up listings', faultsUsedUp);
      }],
      [200, () => socketFault({ dropSockets: true })],
      [220, () => socketFault({ stallSocketsMs: 2000 })],
      [240, () => throughFault('a 502 after effect on a message POST', { status: 502, count: 1, afterEffect: true, match: POST_MESSAGES })],
      [250, () => throughFault('no answer at all, after effect', { status: 503, count: 1, afterEffect: true, match: POST_MESSAGES })],
      [260, () => socketFault({ rejectSockets: 1, dropSockets: true })],
      [280, () => socketFault({ dropSockets: true })],
    ]);

    const marks: string[] = [];
    for (let i = 1; i <= AGENT_MESSAGES; i++) {
      const step = plan.get(i);
      if (step) {
        const t = performance.now();
        await step();
        marks.push(`${i}:${Math.round(performance.now() - t)}ms@${Math.round(t - startedAt)}`);
      }
      await control('POST', `/conversations/${conversationId}/agent/messages`, { body: `agent ${i}` });
      if (i % 6 === 0) void guestSays();
    }
    while (sentByGuest < GUEST_MESSAGES) void guestSays();

    marks.push(`loop done@${Math.round(performance.now() - startedAt)}`);
    const agentBodies = () => chat.messages.value.filter((m) => m.senderId === agent.id && m.bodyType === 'standard').map((m) => m.body);
    await until('every agent message is on screen', () => agentBodies().length >= AGENT_MESSAGES, 45_000);
    // Events of messages that came while a gap was open go out once the catch-up closes it, in transcript order.
    await until('every agent message was announced', () => delivered.length >= AGENT_MESSAGES);
    marks.push(`agent all@${Math.round(performance.now() - startedAt)}`);
    await Promise.all(guestSends);
    marks.push(`guest all@${Math.round(performance.now() - startedAt)}`);
    await until('every guest message is settled', () => chat.messages.value.filter((m) => m.own && m.status === 'sending').length === 0);

    const expectedAgent = Array.from({ length: AGENT_MESSAGES }, (_, i) => `agent ${i + 1}`);
    const expectedGuest = Array.from({ length: GUEST_MESSAGES }, (_, i) => `guest ${i + 1}`);
    expect(agentBodies()).toEqual(expectedAgent);
    expect(delivered).toEqual(expectedAgent);
    const own = chat.messages.value.filter((m) => m.own && m.bodyType === 'standard');
    expect(own.map((m) => m.body)).toEqual(expectedGuest);
    expect(own.every((m) => m.status === 'sent' && m.localId !== undefined)).toBe(true);

    // What the service stored, seen from the agent's side.
    const stored = await control<{ messages: Array<{ body: string; bodyType: string; sender: { id: string } }> }>('GET', `/conversations/${conversationId}`);
    const storedGuest = stored.messages.filter((m) => m.sender.id === chat.memberId.value && m.bodyType === 'standard').map((m) => m.body);
    expect(storedGuest).toEqual(expectedGuest);
    expect(stored.messages.filter((m) => m.sender.id === agent.id && m.bodyType === 'standard').map((m) => m.body)).toEqual(expectedAgent);

    const seconds = ((performance.now() - startedAt) / 1000).toFixed(1);
    // The measured outcome, for the resolution note.
    console.info(
      `[faults] ${agentBodies().length} agent messages once each in order; ${storedGuest.length} guest messages stored once each; ` +
        `${seconds} s; ${reconnects} reconnects; ${calls.postMessage} message POSTs (${GUEST_MESSAGES} messages); ` +
        `${calls.listMessages} message listings; failed answers ${JSON.stringify(Object.fromEntries(calls.failed))}; ` +
        `fault steps (step:duration@start) ${marks.join(' ')}`,
    );
    // Seven drops and two stalls, each hitting an open socket.
    expect(reconnects).toBeGreaterThanOrEqual(9);
  } finally {
    chat.dispose();
  }
});
