// `npm run bench`: builds, then measures sizes, event-to-screen figures for Parley and for a floor page in the same
// run, and the emulator at scale; prints a table and writes bench/results.json. Targets: bench/README.md.

import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import { startStaticServer } from '../e2e/static-server';
import { launchBrowser } from './browser';
import { startEmulatorProcess } from './emulator-process';
import { benchPages, DEFAULT_WORLD, type Counts, type SubjectResult } from './page-bench';
import { benchScale, type ScaleResult } from './scale';
import { measureSizes, type Sizes } from './sizes';
import { ratio, round } from './stats';

const root = fileURLToPath(new URL('..', import.meta.url));
const quick = process.env.BENCH_QUICK === '1';
const skipBuild = process.argv.includes('--no-build');

const COUNTS: Counts = quick
  ? { warmup: 5, singles: 30, bursts: [100, 200], heapAt: [200, 400], burstConcurrency: 8 }
  : { warmup: 10, singles: 150, bursts: [500, 1000], heapAt: [1000, 5000], burstConcurrency: 8 };
const SCALE_LEVELS = quick ? [20, 100] : [100, 1000];

export const TARGETS = {
  brotliBytes: 20_000,
  p95OverFloorMs: 16,
  burstRatio: 2,
  heapRatio: 1.5,
} as const;

const log = (line: string) => console.log(line);
const n = (v: number) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '—');
const ms = (v: number) => (Number.isFinite(v) ? round(v, 1).toFixed(1) : '—');
const mb = (v: number) => (Number.isFinite(v) ? (v / 1_048_576).toFixed(2) : '—');
const row = (cells: string[], widths: number[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[0] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');

function build(): void {
  log('Building (npm run build)…');
  const r = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], shell: process.platform === 'win32' });
  if (r.status !== 0) throw new Error(`npm run build failed (exit ${r.status})`);
}

interface Target {
  name: string;
  target: string;
  measured: string;
  met: boolean;
}

function targets(script: Sizes, parley: SubjectResult, floor: SubjectResult): Target[] {
  const burst500P = parley.bursts.find((b) => b.messages === COUNTS.bursts[0]);
  const burst500F = floor.bursts.find((b) => b.messages === COUNTS.bursts[0]);
  const heapP = parley.heap.find((h) => h.messages === COUNTS.heapAt[0]);
  const heapF = floor.heap.find((h) => h.messages === COUNTS.heapAt[0]);
  const burstRatio = burst500P && burst500F ? ratio(burst500P.totalMs, burst500F.totalMs) : Number.NaN;
  const heapRatio = heapP && heapF ? ratio(heapP.usedBytes, heapF.usedBytes) : Number.NaN;
  const p95Gap = parley.latency.p95 - floor.latency.p95;
  return [
    { name: 'dist/parley.js brotli (q11)', target: `≤ ${n(TARGETS.brotliBytes)} B`, measured: `${n(script.brotli)} B`, met: script.brotli <= TARGETS.brotliBytes },
    { name: 'event-to-screen p95 vs floor', target: `≤ floor + ${TARGETS.p95OverFloorMs} ms`, measured: `${ms(parley.latency.p95)} vs ${ms(floor.latency.p95)} ms (${p95Gap >= 0 ? '+' : ''}${ms(p95Gap)} ms)`, met: p95Gap <= TARGETS.p95OverFloorMs },
    { name: `burst of ${COUNTS.bursts[0]} vs floor`, target: `≤ ${TARGETS.burstRatio}× floor`, measured: `${ms(burst500P?.totalMs ?? Number.NaN)} vs ${ms(burst500F?.totalMs ?? Number.NaN)} ms (${burstRatio}×)`, met: burstRatio <= TARGETS.burstRatio },
    { name: `JS heap at ${COUNTS.heapAt[0]} messages vs floor`, target: `≤ ${TARGETS.heapRatio}× floor`, measured: `${mb(heapP?.usedBytes ?? Number.NaN)} vs ${mb(heapF?.usedBytes ?? Number.NaN)} MB (${heapRatio}×)`, met: heapRatio <= TARGETS.heapRatio },
  ];
}

function printSizes(sizes: Awaited<ReturnType<typeof measureSizes>>) {
  const w = [44, 10, 10, 10];
  log('');
  log(row(['Size (bytes)', 'raw', 'gzip', 'brotli'], w));
  log(row(['dist/parley.js (script tag, everything inlined)', n(sizes.script.raw), n(sizes.script.gzip), n(sizes.script.brotli)], w));
  for (const e of sizes.entries) {
    log(row([`${e.entry} as published (+ its chunks)`, n(e.published.raw), n(e.published.gzip), n(e.published.brotli)], w));
    log(row([`${e.entry} minified, peers external`, n(e.minified.raw), n(e.minified.gzip), n(e.minified.brotli)], w));
  }
}

