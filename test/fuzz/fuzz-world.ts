// Builds the world the fuzz suite attacks: victim conversations (agent, messages, a media request, an
// observing socket) whose state must survive, an attacker conversation, and credentials good and bad.

import WebSocket from 'ws';
import { SignJWT } from 'jose';

import { DEFAULT_WORLD } from '../../emulator/world';

/** The default world's fixed ids (emulator-control.md, "Starting it"). */
export const DEFAULT_IDS = DEFAULT_WORLD;

export interface GuestConversation {
  conversationId: string;
  memberId: string;
  jwt: string;
  eventStreamUri: string;
}

export interface Victim extends GuestConversation {
  messageIds: string[];
  mediaRequestId: string;
  /** A socket that only listens; every frame it gets is kept, in order. */
  observer: ObservedSocket;
}

export interface ObservedSocket {
  socket: WebSocket;
  frames: string[];
  closed: { code: number; reason: string } | undefined;
  /** Resolves with the first frame (already received or still to come) that satisfies `test`. */
  waitFor(test: (frame: string) => boolean, timeoutMs?: number): Promise<string>;
}

export interface FuzzWorld {
  origin: string;
  victims: Victim[];
  attacker: GuestConversation & { mediaRequestId: string };
  adminToken: string;
  /** JWTs that must all be refused: foreign-signed, unsigned, tampered, truncated. */
  badJwts: { label: string; jwt: string }[];
}

export async function json(origin: string, method: string, path: string, body?: unknown, token?: string): Promise<unknown> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token !== undefined) headers.Authorization = `Bearer ${token}`;
  const res = await fetch(origin + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`${method} ${path} answered ${res.status}: ${text}`);
  return text === '' ? undefined : (JSON.parse(text) as unknown);
}

function field(v: unknown, key: string): unknown {
  return typeof v === 'object' && v !== null ? (v as Record<string, unknown>)[key] : undefined;
}

function str(v: unknown, key: string): string {
  const s = field(v, key);
  if (typeof s !== 'string') throw new Error(`expected a string ${key} in ${JSON.stringify(v)}`);
  return s;
}

export async function createGuest(origin: string, displayName: string): Promise<GuestConversation> {
  const created = await json(origin, 'POST', '/api/v2/webchat/guest/conversations', {
    organizationId: DEFAULT_IDS.organizationId,
    deploymentId: DEFAULT_IDS.deploymentId,
    routingTarget: { targetType: 'QUEUE', targetAddress: DEFAULT_IDS.queue },
    memberInfo: { displayName, customFields: { firstName: displayName } },
  });
  return {
    conversationId: str(created, 'id'),
    memberId: str(field(created, 'member'), 'id'),
    jwt: str(created, 'jwt'),
    eventStreamUri: str(created, 'eventStreamUri'),
  };
}

export function observe(uri: string): Promise<ObservedSocket> {
  const socket = new WebSocket(uri);
  const waiters: { test: (f: string) => boolean; resolve: (f: string) => void }[] = [];
  const observed: ObservedSocket = {
    socket,
    frames: [],
    closed: undefined,
    waitFor(test, timeoutMs = 5_000) {
      const found = observed.frames.find(test);
      if (found !== undefined) return Promise.resolve(found);
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no matching frame in time')), timeoutMs);
        waiters.push({ test, resolve: (f) => (clearTimeout(timer), resolve(f)) });
      });
    },
  };
  socket.on('message', (data: WebSocket.RawData) => {
    const text = Buffer.isBuffer(data) ? data.toString('utf8') : String(data);
    observed.frames.push(text);
    for (const w of waiters.splice(0)) {
      if (w.test(text)) w.resolve(text);
      else waiters.push(w);
    }
  });
  socket.on('close', (code, reason) => {
    observed.closed = { code, reason: reason.toString('utf8') };
  });
  return new Promise((resolve, reject) => {
    socket.once('open', () => resolve(observed));
    socket.once('error', reject);
  });
}

const b64url = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

