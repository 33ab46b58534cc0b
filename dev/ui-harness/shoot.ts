// Screenshots every harness state and runs axe on it: `npx tsx dev/ui-harness/shoot.ts [outDir]`.
// Starts its own Vite server on a free port; prints one line per state and exits 1 on any axe violation.

import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { chromium } from '@playwright/test';
import { createServer } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const out = process.argv[2] ?? '/tmp/parley-ui-shots';
mkdirSync(out, { recursive: true });

type Shot = { name: string; query: string; width?: number; height?: number; motion?: 'reduce' };
const shots: Shot[] = [
  { name: 'closed', query: 'state=closed' },
  { name: 'unread', query: 'state=unread' },
  { name: 'prechat', query: 'state=prechat' },
  { name: 'prechat-errors', query: 'state=prechat-errors' },
  { name: 'starting', query: 'state=starting' },
  { name: 'queued', query: 'state=queued' },
  { name: 'chat', query: 'state=chat' },
  { name: 'failed', query: 'state=failed' },
  { name: 'media', query: 'state=media' },
  { name: 'participants', query: 'state=participants' },
  { name: 'reconnecting', query: 'state=reconnecting' },
  { name: 'ended', query: 'state=ended' },
  { name: 'start-failed', query: 'state=start-failed' },
  { name: 'long', query: 'state=long' },
  { name: 'dark-chat', query: 'state=chat&theme=dark' },
  { name: 'dark-prechat-errors', query: 'state=prechat-errors&theme=dark' },
  { name: 'dark-media', query: 'state=media&theme=dark' },
  { name: 'dark-ended', query: 'state=ended&theme=dark' },
  { name: 'ar-chat', query: 'state=chat&locale=ar' },
  { name: 'ar-prechat', query: 'state=prechat-errors&locale=ar' },
  { name: 'ja-chat', query: 'state=chat&locale=ja' },
  { name: 'de-queued', query: 'state=queued&locale=de' },
  { name: 'mobile-chat', query: 'state=chat', width: 375, height: 720 },
  { name: 'mobile-prechat', query: 'state=prechat', width: 375, height: 720 },
  { name: 'hostile-chat', query: 'state=chat&hostile=1' },
  { name: 'left-closed', query: 'state=unread&position=left' },
];

const server = await createServer({ root: here, configFile: join(here, 'vite.config.ts'), logLevel: 'warn', server: { port: 0 } });
await server.listen();
const address = server.httpServer?.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let failures = 0;
try {
  const only = process.env.ONLY?.split(',');
  for (const shot of shots.filter((s) => !only || only.includes(s.name))) {
    const context = await browser.newContext({ viewport: { width: shot.width ?? 1024, height: shot.height ?? 760 }, reducedMotion: 'reduce' });
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
    await page.goto(`${base}?${shot.query}`);
    await page.waitForFunction(() => document.querySelector('#parley-host')?.shadowRoot?.querySelector('.launch'));
    await page.waitForTimeout(300);
    const file = join(out, `${shot.name}.png`);
    await page.screenshot({ path: file });
    const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']).analyze();
    const v = axe.violations;
    failures += v.length + errors.length;
    console.log(`${shot.name.padEnd(20)} axe violations: ${v.length}  incomplete: ${axe.incomplete.length}  ${file}`);
    for (const x of v) console.log(`   ${x.id}: ${x.help} → ${x.nodes.map((n) => n.target.join(' ')).join(' | ')}`);
    for (const x of axe.incomplete) console.log(`   (needs review) ${x.id}: ${x.nodes.length} node(s)`);
    for (const e of errors) console.log(`   page error: ${e}`);
    await context.close();
  }
} finally {
  await browser.close();
  await server.close();
}
process.exit(failures ? 1 : 0);
