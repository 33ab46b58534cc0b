// Generates bad HTTP requests against the emulator from a seeded PRNG: every one is wrong by construction
// (bad credentials, bad ids, bad bodies, bad encodings, odd methods and paths); judging answers is left to the test.

import type { ProbeRequest } from './http-probe';
import type { Rng } from './prng';
import type { FuzzWorld } from './fuzz-world';
import { DEFAULT_IDS } from './fuzz-world';

/**
 * `error`: the request is wrong by the spec, so the answer must be a 4xx (optionally one of `status`) with the
 * given body shape. `no-5xx`: the spec leaves its validity open (marked where generated): any answer below 500
 * will do, but a 4xx must still carry the shape.
 */
export interface Expectation {
  kind: 'error' | 'no-5xx';
  status?: readonly number[];
  shape: 'errorBody' | 'oauth' | 'json' | 'none';
  /** Text that must never appear in the answer (e.g. a file outside what the server serves). */
  mustNotContain?: readonly string[];
}

export interface BadRequest extends ProbeRequest {
  family: string;
  note: string;
  expect: Expectation;
}

const G = '/api/v2/webchat/guest/conversations';
const JSON_HEADERS = { 'Content-Type': 'application/json', Accept: 'application/json' };
const API_ERROR: Expectation = { kind: 'error', shape: 'errorBody' };
const UNAUTHORIZED: Expectation = { kind: 'error', status: [401], shape: 'errorBody' };

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

function deepArray(depth: number): string {
  return `${'['.repeat(depth)}${']'.repeat(depth)}`;
}

function setPath(target: { [k: string]: Json }, path: string, value: Json | undefined): void {
  const keys = path.split('.');
  let node: { [k: string]: Json } = target;
  for (const k of keys.slice(0, -1)) {
    const child = node[k];
    if (typeof child !== 'object' || child === null || Array.isArray(child)) {
      const fresh: { [k: string]: Json } = {};
      node[k] = fresh;
      node = fresh;
    } else {
      node = child;
    }
  }
  const last = keys[keys.length - 1] as string;
  if (value === undefined) delete node[last];
  else node[last] = value;
}

/** Text that no JSON parser accepts, derived from a valid document so it looks nearly right. */
function malformed(rng: Rng, valid: string): Buffer {
  const text = malformedCandidate(rng, valid);
  try {
    JSON.parse(text.toString('utf8'));
  } catch {
    return text;
  }
  // The mutation happened to leave valid JSON (e.g. nothing to replace): cutting the last brace never does.
  return Buffer.from(valid.slice(0, -1));
}

function malformedCandidate(rng: Rng, valid: string): Buffer {
  const cut = rng.int(1, Math.max(1, valid.length - 1));
  switch (rng.int(0, 9)) {
    case 0:
      return Buffer.from(valid.slice(0, cut));
    case 1:
      return Buffer.from(valid.replace(/}$/, ',}'));
    case 2:
      return Buffer.from(valid.replace(/"/g, "'"));
    case 3:
      return Buffer.from(`/* hi */${valid}`);
    case 4:
      return Buffer.from(valid.replace(/:"[^"]*"/, ':NaN'));
    case 5:
      // Bytes that are not UTF-8, placed between tokens so no decoding can make the text valid.
      return Buffer.concat([Buffer.from('{'), Buffer.from([rng.pick([0xff, 0xfe, 0xc3, 0x80, 0xed])]), Buffer.from(valid.slice(1))]);
    case 6:
      return Buffer.from(`${deepArray(rng.int(10, 50_000)).slice(0, -1)}`);
    case 7:
      return Buffer.from(`${valid}${valid}`);
    case 8:
      return Buffer.from(`{${rng.string(rng.int(1, 300), 'abc"{}[]:,\\ 0123')}`);
    default:
      return Buffer.from(`\uFEFF${valid.slice(0, cut)}`);
  }
}

/** Re-encodes an already invalid body: whichever way the server decodes it, it stays invalid. */
function oddlyEncoded(rng: Rng, text: string): { body: Buffer; contentType: string } {
  switch (rng.int(0, 3)) {
    case 0:
      return { body: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]), contentType: 'application/json; charset=utf-16' };
    case 1:
      return { body: Buffer.from(text, 'utf16le'), contentType: 'application/json' };
    case 2:
      return { body: Buffer.from(`\uFEFF${text}`), contentType: 'application/json; charset=UTF-8' };
    default:
      return { body: Buffer.from(text, 'latin1'), contentType: 'text/json; charset=latin1' };
  }
}

function validCreate(): { [k: string]: Json } {
  return {
    organizationId: DEFAULT_IDS.organizationId,
    deploymentId: DEFAULT_IDS.deploymentId,
    routingTarget: { targetType: 'QUEUE', targetAddress: DEFAULT_IDS.queue },
    memberInfo: { displayName: 'Fuzzy', customFields: { firstName: 'Fuzzy' } },
  };
}

const NOT_A_STRING: readonly Json[] = [{}, [], [1], { a: 'b' }, [[['x']]]];
const NOT_AN_OBJECT: readonly Json[] = ['x', '', 42, true, ['a']];
const TOP_LEVEL_NOT_OBJECT: readonly string[] = ['[]', '"text"', '42', 'null', 'true', '[{}]', '""'];