async function badJwts(victim: GuestConversation, attacker: GuestConversation, foreignJwt: string) {
  const [header = '', payload = '', signature = ''] = victim.jwt.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<string, unknown>;
  const data = (claims.data ?? {}) as Record<string, unknown>;
  const swapped = { ...claims, data: { ...data, sub: attacker.memberId } };
  const longLived = { ...claims, exp: Math.floor(Date.now() / 1000) + 10 * 365 * 86_400 };
  const hs256 = await new SignJWT(claims).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode('not-the-emulator-key'));
  return [
    { label: 'foreign emulator', jwt: foreignJwt },
    { label: 'alg none', jwt: `${b64url({ alg: 'none', typ: 'JWT' })}.${b64url(claims)}.` },
    { label: 'member swapped, old signature', jwt: `${header}.${b64url(swapped)}.${signature}` },
    { label: 'lifetime stretched, old signature', jwt: `${header}.${b64url(longLived)}.${signature}` },
    { label: 'HS256 with a guessed key', jwt: hs256 },
    { label: 'signature cut off', jwt: `${header}.${payload}.` },
    { label: 'two segments', jwt: `${header}.${payload}` },
    { label: 'signature flipped', jwt: `${header}.${payload}.${signature.split('').reverse().join('')}` },
    { label: 'SDK [REDACTED]', jwt: '[REDACTED]' },
    { label: 'garbage', jwt: 'not-a-jwt' },
    { label: 'trailing junk', jwt: `${victim.jwt}x` },
    { label: 'header not JSON', jwt: `${Buffer.from('{{{').toString('base64url')}.${payload}.${signature}` },
  ];
}

export async function buildWorld(origin: string, foreignOrigin: string): Promise<FuzzWorld> {
  const victims: Victim[] = [];
  for (const name of ['Vera Victim', 'Viktor Victim']) {
    const guest = await createGuest(origin, name);
    const observer = await observe(guest.eventStreamUri);
    const c = guest.conversationId;
    await json(origin, 'POST', `/_emulator/conversations/${c}/agent`, { displayName: 'Agent Ada' });
    const agentSays = await json(origin, 'POST', `/_emulator/conversations/${c}/agent/messages`, { body: `Hello ${name}` });
    const guestSays = await json(origin, 'POST', `/api/v2/webchat/guest/conversations/${c}/members/${guest.memberId}/messages`, { body: 'Hi, I need help' }, guest.jwt);
    const media = await json(origin, 'POST', `/_emulator/conversations/${c}/mediarequests`, { types: ['COBROWSE'] });
    victims.push({ ...guest, observer, messageIds: [str(agentSays, 'id'), str(guestSays, 'id')], mediaRequestId: str(media, 'id') });
  }
  const attackerGuest = await createGuest(origin, 'Mallory');
  await observe(attackerGuest.eventStreamUri).then((o) => o.socket.close());
  await json(origin, 'POST', `/_emulator/conversations/${attackerGuest.conversationId}/agent`, { displayName: 'Agent Bob' });
  const attackerMedia = await json(origin, 'POST', `/_emulator/conversations/${attackerGuest.conversationId}/mediarequests`, { types: ['SCREENSHARE'] });
  const foreign = await createGuest(foreignOrigin, 'Foreigner');
  const token = await fetch(`${origin}/oauth/token`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/x-www-form-urlencoded',
      Authorization: `Basic ${Buffer.from(`${DEFAULT_IDS.oauthClientId}:${DEFAULT_IDS.oauthSecret}`).toString('base64')}`,
    },
    body: 'grant_type=client_credentials',
  }).then((r) => r.json() as Promise<unknown>);
  const victim = victims[0];
  if (victim === undefined) throw new Error('no victim');
  return {
    origin,
    victims,
    attacker: { ...attackerGuest, mediaRequestId: str(attackerMedia, 'id') },
    adminToken: str(token, 'access_token'),
    badJwts: await badJwts(victim, attackerGuest, foreign.jwt),
  };
}

/** What the control API says about a conversation: the state that must survive the fuzzing. */
export function snapshot(origin: string, conversationId: string): Promise<unknown> {
  return json(origin, 'GET', `/_emulator/conversations/${conversationId}`);
}
