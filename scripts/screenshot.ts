// `npm run screenshot [-- out.png]`: the README's picture, made from the real demo (built widget, emulator with
// the auto agent, demo store page) in Chromium, so it never drifts from what `npm start` shows.
import { mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { withDemo } from './demo-session';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = resolve(process.argv[2] ?? `${root}docs/screenshot.png`);

await withDemo('screenshot', async ({ browser, url }) => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, deviceScaleFactor: 1 });
  await page.emulateMedia({ colorScheme: 'light', reducedMotion: 'reduce' });
  await page.goto(`${url}/`);
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
});