/** Create bodies that break one rule of CreateWebChatConversationRequest each. */
function badCreateBody(rng: Rng): { body: string; note: string } {
  const b = validCreate();
  const choice = rng.int(0, 10);
  const set = (path: string, v: Json | undefined, note: string) => {
    setPath(b, path, v);
    return { body: JSON.stringify(b), note };
  };
  switch (choice) {
    case 0: {
      const path = rng.pick(['organizationId', 'deploymentId', 'routingTarget', 'memberInfo', 'memberInfo.displayName', 'routingTarget.targetType', 'routingTarget.targetAddress']);
      return rng.chance(0.5) ? set(path, undefined, `missing ${path}`) : set(path, null, `null required ${path}`);
    }
    case 1: {
      const path = rng.pick(['organizationId', 'deploymentId', 'routingTarget.targetType', 'routingTarget.targetAddress', 'routingTarget.language', 'memberInfo.displayName', 'memberInfo.firstName', 'memberInfo.lastName', 'memberInfo.email', 'memberInfo.phoneNumber', 'memberInfo.avatarImageUrl', 'memberAuthToken']);
      return set(path, rng.pick(NOT_A_STRING), `object/array for string ${path}`);
    }
    case 2: {
      const path = rng.pick(['routingTarget', 'memberInfo', 'journeyContext', 'memberInfo.customFields', 'routingTarget.skills']);
      return set(path, rng.pick(NOT_AN_OBJECT.filter((v) => !(path.endsWith('skills') && Array.isArray(v)))), `primitive for object/array ${path}`);
    }
    case 3:
      return set('routingTarget.skills', rng.pick<Json>([[{}], [[]], [{ name: 'x' }], {}]), 'bad skills');
    case 4:
      return set('routingTarget.priority', rng.pick<Json>(['high', '', {}, [], [1]]), 'non-numeric priority');
    case 5:
      return set(`memberInfo.customFields.${rng.pick(['firstName', 'x', 'email'])}`, rng.pick<Json>([{}, [], ['a'], { nested: 'x' }]), 'non-string in customFields');
    case 6:
      return set('routingTarget.targetType', rng.pick(['AGENT', 'QUEUEX', '', 'USER', 'QUEUES', 'Q']), 'targetType outside the enum');
    case 7: {
      const which = rng.int(0, 2);
      if (which === 0) return set('organizationId', rng.uuid(), 'unknown organization');
      if (which === 1) return set('deploymentId', rng.uuid(), 'unknown deployment');
      return set('routingTarget.targetAddress', `No Such Queue ${rng.string(6)}`, 'unknown queue');
    }
    case 8:
      return set(
        'journeyContext',
        rng.pick<Json>([
          {},
          { customer: {} },
          { customer: { id: 'c1' } },
          { customer: { idType: 'cookie' } },
          { customer: { id: 'c1', idType: 'cookie' }, customerSession: { id: 's1' } },
          { customer: { id: 'c1', idType: 'cookie' }, triggeringAction: { id: 'a1' } },
          { customer: { id: 'c1', idType: 'cookie' }, triggeringAction: { id: 'a1', actionMap: { id: 'm1', version: 'one' } } },
        ]),
        'journeyContext missing required parts',
      );
    case 9:
      return { body: rng.pick(TOP_LEVEL_NOT_OBJECT), note: 'top level not an object' };
    default: {
      // Built as text: a test process need not survive the recursion it asks of the server.
      const { body } = set('memberInfo.displayName', '__DEEP__', '');
      return { body: body.replace('"__DEEP__"', deepArray(rng.int(100, 20_000))), note: 'deeply nested array as displayName' };
    }
  }
}

function badMessageBody(rng: Rng): { body: string; note: string } {
  switch (rng.int(0, 7)) {
    case 0:
      return { body: rng.pick(['{}', '{"body":null}', '{"bodyType":"standard"}']), note: 'no body' };
    case 1:
      return { body: JSON.stringify({ body: rng.pick(NOT_A_STRING) }), note: 'body not a string' };
    case 2:
      return { body: JSON.stringify({ body: 'x'.repeat(rng.int(4001, 20_000)) }), note: 'body over 4000 characters' };
    case 3:
      // 2,001 astral characters are 4,002 UTF-16 code units: over the limit although only 2,001 code points.
      return { body: JSON.stringify({ body: '😀'.repeat(2001) }), note: 'body over 4000 UTF-16 units' };
    case 4:
      return { body: JSON.stringify({ body: 'hello', bodyType: rng.pick<Json>(['html', 'text/html', '', 'STANDARDX', {}, [], ['standard']]) }), note: 'bodyType outside the enum' };
    case 5:
      return { body: rng.pick(TOP_LEVEL_NOT_OBJECT), note: 'top level not an object' };
    case 6:
      return { body: `{"body":${deepArray(rng.int(100, 20_000))}}`, note: 'deeply nested body' };
    default:
      return { body: JSON.stringify({ body: 'hi', bodyType: 'standard', extra: 1 }).replace('"hi"', '"hi"'.repeat(2)), note: 'two values in a row' };
  }
}

