// A broken snippet: one console.error naming the attribute, an `error` event (live on `parley:ready`, replayed
// afterwards), window.Parley and `parley:ready` all the same, no conversation, nothing thrown into the page.
import { expect, instrument, readyCount, recordedEvents, test, widget, type Emulator, type ParleyWindow, type Site } from './fixtures';
import type { Page } from '@playwright/test';

async function expectNoConversation(page: Page, emulator: Emulator): Promise<void> {
  // Poke everything that could start one, then check the emulator's state.
  await page.evaluate(async () => {
    const p = (window as unknown as ParleyWindow).Parley!;
    p.open();
    await p.start({ firstName: 'Ada' });
    await p.send('hello');
  });
  expect(await emulator.control.conversations()).toEqual([]);
}

async function loadBroken(page: Page, site: Site, attributes: Record<string, string | null>) {
  await instrument(page);
  // A listener added only after the error was reported must still get it (replay).
  const url = site.embed(attributes, {
    after: `<script>
      addEventListener('load', () => setTimeout(() => {
        window.lateErrors = [];
        Parley.on('error', (e) => window.lateErrors.push(e));
      }, 50));
    </script>`,
  });
  await page.goto(url);
  await expect.poll(() => recordedEvents(page, 'error')).toHaveLength(1);
}

test('a missing data-organization-id is reported once, by name, and starts nothing', async ({ page, site, emulator, consoleErrors, pageErrors }) => {
  await loadBroken(page, site, { 'organization-id': null });

  const [error] = await recordedEvents(page, 'error');
  expect((error?.detail as { message: string }).message).toContain('data-organization-id');
  expect(typeof (error?.detail as { code: unknown }).code).toBe('string');
  expect(consoleErrors).toHaveLength(1);
  expect(consoleErrors[0]).toContain('data-organization-id');
  expect(await readyCount(page)).toBe(1);
  await expect.poll(() => page.evaluate(() => (window as unknown as ParleyWindow).lateErrors?.length)).toBe(1);
  expect(await page.evaluate(() => (window as unknown as ParleyWindow).lateErrors?.[0]?.message)).toContain('data-organization-id');

  await expectNoConversation(page, emulator);
  await expect(widget(page).launcher).toHaveCount(0);
  expect(pageErrors).toEqual([]);
  expect(consoleErrors).toHaveLength(1);
});

for (const [attribute, value] of [
  ['deployment-id', null],
  ['queue', ''],
  ['organization-id', 'ORG-UUID'],
  ['custom-fields', '{plan: gold}'],
  ['theme', 'purple'],
  ['priority', 'high'],
  ['persist', 'forever'],
] as const) {
  test(`a malformed data-${attribute} (${JSON.stringify(value)}) is reported by name and starts nothing`, async ({ page, site, emulator, consoleErrors, pageErrors }) => {
    await loadBroken(page, site, { [attribute]: value });
    const [error] = await recordedEvents(page, 'error');
    expect((error?.detail as { message: string }).message).toContain(`data-${attribute}`);
    expect(consoleErrors).toHaveLength(1);
    expect(consoleErrors[0]).toContain(`data-${attribute}`);
    await expectNoConversation(page, emulator);
    expect(pageErrors).toEqual([]);
  });
}

test('unknown attributes are ignored', async ({ page, site, consoleErrors }) => {
  await page.goto(site.embed({ colour: 'red', 'organisation-id': 'x' }));
  await expect(widget(page).launcher).toBeVisible();
  expect(consoleErrors).toEqual([]);
});
