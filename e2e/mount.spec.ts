// mount() twice on one page, from an app bundling the `parley-chat` npm entry: two instances share nothing.
import { expect, test } from './fixtures';
import type { Page } from '@playwright/test';

interface Recorded {
  event: string;
  detail: unknown;
}
const eventsOf = (page: Page, which: 'first' | 'second') =>
  page.evaluate((w) => (window as unknown as { parleyEvents: Record<string, Recorded[]> }).parleyEvents[w]!.map((e) => e.event), which);

test('two mounted widgets run two separate chats', async ({ page, site, emulator, consoleErrors }) => {
  await page.goto(`${site.origin}/pages/mount-twice.html?api=${encodeURIComponent(emulator.url)}`);
  const launchers = page.getByRole('button', { name: /^open chat/i });
  await expect(launchers).toHaveCount(2);

  // Each launcher opens its own window, named by its own title (no pre-chat form: the chat starts at once).
  await page.locator('#first').getByRole('button', { name: /^open chat/i }).click();
  await expect(page.getByRole('dialog', { name: 'Sales' })).toBeVisible();
  await expect(page.getByRole('dialog', { name: 'Support' })).toHaveCount(0);
  const first = await emulator.control.waitForConversation();

  await page.locator('#second').getByRole('button', { name: /^open chat/i }).click();
  await expect(page.getByRole('dialog', { name: 'Support' })).toBeVisible();
  const second = await emulator.control.waitForConversation((c) => c.id !== first.id);

  await emulator.control.joinAgent(first.id, { displayName: 'Sam' });
  await emulator.control.agentSays(first.id, 'Sales here');
  await emulator.control.joinAgent(second.id, { displayName: 'Grace' });
  await emulator.control.agentSays(second.id, 'Support here');

  const sales = page.getByRole('dialog', { name: 'Sales' }).getByRole('log');
  const support = page.getByRole('dialog', { name: 'Support' }).getByRole('log');
  await expect(sales.getByRole('article').filter({ hasText: 'Sales here' })).toBeVisible();
  await expect(support.getByRole('article').filter({ hasText: 'Support here' })).toBeVisible();
  await expect(sales.getByRole('article').filter({ hasText: 'Support here' })).toHaveCount(0);
  await expect(support.getByRole('article').filter({ hasText: 'Sales here' })).toHaveCount(0);

  await expect.poll(() => eventsOf(page, 'first')).toContain('message');
  await expect.poll(() => eventsOf(page, 'second')).toContain('message');
  expect((await eventsOf(page, 'first')).filter((e) => e === 'started')).toHaveLength(1);
  expect((await eventsOf(page, 'second')).filter((e) => e === 'started')).toHaveLength(1);

  // Destroying one leaves the other working.
  await page.evaluate(() => (window as unknown as { parleyInstances: { first: { destroy(): void } } }).parleyInstances.first.destroy());
  await expect(page.getByRole('dialog', { name: 'Sales' })).toHaveCount(0);
  await emulator.control.agentSays(second.id, 'Still with you');
  await expect(support.getByRole('article').filter({ hasText: 'Still with you' })).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('<ParleyChat> mounts in a Preact app, remounts when a prop changes, and goes away on unmount', async ({ page, site, emulator, consoleErrors }) => {
  type App = { app: { render(p?: Record<string, unknown>): void; unmount(): void }; instances: string[] };
  await page.goto(`${site.origin}/pages/preact.html?api=${encodeURIComponent(emulator.url)}`);
  const launcher = page.getByRole('button', { name: /^open chat/i });
  await launcher.click();
  await expect(page.getByRole('dialog', { name: 'From Preact' })).toBeVisible();

  // Same props again: nothing remounts.
  await page.evaluate(() => (window as unknown as App).app.render());
  expect(await page.evaluate(() => (window as unknown as App).instances)).toEqual(['mounted']);

  await page.evaluate(() => (window as unknown as App).app.render({ title: 'Renamed' }));
  await page.getByRole('button', { name: /^open chat/i }).click();
  await expect(page.getByRole('dialog', { name: 'Renamed' })).toBeVisible();
  expect(await page.evaluate(() => (window as unknown as App).instances)).toEqual(['mounted', 'unmounted', 'mounted']);

  await page.evaluate(() => (window as unknown as App).app.unmount());
  await expect(page.getByRole('button', { name: /(open|close) chat/i })).toHaveCount(0);
  expect(consoleErrors).toEqual([]);
});