function badMediaPatch(rng: Rng): { body: string; note: string } {
  const types: Json = ['COBROWSE'];
  switch (rng.int(0, 5)) {
    case 0:
      return { body: JSON.stringify({ types, state: rng.pick(['PENDING', 'TIMEDOUT', 'CANCELLED', 'bogus', '']) }), note: 'state a guest may not set' };
    case 1:
      return { body: JSON.stringify(rng.chance(0.5) ? { types } : { state: 'DECLINED' }), note: 'a required field missing' };
    case 2:
      return { body: JSON.stringify({ types: rng.pick<Json>(['COBROWSE', {}, ['FAX'], [{}], [['COBROWSE']]]), state: 'DECLINED' }), note: 'bad types' };
    case 3:
      return { body: JSON.stringify({ types, state: rng.pick<Json>([{}, [], ['ACCEPTED']]) }), note: 'state not a string' };
    case 4:
      return { body: rng.pick(TOP_LEVEL_NOT_OBJECT), note: 'top level not an object' };
    default:
      return { body: malformed(rng, JSON.stringify({ types, state: 'DECLINED' })).toString('latin1'), note: 'malformed JSON' };
  }
}

interface Endpoint {
  method: string;
  path: string;
  /** A body that would be accepted with the right credentials. */
  body?: string;
}

function guestEndpoints(c: string, m: string, messageId: string, mediaRequestId: string): Endpoint[] {
  return [
    { method: 'GET', path: `${G}/${c}/members` },
    { method: 'GET', path: `${G}/${c}/members?pageSize=10&pageNumber=1` },
    { method: 'GET', path: `${G}/${c}/members/${m}` },
    { method: 'DELETE', path: `${G}/${c}/members/${m}` },
    { method: 'POST', path: `${G}/${c}/members/${m}/messages`, body: JSON.stringify({ body: 'I should never be stored' }) },
    { method: 'POST', path: `${G}/${c}/members/${m}/typing` },
    { method: 'GET', path: `${G}/${c}/messages` },
    { method: 'GET', path: `${G}/${c}/messages?sortOrder=descending&maxResults=5` },
    { method: 'GET', path: `${G}/${c}/messages/${messageId}` },
    { method: 'GET', path: `${G}/${c}/mediarequests` },
    { method: 'GET', path: `${G}/${c}/mediarequests/${mediaRequestId}` },
    { method: 'PATCH', path: `${G}/${c}/mediarequests/${mediaRequestId}`, body: JSON.stringify({ types: ['COBROWSE'], state: 'DECLINED' }) },
  ];
}

/** Authorization values that must all be refused with 401, whatever else the request says. */
function badAuthorization(rng: Rng, world: FuzzWorld, realJwt: string): string | string[] | undefined {
  const bad = rng.pick(world.badJwts).jwt;
  switch (rng.int(0, 9)) {
    case 0:
      return undefined;
    case 1:
      return rng.pick(['Bearer', 'Bearer ', 'bearer', 'Bearer\t']);
    case 2:
      return `Basic ${Buffer.from(`${DEFAULT_IDS.oauthClientId}:${DEFAULT_IDS.oauthSecret}`).toString('base64')}`;
    case 3:
      return `${rng.pick(['Token', 'JWT', 'Digest', 'Bearer-x'])} ${realJwt}`;
    case 4:
      return realJwt;
    case 5:
      return `${rng.pick(['Bearer', 'bearer', 'BEARER'])} ${bad}`;
    case 6:
      return [`Bearer ${bad}`, `Bearer ${rng.pick(world.badJwts).jwt}`];
    case 7:
      return `Bearer ${world.adminToken}`;
    case 8:
      return `Bearer ${rng.string(rng.int(1, 2000), 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_.')}`;
    default:
      return `Bearer ${realJwt} ${rng.string(3)}`;
  }
}

function withAuth(headers: Record<string, string>, auth: string | string[] | undefined): Record<string, string | string[]> {
  return auth === undefined ? { ...headers } : { ...headers, Authorization: auth };
}

function bearer(jwt: string) {
  return `Bearer ${jwt}`;
}

type Family = (rng: Rng, world: FuzzWorld) => BadRequest;

const authOnVictim: Family = (rng, world) => {
  const v = rng.pick(world.victims);
  const ep = rng.pick(guestEndpoints(v.conversationId, v.memberId, rng.pick(v.messageIds), v.mediaRequestId));
  // Credentials are checked first (webchat-v2.md §2): a bad body changes nothing.
  const body = ep.body !== undefined && rng.chance(0.3) ? malformed(rng, ep.body) : ep.body;
  return { family: 'auth', note: `bad credentials on ${ep.method} victim`, method: ep.method, path: ep.path, headers: withAuth(JSON_HEADERS, badAuthorization(rng, world, v.jwt)), body, expect: UNAUTHORIZED };
};

const crossConversation: Family = (rng, world) => {
  const v = rng.pick(world.victims);
  const a = world.attacker;
  const member = rng.pick([v.memberId, a.memberId]);
  const ep = rng.pick(guestEndpoints(v.conversationId, member, rng.pick(v.messageIds), v.mediaRequestId));
  return { family: 'cross-conversation', note: `attacker JWT on victim ${ep.method}`, method: ep.method, path: ep.path, headers: withAuth(JSON_HEADERS, bearer(a.jwt)), body: ep.body, expect: { kind: 'error', status: [401, 403, 404], shape: 'errorBody' } };
};

const wrongMemberWrite: Family = (rng, world) => {
  const a = world.attacker;
  const member = rng.pick([rng.pick(world.victims).memberId, rng.uuid(), 'not-a-member']);
  const ep = rng.pick([
    { method: 'POST', path: `${G}/${a.conversationId}/members/${member}/messages`, body: JSON.stringify({ body: 'as someone else' }) },
    { method: 'POST', path: `${G}/${a.conversationId}/members/${member}/typing`, body: undefined },
    { method: 'DELETE', path: `${G}/${a.conversationId}/members/${member}`, body: undefined },
  ]);
  return { family: 'wrong-member', note: `${ep.method} as a member the JWT is not`, ...ep, headers: withAuth(JSON_HEADERS, bearer(a.jwt)), expect: { kind: 'error', status: [403, 404], shape: 'errorBody' } };
};