function printPages(parley: SubjectResult, floor: SubjectResult) {
  const w = [34, 10, 10, 13];
  log('');
  log(row(['Event to screen (Chromium)', 'Parley', 'Floor', 'Parley/Floor'], w));
  log(row([`latency median (ms, n=${parley.latency.n})`, ms(parley.latency.median), ms(floor.latency.median), String(ratio(parley.latency.median, floor.latency.median))], w));
  log(row(['latency p95 (ms)', ms(parley.latency.p95), ms(floor.latency.p95), String(ratio(parley.latency.p95, floor.latency.p95))], w));
  for (const b of parley.bursts) {
    const f = floor.bursts.find((x) => x.messages === b.messages);
    log(row([`burst of ${b.messages} (ms)`, ms(b.totalMs), ms(f?.totalMs ?? Number.NaN), String(ratio(b.totalMs, f?.totalMs ?? Number.NaN))], w));
    log(row(['  lag after the last POST (ms)', ms(b.lagAfterLastPostMs), ms(f?.lagAfterLastPostMs ?? Number.NaN), ''], w));
  }
  for (const h of parley.heap) {
    const f = floor.heap.find((x) => x.messages === h.messages);
    log(row([`JS heap at ${h.messages} messages (MB)`, mb(h.usedBytes), mb(f?.usedBytes ?? Number.NaN), String(ratio(h.usedBytes, f?.usedBytes ?? Number.NaN))], w));
    log(row(['  DOM nodes', n(h.domNodes), n(f?.domNodes ?? Number.NaN), String(ratio(h.domNodes, f?.domNodes ?? Number.NaN))], w));
  }
  log(`clock sync error ≤ ${ms(Math.max(parley.clockSyncErrorMs, floor.clockSyncErrorMs))} ms`);
}

function printScale(scale: ScaleResult[]) {
  const w = [16, 12, 9, 9, 15, 10, 10, 10];
  log('');
  log(row(['Emulator scale', 'median (ms)', 'p95 (ms)', 'max (ms)', 'all sent (ms)', 'RSS idle', 'RSS open', 'heap open'], w));
  for (const s of scale) {
    log(row([`${s.conversations} conversations`, ms(s.delivery.median), ms(s.delivery.p95), ms(s.delivery.max), n(s.allDeliveredMs), `${mb(s.memory.idle.rss)} MB`, `${mb(s.memory.connected.rss)} MB`, `${mb(s.memory.connected.heapUsed)} MB`], w));
  }
}

async function main(): Promise<void> {
  const started = Date.now();
  if (!skipBuild) build();
  const sizes = await measureSizes(root);
  printSizes(sizes);

  log('');
  log(`Event to screen${quick ? ' (BENCH_QUICK: reduced counts)' : ''}…`);
  const emulator = await startEmulatorProcess();
  const site = await startStaticServer({ '/': `${root}dist` });
  const attrs = {
    'organization-id': DEFAULT_WORLD.organizationId,
    'deployment-id': DEFAULT_WORLD.deploymentId,
    queue: DEFAULT_WORLD.queue,
    'api-base': emulator.url,
    'prechat-fields': '',
    open: 'true',
    persist: 'none',
  };
  const tag = `<script src="/parley.js"${Object.entries(attrs).map(([k, v]) => ` data-${k}="${v}"`).join('')}></script>`;
  site.setPage('/bench/parley.html', { body: `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Parley bench</title></head><body><main><h1>Parley</h1></main>${tag}</body></html>` });
  site.setPage('/bench/floor.html', { body: readFileSync(`${root}bench/pages/floor.html`, 'utf8') });
  const { browser, executable } = await launchBrowser();
  let pages: Record<'parley' | 'floor', SubjectResult>;
  try {
    pages = await benchPages(browser, site.origin, emulator.url, COUNTS, log);
  } finally {
    await browser.close();
    await site.close();
    await emulator.close();
  }
  printPages(pages.parley, pages.floor);

  log('');
  log('Emulator scale…');
  const scale = await benchScale(SCALE_LEVELS, log);
  printScale(scale);

  const verdicts = targets(sizes.script, pages.parley, pages.floor);
  log('');
  const w = [34, 18, 44, 8];
  log(row(['Target', 'budget', 'measured', ''], w));
  for (const t of verdicts) log(row([t.name, t.target, t.measured, t.met ? 'met' : 'NOT MET'], w));
  const seconds = Math.round((Date.now() - started) / 1000);
  log('');
  log(`Done in ${seconds} s. Figures on a shared machine are noisy: read the ratios of one run together.`);

  const results = {
    date: new Date().toISOString(),
    quick,
    durationSec: seconds,
    machine: { node: process.version, platform: `${os.platform()} ${os.release()}`, cpus: os.cpus().length, cpuModel: os.cpus()[0]?.model, loadavg: os.loadavg(), browser: `${executable} ${browser.version()}` },
    counts: { ...COUNTS, scaleLevels: SCALE_LEVELS },
    size: sizes,
    eventToScreen: pages,
    scale,
    targets: verdicts,
  };
  writeFileSync(`${root}bench/results.json`, `${JSON.stringify(results, null, 2)}\n`);
  log('Wrote bench/results.json');
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? (e.stack ?? e.message) : e);
  process.exit(1);
});
