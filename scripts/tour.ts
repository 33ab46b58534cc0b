// `npm run tour [-- outDir]`: walks the real demo (built widget, emulator with the auto agent, demo store) through
// every state a visitor meets, on a desktop, on a phone and in the dark theme, saves one PNG per state (by default
// in docs/screenshots/, to be looked at) and runs axe-core on each, printing the violations per state; exits 1 on
// any. The harness's shoot.ts shows states on a fake store; this shows what `npm start` really does.
import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { withDemo } from './demo-session';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = resolve(process.argv[2] ?? `${root}docs/screenshots`);
// widget-contract.md §4's tags.
const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

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
  const before = await fromAgent.count();
  await composer.fill('Do you have the Ridgeline 2 in size 42? See https://example.com/tents/ridgeline-2-two-person-three-season');
  await composer.press('Enter');
  // The auto agent types for 0.6–1.2 s before it answers.
  await page.getByRole('status').filter({ hasText: /typing/i }).waitFor({ timeout: 20_000 });
  await shot('06-typing');
  await fromAgent.nth(before).waitFor({ timeout: 20_000 });
  await shot('07-answered');
  await ask('cobrowse please');
  await page.getByRole('alertdialog').waitFor();
  await shot('08-media-request');
  await page.getByRole('button', { name: /^decline$/i }).click();
  await page.getByRole('button', { name: /participants/i }).click();
  await shot('09-participants');
  await page.getByRole('button', { name: /participants/i }).click();
  await composer.fill('bye');
  await composer.press('Enter');
  await page.getByRole('button', { name: /^start new chat$/i }).waitFor({ timeout: 20_000 });
  await shot('10-ended');
}

await withDemo('tour', async ({ browser, url: site }) => {
  mkdirSync(out, { recursive: true });
  const runs = [
    { tag: 'desktop', url: `${site}/`, viewport: { width: 1280, height: 800 }, colorScheme: 'light' },
    { tag: 'phone', url: `${site}/`, viewport: { width: 375, height: 700 }, colorScheme: 'light' },
    { tag: 'element-dark', url: `${site}/element.html`, viewport: { width: 1280, height: 800 }, colorScheme: 'dark' },
  ] as const;
  let shots = 0;
  let violations = 0;
  for (const { tag, url, viewport, colorScheme } of runs) {
    // axe-core's Playwright builder needs a page of an explicit context.
    const context = await browser.newContext({ viewport, colorScheme, reducedMotion: 'reduce' });
    const page = await context.newPage();
    await walk(page, url, async (name) => {
      // Two frames: whatever the last step changed has been painted.
      await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
      // On a desktop the widget's half of the page is enough to judge it, at a third of the bytes.
      const clip = viewport.width > 480 ? { x: viewport.width / 2, y: 0, width: viewport.width / 2, height: viewport.height } : undefined;
      await page.screenshot({ path: `${out}/${tag}-${name}.png`, ...(clip && { clip }) });
      const found = (await new AxeBuilder({ page }).include('parley-widget, parley-chat').withTags(AXE_TAGS).analyze()).violations;
      shots++;
      violations += found.length;
      console.log(`${`${tag}-${name}`.padEnd(32)} axe: ${found.length ? found.map((v) => `${v.id} (${v.nodes.length})`).join(', ') : 'no violations'}`);
    });
    await context.close();
  }
  console.log(`Wrote ${shots} screenshots to ${out}; axe-core found ${violations} violations`);
  if (violations) process.exitCode = 1;
});