const unknownIds: Family = (rng, world) => {
  const a = world.attacker;
  const v = rng.pick(world.victims);
  const id = rng.pick([rng.uuid(), rng.uuid(), rng.pick(v.messageIds), v.mediaRequestId, v.memberId, 'x', rng.string(rng.int(1, 40), 'abcdef0123456789-')]);
  const ep = rng.pick([
    { method: 'GET', path: `${G}/${a.conversationId}/members/${id}` },
    { method: 'GET', path: `${G}/${a.conversationId}/messages/${id}` },
    { method: 'GET', path: `${G}/${a.conversationId}/mediarequests/${id}` },
    { method: 'PATCH', path: `${G}/${a.conversationId}/mediarequests/${id}`, body: JSON.stringify({ types: ['COBROWSE'], state: 'ACCEPTED' }) },
  ]);
  return { family: 'unknown-id', note: `${ep.method} an id not in this conversation`, ...ep, headers: withAuth(JSON_HEADERS, bearer(a.jwt)), expect: { kind: 'error', status: [404], shape: 'errorBody' } };
};

const badQuery: Family = (rng, world) => {
  const a = world.attacker;
  const base = `${G}/${a.conversationId}`;
  const v = rng.pick(world.victims);
  const pick = rng.int(0, 5);
  let query: string;
  let expect: Expectation = { kind: 'error', status: [400], shape: 'errorBody' };
  if (pick === 0) query = `members?pageSize=${rng.pick(['0', '-1', '101', 'abc', '1.5', 'NaN', 'Infinity', '1e400', '99999999999999999999', '%00', '%E0%A4%A'])}`;
  else if (pick === 1) {
    // The spec names no rule for these: only "no 5xx" is certain.
    query = rng.pick([`members?pageNumber=${rng.pick(['abc', '-1', '1.5', 'NaN'])}`, `members?excludeDisconnectedMembers=${rng.pick(['maybe', '2', 'yes'])}`, 'messages?maxResults=5&maxResults=abc']);
    expect = { kind: 'no-5xx', shape: 'errorBody' };
  } else if (pick === 2) query = `messages?maxResults=${rng.pick(['0', '-1', 'abc', '1.5', 'NaN', '-Infinity'])}`;
  else if (pick === 3) query = `messages?sortOrder=${rng.pick(['up', 'sideways', 'asc', 'desc', '1', '%00'])}`;
  else query = `messages?${rng.pick(['after', 'before'])}=${rng.pick([rng.uuid(), rng.pick(v.messageIds), 'garbage', '%E0%A4%A', '%C3%28', '..%2F..'])}`;
  return { family: 'query', note: query, method: 'GET', path: `${base}/${query}`, headers: withAuth(JSON_HEADERS, bearer(a.jwt)), expect };
};

function bodyRequest(rng: Rng, family: string, method: string, path: string, auth: string, gen: { body: string; note: string }, expect: Expectation): BadRequest {
  if (rng.chance(0.12)) {
    const { body, contentType } = oddlyEncoded(rng, gen.body);
    return { family, note: `${gen.note}, re-encoded as ${contentType}`, method, path, headers: { Accept: 'application/json', 'Content-Type': contentType, Authorization: auth }, body, expect };
  }
  return { family, note: gen.note, method, path, headers: { ...JSON_HEADERS, Authorization: auth }, body: gen.body, expect };
}

const badMessage: Family = (rng, world) => {
  const a = world.attacker;
  const path = `${G}/${a.conversationId}/members/${a.memberId}/messages`;
  const gen = rng.chance(0.25) ? { body: malformed(rng, JSON.stringify({ body: 'hello' })).toString('latin1'), note: 'malformed JSON' } : badMessageBody(rng);
  return bodyRequest(rng, 'message-body', 'POST', path, bearer(a.jwt), gen, { kind: 'error', status: [400], shape: 'errorBody' });
};

const badPatch: Family = (rng, world) => {
  const a = world.attacker;
  return bodyRequest(rng, 'media-patch', 'PATCH', `${G}/${a.conversationId}/mediarequests/${a.mediaRequestId}`, bearer(a.jwt), badMediaPatch(rng), { kind: 'error', status: [400], shape: 'errorBody' });
};

const badCreate: Family = (rng) => {
  const gen = rng.chance(0.25) ? { body: malformed(rng, JSON.stringify(validCreate())).toString('latin1'), note: 'malformed JSON' } : badCreateBody(rng);
  const req = bodyRequest(rng, 'create', 'POST', G, '', gen, API_ERROR);
  const headers = { ...req.headers };
  delete headers.Authorization;
  if (rng.chance(0.2)) headers.Origin = rng.pick(['https://evil.example', 'null', 'http://127.0.0.1:1']);
  return { ...req, headers };
};

