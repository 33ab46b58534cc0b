// Event-to-screen figures for one page (Parley's or the floor's): single-message latency, bursts, and the JS
// heap after N messages. Agent messages go through the control API from Node; articles are timed in the page.

import type { Browser, BrowserContext, CDPSession, Page } from '@playwright/test';
import { instrumentPage } from './instrument';
import { pool, summary } from './stats';

export const DEFAULT_WORLD = {
  organizationId: 'c0ffee00-0000-4000-8000-000000000001',
  deploymentId: 'c0ffee00-0000-4000-8000-000000000002',
  queue: 'Support',
} as const;

export type SubjectName = 'parley' | 'floor';

export interface Counts {
  warmup: number;
  singles: number;
  bursts: number[];
  /** Messages on the page when the heap is read (the first one is reached by the last burst). */
  heapAt: number[];
  /** Concurrent control POSTs in a burst. */
  burstConcurrency: number;
}

export interface HeapReading {
  messages: number;
  usedBytes: number;
  totalBytes: number;
  domNodes: number;
}

export interface SubjectResult {
  latency: ReturnType<typeof summary> & { samples: number[] };
  bursts: { messages: number; totalMs: number; lagAfterLastPostMs: number; postsMs: number }[];
  heap: HeapReading[];
  clockSyncErrorMs: number;
}

/** Milliseconds on the shared time line: Node and Chromium both count from the epoch with sub-ms resolution. */
export const nodeNow = () => performance.timeOrigin + performance.now();

interface Session {
  page: Page;
  context: BrowserContext;
  cdp: CDPSession;
  conversationId: string;
  /** page time − Node time, measured; subtract it from page timestamps. */
  offset: number;
  syncErrorMs: number;
}

/**
 * The page clock against Node's: the page's reading is taken between two Node readings, so it lies within
 * half the round trip of their midpoint. The tightest of 25 round trips bounds the error (reported).
 */
async function clockOffset(page: Page): Promise<{ offset: number; errorMs: number }> {
  let best = { rtt: Number.POSITIVE_INFINITY, offset: 0 };
  for (let i = 0; i < 25; i++) {
    const n0 = nodeNow();
    const p = await page.evaluate(() => performance.timeOrigin + performance.now());
    const n1 = nodeNow();
    if (n1 - n0 < best.rtt) best = { rtt: n1 - n0, offset: p - (n0 + n1) / 2 };
  }
  return { offset: best.offset, errorMs: best.rtt / 2 };
}

