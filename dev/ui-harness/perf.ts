// Times the widget with a long chat: `npx tsx dev/ui-harness/perf.ts [n]`. Mount, then one new message
// (from the signal write to the new article on screen), then a burst of 500; prints milliseconds.

import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { chromium } from '@playwright/test';
import { createServer } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const n = Number(process.argv[2] ?? 5000);
const server = await createServer({ root: here, configFile: join(here, 'vite.config.ts'), logLevel: 'warn', server: { port: 0 } });
await server.listen();
const address = server.httpServer?.address();
const port = typeof address === 'object' && address ? address.port : 0;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage({ viewport: { width: 1024, height: 760 } });
  const t0 = Date.now();
  await page.goto(`http://127.0.0.1:${port}/?state=many&n=${n}`);
  await page.waitForFunction((count) => (document.querySelector('#parley-host')?.shadowRoot?.querySelectorAll('article').length ?? 0) >= count, n);
  const mount = await page.evaluate(`performance.getEntriesByName('mount')[0].duration`);
  const layout = await page.evaluate(`(() => { const t = performance.now(); document.querySelector('#parley-host').shadowRoot.querySelector('.log').scrollHeight; return performance.now() - t; })()`);
  console.log(`mount with ${n} messages: render ${Number(mount).toFixed(0)} ms, then layout ${Number(layout).toFixed(0)} ms; page ready after ${Date.now() - t0} ms`);
  // A string, not a function: tsx would wrap named functions in helpers the page does not have.
  const timings = (await page.evaluate(`(async () => {
    const root = document.querySelector('#parley-host').shadowRoot;
    const count = () => root.querySelectorAll('article').length;
    const frame = () => new Promise((r) => requestAnimationFrame(() => setTimeout(r)));
    const one = [];
    for (let i = 0; i < 20; i++) {
      const before = count();
      const start = performance.now();
      window.chat.add({ body: 'new ' + i });
      // Preact renders in a microtask; reading scrollHeight then forces the layout, as a frame would.
      for (let k = 0; k < 5 && count() === before; k++) await null;
      root.querySelector('.log').scrollHeight;
      one.push(performance.now() - start);
      await frame();
    }
    const start = performance.now();
    for (let i = 0; i < 500; i++) window.chat.add({ body: 'burst ' + i });
    await frame();
    const burst = performance.now() - start;
    one.sort((a, b) => a - b);
    return { median: one[10], p95: one[18], burst };
  })()`)) as { median: number; p95: number; burst: number };
  console.log(`one new message (render + layout): median ${timings.median?.toFixed(1)} ms, p95 ${timings.p95?.toFixed(1)} ms; 500 in one go: ${timings.burst.toFixed(0)} ms`);
} finally {
  await browser.close();
  await server.close();
}