const wrongContentType: Family = (rng, world) => {
  const a = world.attacker;
  const target = rng.pick([
    { path: G, body: JSON.stringify(validCreate()), auth: undefined },
    { path: `${G}/${a.conversationId}/members/${a.memberId}/messages`, body: JSON.stringify({ body: 'wrong type' }), auth: bearer(a.jwt) },
    { path: `${G}/${a.conversationId}/mediarequests/${a.mediaRequestId}`, body: JSON.stringify({ types: ['COBROWSE'], state: 'ACCEPTED' }), auth: bearer(a.jwt) },
  ]);
  const contentType = rng.pick(['text/plain', 'application/xml', 'text/html; charset=utf-8', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'application/jsonx', 'json', 'application/octet-stream', 'image/png']);
  const method = target.path.includes('mediarequests') ? 'PATCH' : 'POST';
  return { family: 'content-type', note: contentType, method, path: target.path, headers: withAuth({ Accept: 'application/json', 'Content-Type': contentType }, target.auth), body: target.body, expect: { kind: 'error', status: [415], shape: 'errorBody' } };
};

const oversize: Family = (rng, world) => {
  const a = world.attacker;
  const target = rng.pick([
    { method: 'POST', path: G, auth: undefined as string | undefined, shape: 'errorBody' as const },
    { method: 'POST', path: `${G}/${a.conversationId}/members/${a.memberId}/messages`, auth: bearer(a.jwt), shape: 'errorBody' as const },
    { method: 'PUT', path: '/api/v2/webchat/settings', auth: bearer(world.adminToken), shape: 'errorBody' as const },
    { method: 'POST', path: `/_emulator/conversations/${a.conversationId}/agent/messages`, auth: undefined, shape: 'json' as const },
  ]);
  const size = 1_048_577 + rng.int(0, 600_000);
  const body = Buffer.from(`{"body":"${'x'.repeat(size)}"}`);
  const headers = withAuth(JSON_HEADERS, target.auth);
  const mode = rng.int(0, 2);
  if (mode === 2) {
    // Declares more than the limit and sends little: the server must not wait for bytes it will refuse.
    return { family: 'oversize', note: 'Content-Length over the limit, short body', method: target.method, path: target.path, headers: { ...headers, 'Content-Length': String(size + 10) }, body: Buffer.from('{"body":"'), expect: { kind: 'error', status: [413], shape: target.shape } };
  }
  return { family: 'oversize', note: `${size} bytes${mode === 1 ? ', chunked' : ''}`, method: target.method, path: target.path, headers, body, chunked: mode === 1, expect: { kind: 'error', status: [413], shape: target.shape } };
};

const oddPath: Family = (rng, world) => {
  const a = world.attacker;
  const v = rng.pick(world.victims);
  const seg = () => rng.string(rng.int(1, 30), 'abcdefghijklmnopqrstuvwxyz0123456789-_.~!$&\'()*+,;=:@%');
  const path = rng.pick([
    `/api/v2/${seg()}`,
    `/api/v2/${seg()}/${seg()}/${seg()}`,
    `${G}/${a.conversationId}/${seg()}`,
    `${G}/${a.conversationId}/members/${a.memberId}/${seg()}`,
    `${G}/${v.conversationId}/messages/${rng.pick(v.messageIds)}/${seg()}`,
    `${G}//members`,
    `${G}/%/members`,
    `${G}/%E0%A4%A/members`,
    `${G}/%C3%28/messages`,
    `${G}/%00/messages`,
    `${G}/%ZZ`,
    `${G}/${'a'.repeat(rng.int(1000, 6000))}/members`,
    `${G}/../../../../etc/passwd`,
    `${G}/${a.conversationId}/members/%2e%2e/%2e%2e/messages`,
    '/api/v2/webchat/deployments/%ZZ',
    '/API/V2/webchat/guest/conversations',
    `/api/v2/webchat/guest/conversation/${a.conversationId}/members`,
    '/api/',
    '/api/v2',
  ]);
  const auth = rng.pick([undefined, bearer(a.jwt), bearer(world.adminToken), 'Bearer nope']);
  return { family: 'odd-path', note: path.slice(0, 120), method: rng.pick(['GET', 'GET', 'DELETE', 'PATCH']), path, headers: withAuth(JSON_HEADERS, auth), expect: API_ERROR };
};

/**
 * Raw bytes that are not ASCII in the request target. Node's HTTP parser refuses these before any route runs,
 * so only a `clientError` handler can give them the ErrorBody every 4xx under /api/ owes.
 */
const rawBytesInPath: Family = (rng, world) => {
  const a = world.attacker;
  const path = rng.pick([`/api/v2/\u00ff\u00fe/${rng.string(8, 'abc')}`, `${G}/${a.conversationId}\u00e9/members`, `${G}/${a.conversationId}/messages?after=\u00ff`]);
  return { family: 'raw-bytes', note: 'non-ASCII bytes in the request target', method: 'GET', path, headers: withAuth(JSON_HEADERS, bearer(a.jwt)), expect: { kind: 'error', status: [400], shape: 'errorBody' } };
};

const ODD_METHODS = ['PUT', 'PATCH', 'DELETE', 'POST', 'GET', 'TRACE', 'PROPFIND', 'MKCOL', 'LOCK', 'UNLOCK', 'PURGE', 'SEARCH', 'COPY', 'MOVE', 'REPORT', 'LINK', 'UNLINK', 'NOTIFY', 'SUBSCRIBE', 'M-SEARCH', 'HEAD'];

