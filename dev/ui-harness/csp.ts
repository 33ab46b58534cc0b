// Checks the UI under a strict Content-Security-Policy (widget-contract.md §1): builds the harness, serves it
// with the contract's policy, walks through the states and fails on any `securitypolicyviolation`.
// `npx tsx dev/ui-harness/csp.ts`

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { build } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const outDir = '/tmp/parley-ui-csp';
await build({ root: here, configFile: join(here, 'vite.config.ts'), logLevel: 'silent', build: { outDir, emptyOutDir: true, modulePreload: false } });

const POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'";
const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.css': 'text/css' };
const server = createServer(async (req, res) => {
  const path = new URL(req.url ?? '/', 'http://x').pathname;
  try {
    const body = await readFile(join(outDir, path === '/' ? 'index.html' : path));
    res.writeHead(200, { 'content-type': types[extname(path) || '.html'] ?? 'application/octet-stream', 'content-security-policy': POLICY });
    res.end(body);
  } catch {
    res.writeHead(404).end();
  }
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const address = server.address();
const base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
let violations = 0;
try {
  for (const state of ['prechat-errors', 'chat', 'failed', 'media', 'participants', 'ended', 'many']) {
    const page = await browser.newPage();
    const seen: string[] = [];
    await page.exposeFunction('reportViolation', (v: string) => seen.push(v));
    await page.addInitScript(`document.addEventListener('securitypolicyviolation', (e) => window.reportViolation(e.violatedDirective + ' ' + e.blockedURI + ' ' + (e.sample || '')))`);
    await page.goto(`${base}?state=${state}&n=200`);
    await page.waitForFunction(() => document.querySelector('#parley-host')?.shadowRoot?.querySelector('.launch'));
    const box = page.locator('#parley-host textarea');
    // Not under a media prompt or the participants panel (inert) and not disabled.
    if (await box.evaluate((el: HTMLTextAreaElement) => !el.disabled && !el.closest('[inert]')).catch(() => false)) {
      await box.fill('line one\nline two\nline three\nline four\nline five\nline six');
      await box.press('Enter');
    }
    if (process.env.SELFTEST) await page.evaluate(() => { const d = document.createElement('div'); d.setAttribute('style', 'color:red'); document.body.append(d); });
    await page.waitForTimeout(200);
    const fontFamily = await page.evaluate(() => getComputedStyle(document.querySelector('#parley-host')!.shadowRoot!.querySelector('.r')!).fontFamily);
    console.log(`${state.padEnd(16)} violations: ${seen.length}  font: ${fontFamily}`);
    for (const v of seen) console.log(`   ${v}`);
    violations += seen.length;
    await page.close();
  }
} finally {
  await browser.close();
  server.close();
}
process.exit(violations ? 1 : 0);
