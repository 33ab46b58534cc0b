// The emulator against thousands of generated bad requests and socket frames (seeded: FUZZ_SEED=n replays a run).
// It checks the robustness promises of emulator-control.md: 4xx ErrorBody, never 5xx, nothing stored disturbed.

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decodeFrame } from '../../src/protocol/decode';
import { createEmulator } from '../../emulator/index';
import { probe, type ProbeResult } from './http-probe';
import { createRng, fuzzSeed } from './prng';
import { generateBadRequest, type BadRequest } from './bad-requests';
import { probeBadUpgrades, sendBadFrames, SPOOF_MARKER } from './bad-frames';
import { buildWorld, json, snapshot, type FuzzWorld } from './fuzz-world';

const REQUESTS = Number(process.env.FUZZ_REQUESTS ?? 3000);
const seed = fuzzSeed();

/** Why an answer breaks the request's expectation, or undefined when it meets it. */
function judge(req: BadRequest, res: ProbeResult): string | undefined {
  if (!res.ok) return res.error;
  const { status } = res;
  if (status >= 500) return `answered ${status}: ${res.body.slice(0, 200)}`;
  if (req.expect.mustNotContain?.some((t) => res.body.includes(t))) return `answer leaks forbidden content (status ${status})`;
  if (status < 400) return req.expect.kind === 'error' ? `accepted with ${status}: ${res.body.slice(0, 200)}` : undefined;
  if (req.expect.status && !req.expect.status.includes(status)) return `answered ${status}, expected one of ${req.expect.status.join('/')}: ${res.body.slice(0, 200)}`;
  if (req.expect.shape === 'none') return undefined;
  const contentType = String(res.headers['content-type'] ?? '');
  if (!/^application\/json/i.test(contentType)) return `${status} with Content-Type "${contentType}"`;
  let body: unknown;
  try {
    body = JSON.parse(res.body);
  } catch {
    return `${status} with a body that is not JSON: ${res.body.slice(0, 120)}`;
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return `${status} with a JSON body that is not an object`;
  const b = body as Record<string, unknown>;
  const isErrorBody = typeof b.code === 'string' && b.code !== '' && typeof b.message === 'string' && b.status === status;
  if (req.expect.shape === 'errorBody') {
    if (!isErrorBody) return `${status} body is not an ErrorBody with status ${status}: ${res.body.slice(0, 200)}`;
    const correlation = res.headers['inin-correlation-id'];
    if (b.contextId !== undefined && correlation !== undefined && b.contextId !== correlation) return `contextId ${String(b.contextId)} differs from ININ-Correlation-Id ${String(correlation)}`;
  }
  if (req.expect.shape === 'oauth' && !isErrorBody && typeof b.error !== 'string') return `${status} body is neither an OAuth error nor an ErrorBody: ${res.body.slice(0, 200)}`;
  return undefined;
}

describe(`the emulator under generated abuse (FUZZ_SEED=${seed})`, () => {
  let emulator: { url: string; close(): Promise<void> };
  let foreign: { url: string; close(): Promise<void> };
  let world: FuzzWorld;
  const before = new Map<string, unknown>();

  beforeAll(async () => {
    emulator = await createEmulator({ port: 0, agent: 'manual' });
    foreign = await createEmulator({ port: 0, agent: 'manual' });
    world = await buildWorld(emulator.url, foreign.url);
    for (const v of world.victims) before.set(v.conversationId, await snapshot(world.origin, v.conversationId));
  }, 60_000);

  afterAll(async () => {
    for (const v of world?.victims ?? []) v.observer.socket.terminate();
    await emulator?.close();
    await foreign?.close();
  });

  // About 15 s on an idle 2-core machine; the limit leaves room for a busy one.
  it(`answers ${REQUESTS} generated bad requests with a 4xx ErrorBody, never a 5xx, never silence`, { timeout: 90_000 }, async () => {
    const rng = createRng(seed);
    const failures = new Map<string, string[]>();
    const families = new Map<string, number>();
    for (let i = 0; i < REQUESTS; i++) {
      const req = generateBadRequest(rng, world);
      families.set(req.family, (families.get(req.family) ?? 0) + 1);
      const why = judge(req, await probe(world.origin, req));
      if (why === undefined) continue;
      const kind = `${req.family}: ${req.note.replace(/\d+ bytes/, 'N bytes').replace(/, re-encoded as .*/, '')}`;
      failures.set(kind, [...(failures.get(kind) ?? []), `#${i} ${req.method} ${req.path.slice(0, 140)}: ${why}`]);
    }
    // Every family must actually have been exercised, or the mix silently shrank.
    expect(families.size).toBeGreaterThanOrEqual(16);
    // One line per kind of failure (with a count and the first case), so a broken rule reads as one finding.
    const report = [...failures].map(([kind, cases]) => `${cases.length}× ${kind} — first: ${cases[0]}`);
    const total = [...failures.values()].reduce((s, c) => s + c.length, 0);
    expect(report, `${total} of ${REQUESTS} failed; replay with FUZZ_SEED=${seed}`).toEqual([]);
  });

  it('refuses websocket upgrades with bad credentials or bad handshakes with a 4xx, never accepting them', { timeout: 60_000 }, async () => {
    expect(await probeBadUpgrades(world)).toEqual([]);
  });

  it('lets garbage on one socket close at most that socket, with 1003, 1007 or 1009', { timeout: 60_000 }, async () => {
    const rng = createRng(seed + 1);
    expect(await sendBadFrames(rng, world, 12, 40)).toEqual([]);
  });

  it('keeps every stored conversation and every quiet socket intact afterwards', async () => {
    expect(await json(world.origin, 'GET', '/_emulator/health')).toEqual({ ok: true });
    for (const v of world.victims) {
      expect(await snapshot(world.origin, v.conversationId)).toEqual(before.get(v.conversationId));
      expect(v.observer.closed).toBeUndefined();
      // Nothing a client sent reached another socket, and everything the observer got is a real frame.
      expect(v.observer.frames.filter((f) => f.includes(SPOOF_MARKER))).toEqual([]);
      expect(v.observer.frames.filter((f) => !decodeFrame(f).ok)).toEqual([]);
    }
    for (const v of world.victims) {
      const marker = `still here ${v.conversationId}`;
      await json(world.origin, 'POST', `/_emulator/conversations/${v.conversationId}/agent/messages`, { body: marker });
      await expect(v.observer.waitFor((f) => f.includes(marker))).resolves.toContain(marker);
    }
  });
});