const oddMethod: Family = (rng, world) => {
  const a = world.attacker;
  const routes: { path: string; allowed: string[]; auth: string | undefined; shape: Expectation['shape'] }[] = [
    { path: G, allowed: ['POST'], auth: undefined, shape: 'errorBody' },
    { path: `${G}/${a.conversationId}/members`, allowed: ['GET'], auth: bearer(a.jwt), shape: 'errorBody' },
    { path: `${G}/${a.conversationId}/members/${a.memberId}`, allowed: ['GET', 'DELETE'], auth: bearer(a.jwt), shape: 'errorBody' },
    { path: `${G}/${a.conversationId}/members/${a.memberId}/messages`, allowed: ['POST'], auth: bearer(a.jwt), shape: 'errorBody' },
    { path: `${G}/${a.conversationId}/members/${a.memberId}/typing`, allowed: ['POST'], auth: bearer(a.jwt), shape: 'errorBody' },
    { path: `${G}/${a.conversationId}/messages`, allowed: ['GET'], auth: bearer(a.jwt), shape: 'errorBody' },
    { path: `${G}/${a.conversationId}/mediarequests`, allowed: ['GET'], auth: bearer(a.jwt), shape: 'errorBody' },
    { path: `${G}/${a.conversationId}/mediarequests/${a.mediaRequestId}`, allowed: ['GET', 'PATCH'], auth: bearer(a.jwt), shape: 'errorBody' },
    { path: '/api/v2/webchat/deployments', allowed: ['GET', 'POST'], auth: bearer(world.adminToken), shape: 'errorBody' },
    { path: '/api/v2/webchat/settings', allowed: ['GET', 'PUT', 'DELETE'], auth: bearer(world.adminToken), shape: 'errorBody' },
    { path: '/api/v2/signeddata', allowed: ['POST'], auth: bearer(world.adminToken), shape: 'errorBody' },
    { path: '/oauth/token', allowed: ['POST'], auth: undefined, shape: 'oauth' },
  ];
  const route = rng.pick(routes);
  // HEAD is only odd where GET is not allowed (a server may answer HEAD wherever it answers GET).
  const method = rng.pick(ODD_METHODS.filter((m) => !route.allowed.includes(m) && !(m === 'HEAD' && route.allowed.includes('GET'))));
  return { family: 'odd-method', note: `${method} ${route.path.replace(/[0-9a-f-]{36}/g, '{id}')}`, method, path: route.path, headers: withAuth(JSON_HEADERS, route.auth), expect: { kind: 'error', status: [401, 404, 405], shape: method === 'HEAD' ? 'none' : route.shape } };
};

const admin: Family = (rng, world) => {
  const dep = `/api/v2/webchat/deployments/${DEFAULT_IDS.deploymentId}`;
  const good = JSON.stringify({ name: 'Fuzzed', allowedDomains: ['evil.example'], disabled: true });
  const pick = rng.int(0, 3);
  if (pick === 0) {
    // Bad credentials on every admin call, including the ones that would change the world.
    const ep = rng.pick<Endpoint>([
      { method: 'GET', path: '/api/v2/webchat/deployments' },
      { method: 'POST', path: '/api/v2/webchat/deployments', body: good },
      { method: 'GET', path: dep },
      { method: 'PUT', path: dep, body: good },
      { method: 'DELETE', path: dep },
      { method: 'GET', path: '/api/v2/webchat/settings' },
      { method: 'PUT', path: '/api/v2/webchat/settings', body: JSON.stringify({ requireDeployment: true }) },
      { method: 'DELETE', path: '/api/v2/webchat/settings' },
      { method: 'POST', path: '/api/v2/signeddata', body: JSON.stringify({ authorized: true }) },
    ]);
    const auth = rng.chance(0.3) ? bearer(world.attacker.jwt) : badAuthorization(rng, { ...world, adminToken: world.attacker.jwt }, world.adminToken);
    return { family: 'admin-auth', note: `${ep.method} ${ep.path} with bad credentials`, method: ep.method, path: ep.path, headers: withAuth(JSON_HEADERS, auth), body: ep.body, expect: UNAUTHORIZED };
  }
  const auth = bearer(world.adminToken);
  if (pick === 1) {
    const id = rng.pick([rng.uuid(), 'nope', rng.string(12, 'abcdef0123456789')]);
    const ep = rng.pick<Endpoint>([
      { method: 'GET', path: `/api/v2/webchat/deployments/${id}` },
      { method: 'PUT', path: `/api/v2/webchat/deployments/${id}`, body: good },
      { method: 'DELETE', path: `/api/v2/webchat/deployments/${id}` },
    ]);
    return { family: 'admin-unknown', note: `${ep.method} unknown deployment`, method: ep.method, path: ep.path, headers: withAuth(JSON_HEADERS, auth), body: ep.body, expect: { kind: 'error', status: [404], shape: 'errorBody' } };
  }
  if (pick === 2) {
    const target = rng.pick([
      { method: 'POST', path: '/api/v2/webchat/deployments' },
      { method: 'PUT', path: dep },
    ]);
    const body = rng.pick<Json>([
      { name: {} },
      { name: 'x', allowedDomains: 'evil.example' },
      { name: 'x', allowedDomains: [{}] },
      { name: 'x', disabled: {} },
      { name: 'x', authenticationRequired: [] },
      { name: 'x', webChatConfig: 'basic' },
      { name: 'x', webChatConfig: { webChatSkin: 'fancy' } },
      { name: 'x', flow: 'inbound' },
      [],
      'deployment',
    ]);
    const text = rng.chance(0.3) ? malformed(rng, good).toString('latin1') : JSON.stringify(body);
    return bodyRequest(rng, 'admin-body', target.method, target.path, auth, { body: text, note: `bad deployment body ${text.slice(0, 60)}` }, { kind: 'error', status: [400], shape: 'errorBody' });
  }
  const target = rng.pick([
    { method: 'PUT', path: '/api/v2/webchat/settings', bodies: ['{"requireDeployment":{}}', '{"requireDeployment":[]}', '[]', '"x"'] },
    { method: 'POST', path: '/api/v2/signeddata', bodies: ['[]', '"x"', '5', 'null', 'true', '[{"a":1}]'] },
  ]);
  const text = rng.chance(0.3) ? malformed(rng, '{"requireDeployment":false}').toString('latin1') : rng.pick(target.bodies);
  return bodyRequest(rng, 'admin-body', target.method, target.path, auth, { body: text, note: `bad body ${text.slice(0, 60)}` }, { kind: 'error', status: [400], shape: 'errorBody' });
};

