// `npm run tour [-- outDir]`: walks the real demo (built widget, emulator with the auto agent, demo store) through
// every state a visitor meets, on a desktop, on a phone and in the dark theme, and saves one PNG per state, to be
// looked at. The harness's shoot.ts shows states on a fake store; this shows what `npm start` really does.
import { existsSync, mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from '@playwright/test';
import { build } from 'vite';
import { createEmulator } from '../emulator/index';
import { startDemoServer } from './demo-server';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = resolve(process.argv[2] ?? '/tmp/parley-tour');

async function walk(page: Page, url: string, shot: (name: string) => Promise<void>): Promise<void> {
  await page.goto(url);
  await shot('01-closed');
  await page.getByRole('button', { name: /^open chat/i }).click();
  await shot('02-prechat');
  await page.getByRole('button', { name: /^start chat$/i }).click();
  await shot('03-prechat-error');
  await page.getByRole('textbox', { name: /^first name/i }).fill('Ada');
  await page.getByRole('button', { name: /^start chat$/i }).click();
  await shot('04-queued');
  const log = page.getByRole('log', { name: /^messages$/i });
  const fromAgent = log.getByRole('article').filter({ hasText: 'Grace' });
  await fromAgent.filter({ hasText: 'Ada' }).first().waitFor({ timeout: 20_000 });
  await shot('05-greeted');
  const composer = page.getByRole('textbox', { name: /^message$/i });
  const ask = async (text: string) => {
    const before = await fromAgent.count();
    await composer.fill(text);
    await composer.press('Enter');
    await fromAgent.nth(before).waitFor({ timeout: 20_000 });
  };
  await ask('Do you have the Ridgeline 2 in size 42? See https://example.com/tents/ridgeline-2-two-person-three-season');
  await shot('06-answered');
  await ask('cobrowse please');
  await page.getByRole('alertdialog').waitFor();
  await shot('07-media-request');
  await page.getByRole('button', { name: /^decline$/i }).click();
  await page.getByRole('button', { name: /participants/i }).click();
  await shot('08-participants');
  await page.getByRole('button', { name: /participants/i }).click();
  await composer.fill('bye');
  await composer.press('Enter');
  await page.getByRole('button', { name: /^start new chat$/i }).waitFor({ timeout: 20_000 });
  await shot('09-ended');
}

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
  mkdirSync(out, { recursive: true });
  try {
    const runs = [
      { tag: 'desktop', url: `${demo.url}/`, viewport: { width: 1280, height: 800 }, colorScheme: 'light' },
      { tag: 'phone', url: `${demo.url}/`, viewport: { width: 375, height: 700 }, colorScheme: 'light' },
      { tag: 'element-dark', url: `${demo.url}/element.html`, viewport: { width: 1280, height: 800 }, colorScheme: 'dark' },
    ] as const;
    for (const { tag, url, viewport, colorScheme } of runs) {
      const page = await browser.newPage({ viewport, colorScheme, reducedMotion: 'reduce' });
      await walk(page, url, async (name) => {
        // Two frames: whatever the last step changed has been painted.
        await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
        await page.screenshot({ path: `${out}/${tag}-${name}.png` });
      });
      await page.close();
    }
    console.log(`Wrote ${runs.length * 9} screenshots to ${out}`);
  } finally {
    await browser.close();
    await demo.close();
    await emulator.close();
  }
}

main().catch((error: unknown) => {
  console.error(`tour failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
