// `npm run screenshot [-- out.png]`: the README's picture, made from the real demo (built widget, emulator with
// the auto agent, demo store page) in Chromium, so it never drifts from what `npm start` shows.
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import { createEmulator } from '../emulator/index';
import { startDemoServer } from './demo-server';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = resolve(process.argv[2] ?? `${root}docs/screenshot.png`);

async function main(): Promise<void> {
  await build({ configFile: `${root}vite.config.ts`, logLevel: 'warn' });
  await build({ configFile: `${root}vite.embed.config.ts`, logLevel: 'warn' });
  await build({ configFile: `${root}vite.demo.config.ts`, logLevel: 'warn' });
  const emulator = await createEmulator({ port: 0, agent: 'auto', agentDelayMs: 300 });
  const demo = await startDemoServer({ port: 0, host: '127.0.0.1', apiBase: emulator.url });
  const browser = await chromium.launch({
    ...(existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium' } : {}),
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
    await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
    await page.goto(`${demo.url}/`);
    await page.getByRole('button', { name: /^open chat/i }).click();
    await page.getByRole('textbox', { name: /^first name/i }).fill('Ada');
    await page.getByRole('button', { name: /^start chat$/i }).click();
    const log = page.getByRole('log', { name: /^messages$/i });
    const fromAgent = log.getByRole('article').filter({ hasText: 'Grace' });
    await fromAgent.filter({ hasText: 'Ada' }).first().waitFor({ timeout: 20_000 });
    const before = await fromAgent.count();
    const composer = page.getByRole('textbox', { name: /^message$/i });
    await composer.fill('Is the Ridgeline 2 warm enough for early spring?');
    await composer.press('Enter');
    // The agent's answer: one more article from Grace than before the question.
    await fromAgent.nth(before).waitFor({ timeout: 20_000 });
    await composer.fill('Great, thank you!');
    await page.locator('body').click({ position: { x: 5, y: 300 } }).catch(() => undefined);
    mkdirSync(dirname(out), { recursive: true });
    await page.screenshot({ path: out });
    console.log(`Wrote ${out}`);
  } finally {
    await browser.close();
    await demo.close();
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  console.error(`screenshot failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