const oauth: Family = (rng) => {
  const basic = (id: string, secret: string) => `Basic ${Buffer.from(`${id}:${secret}`).toString('base64')}`;
  const good = basic(DEFAULT_IDS.oauthClientId, DEFAULT_IDS.oauthSecret);
  const form = { 'Content-Type': 'application/x-www-form-urlencoded', Accept: 'application/json' };
  const cases: BadRequest[] = [
    { family: 'oauth', note: 'no client credentials', method: 'POST', path: '/oauth/token', headers: form, body: 'grant_type=client_credentials', expect: { kind: 'error', shape: 'oauth' } },
    { family: 'oauth', note: 'wrong secret', method: 'POST', path: '/oauth/token', headers: { ...form, Authorization: basic(DEFAULT_IDS.oauthClientId, rng.string(10)) }, body: 'grant_type=client_credentials', expect: { kind: 'error', status: [400, 401], shape: 'oauth' } },
    { family: 'oauth', note: 'unknown client', method: 'POST', path: '/oauth/token', headers: { ...form, Authorization: basic(rng.uuid(), DEFAULT_IDS.oauthSecret) }, body: 'grant_type=client_credentials', expect: { kind: 'error', status: [400, 401], shape: 'oauth' } },
    { family: 'oauth', note: 'Basic not base64', method: 'POST', path: '/oauth/token', headers: { ...form, Authorization: `Basic ${rng.pick(['%%%', '', 'bm9jb2xvbg==', '====='])}` }, body: 'grant_type=client_credentials', expect: { kind: 'error', status: [400, 401], shape: 'oauth' } },
    { family: 'oauth', note: 'unsupported grant', method: 'POST', path: '/oauth/token', headers: { ...form, Authorization: good }, body: rng.pick(['grant_type=password&username=a&password=b', 'grant_type=', '', 'grant_type=authorization_code&code=x', '%%%&&&==', `grant_type=${'x'.repeat(5000)}`]), expect: { kind: 'error', status: [400], shape: 'oauth' } },
    // OAuth fixes form encoding; whether a JSON body is also read is the emulator's choice.
    { family: 'oauth', note: 'JSON body', method: 'POST', path: '/oauth/token', headers: { ...JSON_HEADERS, Authorization: good }, body: '{"grant_type":"password"}', expect: { kind: 'error', status: [400, 415], shape: 'oauth' } },
  ];
  return rng.pick(cases);
};