async function control(emulatorUrl: string, path: string, body?: unknown): Promise<unknown> {
  const res = await fetch(`${emulatorUrl}/_emulator${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (!res.ok) throw new Error(`control POST ${path} → ${res.status} ${text}`);
  return text ? (JSON.parse(text) as unknown) : undefined;
}

const agentSays = (emulatorUrl: string, conversationId: string, body: string) =>
  control(emulatorUrl, `/conversations/${conversationId}/agent/messages`, { body });

interface ParleyGlobal {
  start(guest?: Record<string, string>): Promise<void>;
}

async function conversations(emulatorUrl: string): Promise<{ id: string }[]> {
  const res = await fetch(`${emulatorUrl}/_emulator/conversations`);
  if (!res.ok) throw new Error(`control GET /conversations → ${res.status}`);
  return (await res.json()) as { id: string }[];
}

async function newConversation(emulatorUrl: string, known: Set<string>, timeoutMs = 15_000): Promise<string> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const fresh = (await conversations(emulatorUrl)).find((c) => !known.has(c.id));
    if (fresh) return fresh.id;
    if (Date.now() > until) throw new Error('the widget created no conversation');
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function openSubject(browser: Browser, name: SubjectName, siteOrigin: string, emulatorUrl: string): Promise<Session> {
  const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
  const page = await context.newPage();
  // tsx (esbuild, keepNames) wraps named inner functions in `__name(...)`; functions Playwright serialises into
  // the page carry that call, so the page needs the helper.
  await page.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((f) => f);' });
  await page.addInitScript(instrumentPage);
  let conversationId: string;
  if (name === 'parley') {
    // The conversation is found through the emulator (the one that was not there before): with the form off and
    // the window open, the widget may start the chat itself before a `started` listener could be added.
    const known = new Set((await conversations(emulatorUrl)).map((c) => c.id));
    await page.goto(`${siteOrigin}/bench/parley.html`);
    // Polled by the page itself, not by page.waitForFunction: that one injects Playwright's ~330 KB InjectedScript
    // into the page, whose source and code then count in this page's heap and not in the floor's.
    await page.evaluate(
      () =>
        new Promise<void>((resolve) => {
          const ready = () => 'Parley' in window && [...document.body.children].some((e) => e.shadowRoot);
          const check = () => (ready() ? resolve() : setTimeout(check, 20));
          check();
        }),
    );
    await page.evaluate(async () => {
      const host = [...document.body.children].find((e) => e.shadowRoot);
      if (!host?.shadowRoot) throw new Error('no shadow root');
      window.__bench.observe(host.shadowRoot);
      await (window as unknown as { Parley: ParleyGlobal }).Parley.start({ firstName: 'Bench' });
    });
    conversationId = await newConversation(emulatorUrl, known);
  } else {
    const q = new URLSearchParams({ api: emulatorUrl, org: DEFAULT_WORLD.organizationId, dep: DEFAULT_WORLD.deploymentId, queue: DEFAULT_WORLD.queue });
    await page.goto(`${siteOrigin}/bench/floor.html?${q}`);
    conversationId = await page.evaluate(async () => {
      const log = document.getElementById('log');
      if (!log) throw new Error('no log');
      window.__bench.observe(log);
      return (window as unknown as { __floor: Promise<string> }).__floor;
    });
  }
  await control(emulatorUrl, `/conversations/${conversationId}/agent`, { displayName: 'Bench Agent' });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  const { offset, errorMs } = await clockOffset(page);
  return { page, context, cdp, conversationId, offset, syncErrorMs: errorMs };
}

async function readHeap(s: Session, messages: number): Promise<HeapReading> {
  // Twice: the first collection may only finalize what the second frees.
  await s.cdp.send('HeapProfiler.collectGarbage');
  await s.cdp.send('HeapProfiler.collectGarbage');
  const usage = await s.cdp.send('Runtime.getHeapUsage');
  const { metrics } = await s.cdp.send('Performance.getMetrics');
  const metric = (n: string) => metrics.find((m) => m.name === n)?.value ?? Number.NaN;
  return { messages, usedBytes: usage.usedSize, totalBytes: usage.totalSize, domNodes: metric('Nodes') };
}

const TEXT = 'Thanks for waiting! I have your order in front of me now.';

async function settle(page: Page) {
  await page.evaluate(() => new Promise<void>((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));
}

async function warmUp(s: Session, emulatorUrl: string, n: number) {
  for (let i = 0; i < n; i++) {
    const key = `bench:w:${i}`;
    await agentSays(emulatorUrl, s.conversationId, `${key} ${TEXT}`);
    await s.page.evaluate((k) => window.__bench.when(k, 30_000), key);
  }
  await settle(s.page);
}

/** Sends `n` messages of `label` with `concurrency` POSTs in flight; times from the first POST to the n-th article. */
async function burst(s: Session, emulatorUrl: string, label: string, n: number, concurrency: number, timeoutMs: number) {
  const done = s.page.evaluate(({ l, c, t }) => window.__bench.count(l, c, t), { l: label, c: n, t: timeoutMs });
  // Awaited below; until then a failure (page gone) must not surface as an unhandled rejection.
  done.catch(() => undefined);
  const t0 = nodeNow();
  let lastPost = t0;
  await pool(
    Array.from({ length: n }, (_, i) => i),
    concurrency,
    async (i) => {
      await agentSays(emulatorUrl, s.conversationId, `bench:${label}:${i} ${TEXT}`);
      lastPost = Math.max(lastPost, nodeNow());
    },
  );
  const tPage = await done;
  const tLast = tPage - s.offset;
  return { totalMs: tLast - t0, lagAfterLastPostMs: tLast - lastPost, postsMs: lastPost - t0 };
}

/** Runs each phase for Parley and then the floor before moving on, so both see the same machine moments. */
export async function benchPages(browser: Browser, siteOrigin: string, emulatorUrl: string, counts: Counts, log: (line: string) => void): Promise<Record<SubjectName, SubjectResult>> {
  const subjects: SubjectName[] = ['parley', 'floor'];
  const results: Record<SubjectName, SubjectResult> = {
    parley: { latency: { ...summary([0]), samples: [] }, bursts: [], heap: [], clockSyncErrorMs: 0 },
    floor: { latency: { ...summary([0]), samples: [] }, bursts: [], heap: [], clockSyncErrorMs: 0 },
  };
  const withSession = async (subject: SubjectName, fn: (s: Session) => Promise<void>) => {
    const s = await openSubject(browser, subject, siteOrigin, emulatorUrl);
    try {
      results[subject].clockSyncErrorMs = Math.max(results[subject].clockSyncErrorMs, s.syncErrorMs);
      await fn(s);
    } finally {
      await s.context.close();
    }
  };

  for (const subject of subjects) {
    await withSession(subject, async (s) => {
      await warmUp(s, emulatorUrl, counts.warmup);
      const samples: number[] = [];
      for (let i = 0; i < counts.singles; i++) {
        const key = `bench:s:${i}`;
        const t0 = nodeNow();
        await agentSays(emulatorUrl, s.conversationId, `${key} ${TEXT}`);
        const tPage = await s.page.evaluate((k) => window.__bench.when(k, 30_000), key);
        samples.push(tPage - s.offset - t0);
        // Let the page finish the frame (scrolling, layout) so each message meets an idle page.
        await settle(s.page);
      }
      results[subject].latency = { ...summary(samples), samples: samples.map((v) => Math.round(v * 100) / 100) };
      log(`  ${subject.padEnd(6)} latency: median ${results[subject].latency.median} ms, p95 ${results[subject].latency.p95} ms (${samples.length} messages)`);
    });
  }

  const lastBurst = counts.bursts[counts.bursts.length - 1];
  for (const n of counts.bursts) {
    for (const subject of subjects) {
      await withSession(subject, async (s) => {
        // The page of the last burst also carries the heap readings, starting from an empty chat.
        if (n === lastBurst) results[subject].heap.push(await readHeap(s, 0));
        await warmUp(s, emulatorUrl, counts.warmup);
        const r = await burst(s, emulatorUrl, `b${n}`, n, counts.burstConcurrency, 180_000);
        results[subject].bursts.push({ messages: n, ...r });
        log(`  ${subject.padEnd(6)} burst ${n}: ${Math.round(r.totalMs)} ms (posts ${Math.round(r.postsMs)} ms, lag ${Math.round(r.lagAfterLastPostMs)} ms)`);
        if (n !== lastBurst) return;
        // The heap readings continue on the page of the last burst: its messages are the first reading's.
        let onPage = n;
        for (const target of counts.heapAt) {
          if (target > onPage) {
            // Not timed: more POSTs in flight only make the wait shorter.
            await burst(s, emulatorUrl, `h${target}`, target - onPage, counts.burstConcurrency * 4, 300_000);
            onPage = target;
          }
          await settle(s.page);
          const h = await readHeap(s, target);
          results[subject].heap.push(h);
          log(`  ${subject.padEnd(6)} heap at ${target}: ${(h.usedBytes / 1e6).toFixed(2)} MB used, ${h.domNodes} DOM nodes`);
        }
      });
    }
  }
  return results;
}
