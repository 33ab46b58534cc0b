// The socket half of the fuzz suite: websocket upgrades with bad credentials and sockets that send garbage,
// spoofed events and oversized frames. It returns what went wrong; the test decides pass or fail.

import WebSocket from 'ws';
import { probe } from './http-probe';
import type { Rng } from './prng';
import type { FuzzWorld } from './fuzz-world';

/** Close codes a server may use for a socket whose client sent something undecodable (emulator-control.md). */
export const ALLOWED_GARBAGE_CLOSE_CODES: readonly number[] = [1003, 1007, 1009];
export const SPOOF_MARKER = 'SPOOFED-BY-FUZZ';

const wsOrigin = (origin: string) => origin.replace(/^http/, 'ws');

type UpgradeOutcome =
  | { kind: 'refused'; status: number }
  | { kind: 'opened'; closeCode: number | undefined; conversationFrames: number }
  | { kind: 'error'; message: string };

function tryUpgrade(url: string, lingerMs: number): Promise<UpgradeOutcome> {
  return new Promise((resolve) => {
    const socket = new WebSocket(url);
    let opened = false;
    let conversationFrames = 0;
    let timer: NodeJS.Timeout | undefined;
    socket.on('unexpected-response', (_req, res) => {
      resolve({ kind: 'refused', status: res.statusCode ?? 0 });
      res.resume();
      socket.terminate();
    });
    socket.on('message', (data: WebSocket.RawData) => {
      if (String(data).includes('v2.conversations.chats.')) conversationFrames++;
    });
    socket.on('open', () => {
      opened = true;
      // Closing "at once" is allowed; a socket still open after the linger time was accepted.
      timer = setTimeout(() => {
        resolve({ kind: 'opened', closeCode: undefined, conversationFrames });
        socket.terminate();
      }, lingerMs);
    });
    socket.on('close', (code) => {
      if (timer) clearTimeout(timer);
      if (opened) resolve({ kind: 'opened', closeCode: code, conversationFrames });
    });
    socket.on('error', (e) => {
      if (!opened) resolve({ kind: 'error', message: e.message });
    });
  });
}

/** Upgrades that must all be refused (HTTP 4xx) or closed at once, never accepted and never answered 5xx. */
export async function probeBadUpgrades(world: FuzzWorld): Promise<string[]> {
  const failures: string[] = [];
  const base = wsOrigin(world.origin);
  const targets = [
    ...world.badJwts.map((j) => ({ label: `JWT ${j.label}`, path: `/chat/jwt/${encodeURIComponent(j.jwt)}` })),
    { label: 'empty JWT', path: '/chat/jwt/' },
    { label: 'no JWT segment', path: '/chat/jwt' },
    { label: 'extra segment', path: `/chat/jwt/${world.attacker.jwt}/extra` },
    { label: 'admin token as JWT', path: `/chat/jwt/${world.adminToken}` },
    { label: 'unknown stream path', path: `/chat/token/${world.attacker.jwt}` },
    { label: 'API path', path: '/api/v2/webchat/guest/conversations' },
    { label: 'control path', path: '/_emulator/health' },
    { label: 'console path', path: '/agent' },
    { label: 'bad escape', path: '/chat/jwt/%E0%A4%A' },
  ];
  for (const t of targets) {
    const outcome = await tryUpgrade(base + t.path, 1_500);
    if (outcome.kind === 'refused' && (outcome.status < 400 || outcome.status >= 500)) failures.push(`${t.label}: upgrade answered ${outcome.status}`);
    if (outcome.kind === 'error') failures.push(`${t.label}: connection dropped without an HTTP answer (${outcome.message})`);
    if (outcome.kind === 'opened') {
      if (outcome.closeCode === undefined) failures.push(`${t.label}: socket accepted and kept open`);
      else if (outcome.closeCode === 1011) failures.push(`${t.label}: closed with 1011`);
      if (outcome.conversationFrames > 0) failures.push(`${t.label}: received ${outcome.conversationFrames} conversation frames`);
    }
  }
  // Malformed handshakes on a real stream path: an HTTP 4xx, never a 101 or a 5xx.
  const handshakes: Record<string, string>[] = [
    { 'Sec-WebSocket-Key': 'not-base64-16-bytes', 'Sec-WebSocket-Version': '13' },
    { 'Sec-WebSocket-Version': '13' },
    { 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version': '7' },
    { 'Sec-WebSocket-Key': 'dGhlIHNhbXBsZSBub25jZQ==', 'Sec-WebSocket-Version': 'banana' },
  ];
  for (const h of handshakes) {
    const r = await probe(world.origin, { method: 'GET', path: `/chat/jwt/${world.attacker.jwt}`, headers: { Connection: 'Upgrade', Upgrade: 'websocket', ...h } });
    if (!r.ok) failures.push(`handshake ${JSON.stringify(h)}: ${r.error}`);
    else if (r.status < 400 || r.status >= 500) failures.push(`handshake ${JSON.stringify(h)}: answered ${r.status}`);
  }
  return failures;
}

type Frame = { data: string | Buffer; binary: boolean; note: string };

function spoofFrame(rng: Rng, world: FuzzWorld): string {
  const v = rng.pick(world.victims);
  const topic = rng.pick(['messages', 'members', 'mediarequests']);
  const type = topic === 'members' ? 'member-change' : topic === 'mediarequests' ? 'media-request' : rng.pick(['message', 'typing-indicator']);
  return JSON.stringify({
    topicName: `v2.conversations.chats.${v.conversationId}.${topic}`,
    version: '2',
    eventBody: {
      id: rng.uuid(),
      conversation: { id: v.conversationId },
      sender: { id: v.memberId },
      member: { id: v.memberId, state: 'DISCONNECTED' },
      body: SPOOF_MARKER,
      bodyType: 'standard',
      types: ['COBROWSE'],
      state: 'PENDING',
      timestamp: new Date().toISOString(),
    },
    metadata: { CorrelationId: rng.uuid(), type },
  });
}

function harmlessGarbage(rng: Rng, world: FuzzWorld): Frame {
  switch (rng.int(0, 9)) {
    case 0:
      return { data: rng.bytes(rng.int(1, 4096)), binary: true, note: 'random binary' };
    case 1:
      return { data: rng.string(rng.int(0, 2000)), binary: false, note: 'random text' };
    case 2:
      return { data: rng.pick(['{}', '[]', 'null', '42', 'true', '""', '{"message":null}', '{"topicName":{}}']), binary: false, note: 'JSON that is no frame' };
    case 3:
      return { data: rng.pick(['{"message":"PING"}', '{"message":"ping","extra":1}', '{"message":["ping"]}', `{"message":"${'ping'.repeat(5000)}"}`, '{"message":"ping"', 'ping']), binary: false, note: 'ping look-alike' };
    case 4:
    case 5:
      return { data: spoofFrame(rng, world), binary: false, note: 'spoofed event' };
    case 6:
      return { data: `${'['.repeat(50_000)}${']'.repeat(50_000)}`, binary: false, note: 'deeply nested JSON' };
    case 7:
      return { data: '', binary: false, note: 'empty frame' };
    case 8:
      return { data: Buffer.from(spoofFrame(rng, world)), binary: true, note: 'spoofed event as binary' };
    default:
      return { data: JSON.stringify({ topicName: 'channel.metadata', eventBody: { message: SPOOF_MARKER } }), binary: false, note: 'spoofed heartbeat' };
  }
}

function fatalGarbage(rng: Rng): Frame {
  return rng.chance(0.5)
    ? { data: Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0xc3, 0x28, 0x22, 0x7d]), binary: false, note: 'text frame that is not UTF-8' }
    : { data: Buffer.alloc(rng.int(2, 4) * 1024 * 1024, 0x61), binary: false, note: 'multi-megabyte frame' };
}