const control: Family = (rng, world) => {
  const v = rng.pick(world.victims);
  const a = world.attacker;
  const unknown = rng.pick([rng.uuid(), 'nope', '%E0%A4%A', rng.string(8, 'abcdef')]);
  const json: Expectation = { kind: 'error', status: [404], shape: 'json' };
  const badInput: Expectation = { kind: 'error', status: [400], shape: 'json' };
  const cases: BadRequest[] = [
    { family: 'control', note: 'unknown conversation', method: 'GET', path: `/_emulator/conversations/${unknown}`, headers: JSON_HEADERS, expect: json },
    { family: 'control', note: 'join unknown conversation', method: 'POST', path: `/_emulator/conversations/${unknown}/agent`, headers: JSON_HEADERS, body: '{}', expect: json },
    { family: 'control', note: 'speak in unknown conversation', method: 'POST', path: `/_emulator/conversations/${unknown}/agent/messages`, headers: JSON_HEADERS, body: '{"body":"x"}', expect: json },
    { family: 'control', note: 'type in unknown conversation', method: 'POST', path: `/_emulator/conversations/${unknown}/agent/typing`, headers: JSON_HEADERS, expect: json },
    { family: 'control', note: 'leave unknown conversation', method: 'DELETE', path: `/_emulator/conversations/${unknown}/agent`, headers: JSON_HEADERS, expect: json },
    { family: 'control', note: 'media request in unknown conversation', method: 'POST', path: `/_emulator/conversations/${unknown}/mediarequests`, headers: JSON_HEADERS, body: '{"types":["COBROWSE"]}', expect: json },
    { family: 'control', note: 'disconnect unknown conversation', method: 'POST', path: `/_emulator/conversations/${unknown}/disconnect`, headers: JSON_HEADERS, expect: json },
    { family: 'control', note: 'malformed agent message to a victim', method: 'POST', path: `/_emulator/conversations/${v.conversationId}/agent/messages`, headers: JSON_HEADERS, body: malformed(rng, '{"body":"x"}'), expect: badInput },
    { family: 'control', note: 'agent message without body to a victim', method: 'POST', path: `/_emulator/conversations/${v.conversationId}/agent/messages`, headers: JSON_HEADERS, body: rng.pick(['{}', '{"bodyType":"notice"}', '{"body":null}']), expect: badInput },
    { family: 'control', note: 'malformed agent join on a victim', method: 'POST', path: `/_emulator/conversations/${v.conversationId}/agent`, headers: JSON_HEADERS, body: malformed(rng, '{"displayName":"X"}'), expect: badInput },
    { family: 'control', note: 'malformed media request on a victim', method: 'POST', path: `/_emulator/conversations/${v.conversationId}/mediarequests`, headers: JSON_HEADERS, body: rng.chance(0.5) ? malformed(rng, '{"types":["COBROWSE"]}') : '{}', expect: badInput },
    { family: 'control', note: 'malformed faults', method: 'POST', path: '/_emulator/faults', headers: JSON_HEADERS, body: malformed(rng, '{"latencyMs":1}'), expect: badInput },
    // The control API's rules for wrong types are not written down: aimed at the attacker, "no 5xx" is what counts.
    { family: 'control', note: 'wrong-typed agent message', method: 'POST', path: `/_emulator/conversations/${a.conversationId}/agent/messages`, headers: JSON_HEADERS, body: JSON.stringify({ body: rng.pick<Json>([{}, [], ['x']]), bodyType: rng.pick<Json>(['html', {}, 'standard']) }), expect: { kind: 'no-5xx', shape: 'json' } },
    { family: 'control', note: 'wrong-typed media request', method: 'POST', path: `/_emulator/conversations/${a.conversationId}/mediarequests`, headers: JSON_HEADERS, body: JSON.stringify({ types: rng.pick<Json>(['COBROWSE', {}, ['FAX'], [{}]]) }), expect: { kind: 'no-5xx', shape: 'json' } },
    { family: 'control', note: 'wrong-typed agent join', method: 'POST', path: `/_emulator/conversations/${a.conversationId}/agent`, headers: JSON_HEADERS, body: JSON.stringify({ displayName: rng.pick<Json>([{}, [], 5]), avatarImageUrl: rng.pick<Json>([{}, 'javascript:alert(1)']) }), expect: { kind: 'no-5xx', shape: 'json' } },
    { family: 'control', note: 'unknown control path', method: rng.pick(['GET', 'POST']), path: rng.pick(['/_emulator/nope', `/_emulator/conversations/${v.conversationId}/nope`, `/_emulator/conversations/${v.conversationId}/agent/nope`, '/_emulator/', '/_emulator/conversations/']), headers: JSON_HEADERS, expect: { kind: 'error', status: [404, 405], shape: 'json' } },
    // A wrong method must do nothing: GET reset must not reset, GET disconnect must not end a chat.
    {
      family: 'control',
      note: 'wrong method on a control path',
      ...rng.pick([
        { method: 'GET', path: '/_emulator/reset' },
        { method: 'PUT', path: '/_emulator/health' },
        { method: 'DELETE', path: '/_emulator/conversations' },
        { method: 'GET', path: `/_emulator/conversations/${v.conversationId}/disconnect` },
        { method: 'PUT', path: `/_emulator/conversations/${v.conversationId}/agent` },
        { method: 'GET', path: `/_emulator/conversations/${v.conversationId}/agent/messages` },
        { method: 'PATCH', path: '/_emulator/faults' },
        { method: 'DELETE', path: `/_emulator/conversations/${v.conversationId}` },
      ]),
      headers: JSON_HEADERS,
      expect: { kind: 'error', status: [404, 405], shape: 'json' },
    },
  ];
  return rng.pick(cases);
};

const outside: Family = (rng, world) => {
  const v = rng.pick(world.victims);
  const path = rng.pick([
    '/nope',
    `/${rng.string(rng.int(1, 40), 'abcdefghijklmnopqrstuvwxyz0123456789-_.~%')}`,
    '/agent/../../package.json',
    '/agent/%2e%2e/%2e%2e/package.json',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/agent/..%2f..%2fpackage.json',
    '/../../../../etc/passwd',
    '/chat/jwt/garbage',
    `/chat/jwt/${v.jwt}`,
    '/chat/jwt/',
    `/agent?${rng.string(20, 'abc=&%')}`,
  ]);
  return { family: 'outside-api', note: path.slice(0, 80), method: 'GET', path, headers: {}, expect: { kind: 'no-5xx', shape: 'none', mustNotContain: ['"devDependencies"', 'root:x:0:0'] } };
};

const FAMILIES: readonly (readonly [Family, number])[] = [
  [authOnVictim, 15],
  [crossConversation, 6],
  [wrongMemberWrite, 5],
  [unknownIds, 7],
  [badQuery, 8],
  [badMessage, 10],
  [badPatch, 5],
  [badCreate, 14],
  [wrongContentType, 4],
  [oversize, 1],
  [oddPath, 6],
  [rawBytesInPath, 0.5],
  [oddMethod, 5],
  [admin, 7],
  [oauth, 2],
  [control, 7],
  [outside, 2],
];

export function generateBadRequest(rng: Rng, world: FuzzWorld): BadRequest {
  const total = FAMILIES.reduce((s, [, w]) => s + w, 0);
  let roll = rng.next() * total;
  for (const [family, weight] of FAMILIES) {
    roll -= weight;
    if (roll < 0) return family(rng, world);
  }
  return authOnVictim(rng, world);
}
