// How the tag is placed: async, defer, sync in <head>, and pasted twice — one widget, one `parley:ready`.
import { expect, instrument, readyCount, startChatAs, test, widget } from './fixtures';

for (const [placement, loading] of [
  ['body', 'async'],
  ['body', 'defer'],
  ['head', 'sync'],
  ['head', 'async'],
  ['head', 'defer'],
] as const) {
  test(`a ${loading} tag in <${placement}> mounts one working widget`, async ({ page, site, emulator, consoleErrors }) => {
    await instrument(page);
    await page.goto(site.embed({}, { placement, loading }));
    const w = widget(page);
    await expect(w.launcher).toHaveCount(1);
    await expect.poll(() => readyCount(page)).toBe(1);
    const parent = await page.evaluate(() => [...document.querySelectorAll('*')].find((el) => el.shadowRoot)?.parentElement?.tagName);
    expect(parent).toBe('BODY');
    await startChatAs(page, emulator);
    await expect(w.composer).toBeVisible();
    expect(consoleErrors).toEqual([]);
  });
}

test('window.Parley is usable from a script right after a tag in <head>, before <body> exists', async ({ page, site }) => {
  await instrument(page);
  await page.goto(
    site.embed(
      {},
      {
        placement: 'head',
        after: `<script>
          window.early = [];
          Parley.on('open', () => window.early.push('open'));
          Parley.open();
        </script>`,
      },
    ),
  );
  await expect(page.getByRole('dialog')).toBeVisible();
  await expect.poll(() => page.evaluate(() => (window as unknown as { early: string[] }).early)).toEqual(['open']);
});

test('the snippet pasted twice gives one widget and one parley:ready', async ({ page, site, emulator, pageErrors }) => {
  await instrument(page);
  await page.goto(site.embed({}, { copies: 2 }));
  const w = widget(page);
  await expect(w.launcher).toHaveCount(1);
  await expect.poll(() => readyCount(page)).toBe(1);
  expect(await page.evaluate(() => [...document.querySelectorAll('*')].filter((el) => el.shadowRoot).length)).toBe(1);
  await startChatAs(page, emulator);
  expect(await emulator.control.conversations()).toHaveLength(1);
  expect(pageErrors).toEqual([]);
});

test('two async copies in <head> and <body> still give one widget', async ({ page, site }) => {
  await instrument(page);
  const tag = `<script async src="/parley.js" data-organization-id="c0ffee00-0000-4000-8000-000000000001" data-deployment-id="c0ffee00-0000-4000-8000-000000000002" data-queue="Support"></script>`;
  await page.goto(site.embed({}, { placement: 'head', loading: 'async', content: `<p>Store</p>${tag}` }));
  await expect(widget(page).launcher).toHaveCount(1);
  await expect.poll(() => readyCount(page)).toBe(1);
});