function openSocket(uri: string): Promise<{ socket: WebSocket; frames: string[]; closeCode: () => number | undefined }> {
  const socket = new WebSocket(uri);
  const frames: string[] = [];
  let code: number | undefined;
  socket.on('message', (d: WebSocket.RawData) => frames.push(String(d)));
  socket.on('close', (c) => (code = c));
  socket.on('error', () => undefined);
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve({ socket, frames, closeCode: () => code }));
    socket.once('error', reject);
  });
}

function waitUntil(check: () => boolean, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const started = Date.now();
    const tick = () => {
      if (check()) return resolve(true);
      if (Date.now() - started > timeoutMs) return resolve(false);
      setTimeout(tick, 20);
    };
    tick();
  });
}

/**
 * Opens noisy sockets (on the attacker's stream and on the victims' own streams) and sends garbage through
 * them. Each may be closed only with 1003/1007/1009; one left open must still answer a ping.
 */
export async function sendBadFrames(rng: Rng, world: FuzzWorld, socketCount: number, framesPerSocket: number): Promise<string[]> {
  const failures: string[] = [];
  for (let i = 0; i < socketCount; i++) {
    const uri = i % 2 === 0 ? world.attacker.eventStreamUri : rng.pick(world.victims).eventStreamUri;
    const label = `noisy socket ${i} (${i % 2 === 0 ? 'attacker' : 'victim'} stream)`;
    const s = await openSocket(uri);
    const sent: string[] = [];
    for (let f = 0; f < framesPerSocket && s.socket.readyState === WebSocket.OPEN; f++) {
      const frame = harmlessGarbage(rng, world);
      sent.push(frame.note);
      s.socket.send(frame.data, { binary: frame.binary });
      if (rng.chance(0.1)) s.socket.ping(rng.bytes(rng.int(0, 125)));
    }
    const fatal = rng.chance(0.4) ? fatalGarbage(rng) : undefined;
    if (fatal && s.socket.readyState === WebSocket.OPEN) {
      sent.push(fatal.note);
      s.socket.send(fatal.data, { binary: fatal.binary });
    }
    // Then a ping: a socket the server kept must still be served (the emulator answers it with a pong); one it
    // closed over the garbage must have been closed with an allowed code. Wait for whichever comes.
    const before = s.frames.length;
    if (s.socket.readyState === WebSocket.OPEN) s.socket.send('{"message":"ping"}');
    const ponged = () => s.frames.slice(before).some((t) => t.includes('"pong"'));
    await waitUntil(() => ponged() || s.closeCode() !== undefined, 3_000);
    const code = s.closeCode();
    if (code !== undefined && !ALLOWED_GARBAGE_CLOSE_CODES.includes(code)) {
      failures.push(`${label}: closed with ${code} after ${sent.slice(-3).join(', ')}`);
    } else if (code === undefined && !ponged()) {
      failures.push(`${label}: neither closed nor answering a ping after the garbage (${sent.length} frames)`);
    }
    if (code === undefined) s.socket.close();
    if (s.frames.some((t) => t.includes(SPOOF_MARKER))) failures.push(`${label}: its own spoofed frame came back to it`);
  }
  return failures;
}
