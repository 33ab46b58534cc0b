// <parley-chat>: the npm custom element, bundled by an app; attributes are the data attributes without
// `data-`, and changing one remounts the widget.
import { defaultAttributes, expect, htmlPage, instrument, socketStates, startChatAs, test, widget, type Site } from './fixtures';

function elementPage(site: Site, attributes: Record<string, string>): string {
  const attrs = Object.entries(attributes)
    .map(([k, v]) => ` ${k}="${v.replace(/"/g, '&quot;')}"`)
    .join('');
  return site.page(
    `/element-${Math.random().toString(36).slice(2)}.html`,
    htmlPage({
      title: 'Help centre',
      head: '<script type="module" src="/pages/assets/element.js"></script>',
      body: `<p>Questions?</p><parley-chat${attrs}></parley-chat>`,
    }),
  );
}

test('<parley-chat> with the required attributes chats like the script tag', async ({ page, site, emulator, consoleErrors }) => {
  await page.goto(elementPage(site, { ...defaultAttributes(emulator.url), title: 'Help centre chat' }));
  const w = widget(page);
  await w.openLauncher.click();
  await expect(page.getByRole('dialog', { name: 'Help centre chat' })).toBeVisible();
  const conversation = await startChatAs(page, emulator, 'Ada');
  await emulator.control.joinAgent(conversation.id);
  await emulator.control.agentSays(conversation.id, 'Hello from the help centre');
  await expect(w.article('Hello from the help centre')).toBeVisible();
  expect(await page.locator('parley-chat').evaluate((el) => el.shadowRoot?.mode)).toBe('open');
  expect(consoleErrors).toEqual([]);
});

test('changing an attribute remounts the widget with it', async ({ page, site, emulator }) => {
  await page.goto(elementPage(site, { ...defaultAttributes(emulator.url), title: 'Before' }));
  const w = widget(page);
  await w.openLauncher.click();
  await expect(page.getByRole('dialog', { name: 'Before' })).toBeVisible();

  await page.locator('parley-chat').evaluate((el) => {
    el.setAttribute('title', 'After');
    el.setAttribute('prechat-fields', 'firstName,phoneNumber');
    el.setAttribute('open', 'true');
  });
  await expect(page.getByRole('dialog', { name: 'After' })).toBeVisible();
  await expect(w.phoneNumber).toBeVisible();
  await expect(w.launcher).toHaveCount(1);
});

test('a live chat survives a remount: the same conversation continues', async ({ page, site, emulator }) => {
  await page.goto(elementPage(site, { ...defaultAttributes(emulator.url), theme: 'light' }));
  const w = widget(page);
  const conversation = await startChatAs(page, emulator, 'Ada');
  await emulator.control.joinAgent(conversation.id);
  await emulator.control.agentSays(conversation.id, 'Still here');
  await expect(w.article('Still here')).toBeVisible();

  await page.locator('parley-chat').evaluate((el) => el.setAttribute('theme', 'dark'));
  if (!(await w.dialog.isVisible())) await w.openLauncher.click();
  await expect(w.article('Still here')).toBeVisible();
  expect((await emulator.control.conversations()).map((c) => c.id)).toEqual([conversation.id]);
});

test('a missing attribute is reported once by its name, without data-', async ({ page, site, emulator, consoleErrors, pageErrors }) => {
  const { queue: _queue, ...rest } = defaultAttributes(emulator.url);
  await page.goto(elementPage(site, rest));
  await expect.poll(() => consoleErrors.length).toBe(1);
  expect(consoleErrors[0]).toMatch(/\bqueue is required/);
  expect(consoleErrors[0]).not.toContain('data-queue');
  await expect(widget(page).launcher).toHaveCount(0);
  expect(pageErrors).toEqual([]);

  // Supplying it mounts the widget.
  await page.locator('parley-chat').evaluate((el) => el.setAttribute('queue', 'Support'));
  await expect(widget(page).launcher).toBeVisible();
});

test('removing the element destroys its widget and closes its socket', async ({ page, site, emulator }) => {
  await instrument(page);
  await page.goto(elementPage(site, { ...defaultAttributes(emulator.url), 'prechat-fields': '', persist: 'none' }));
  await widget(page).openLauncher.click();
  await emulator.control.waitForConversation();
  await expect(widget(page).composer).toBeVisible();
  await expect.poll(() => socketStates(page)).toContain(1);
  await page.locator('parley-chat').evaluate((el) => el.remove());
  await expect(widget(page).launcher).toHaveCount(0);
  await expect.poll(() => socketStates(page)).not.toContain(1);
});
