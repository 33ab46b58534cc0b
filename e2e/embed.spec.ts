// The script-tag embed as a customer pastes it: the snippet alone gives a working chat, and every attribute
// of the contract's table takes effect (widget-contract.md §1).
import { expect, ids, startChatAs, test, widget } from './fixtures';

test('a customer pastes the snippet and a guest chats with an agent', async ({ page, site, emulator, consoleErrors, pageErrors }) => {
  await page.goto(site.embed());
  const w = widget(page);
  await expect(w.launcher).toHaveAttribute('aria-expanded', 'false');

  const conversation = await startChatAs(page, emulator, 'Ada');
  await emulator.control.joinAgent(conversation.id, { displayName: 'Grace' });
  await emulator.control.agentSays(conversation.id, 'Hi Ada, how can I help?');
  await expect(w.article('Hi Ada, how can I help?')).toContainText('Grace');

  await w.composer.fill('Do you ship to Norway?');
  await w.composer.press('Enter');
  await expect(w.article('Do you ship to Norway?')).toBeVisible();
  await expect
    .poll(async () => (await emulator.control.conversation(conversation.id)).messages.map((m) => m.body))
    .toContain('Do you ship to Norway?');

  expect(pageErrors).toEqual([]);
  expect(consoleErrors).toEqual([]);
});

test('the script tag loads nothing but itself from the site', async ({ page, site, emulator }) => {
  const url = site.embed();
  await page.goto(url);
  await startChatAs(page, emulator);
  const paths = [...site.server.hits.keys()];
  expect(paths.sort()).toEqual([new URL(url).pathname, '/parley.js'].sort());
});

test('the widget lives in an open shadow root on a host appended to <body>', async ({ page, site }) => {
  await page.goto(site.embed({}, { content: '<p id="last-of-page">Page content</p>' }));
  await expect(widget(page).launcher).toBeVisible();
  const hosts = await page.evaluate(() =>
    [...document.querySelectorAll('*')].filter((el) => el.shadowRoot).map((el) => ({ parent: el.parentElement?.tagName, mode: el.shadowRoot?.mode })),
  );
  expect(hosts).toEqual([{ parent: 'BODY', mode: 'open' }]);
  // The page's own content is untouched.
  await expect(page.locator('#last-of-page')).toHaveText('Page content');
});

test.describe('attributes', () => {
  test('required and routing attributes reach the create request; custom fields and the pre-chat form go into memberInfo', async ({ page, site, emulator }) => {
    await page.goto(
      site.embed({
        'custom-fields': '{"plan":"gold","cart":"3"}',
        skills: 'Tents, Repairs',
        language: 'English',
        priority: '7',
        'prechat-fields': 'firstName,lastName,email,phoneNumber',
      }),
    );
    const w = widget(page);
    await w.openLauncher.click();
    const created = page.waitForRequest((r) => r.method() === 'POST' && r.url().endsWith('/api/v2/webchat/guest/conversations'));
    await w.firstName.fill('Ada');
    await w.lastName.fill('Lovelace');
    await w.email.fill('ada@example.com');
    await w.phoneNumber.fill('+44 20 7946 0000');
    await w.startChat.click();
    const body = (await created).postDataJSON() as {
      organizationId: string;
      deploymentId: string;
      routingTarget: { targetType: string; targetAddress: string; skills?: string[]; language?: string; priority?: number };
      memberInfo: { displayName: string; customFields?: Record<string, string> };
    };
    expect(body.organizationId).toBe(ids.organizationId);
    expect(body.deploymentId).toBe(ids.deploymentId);
    expect(body.routingTarget).toMatchObject({ targetAddress: 'Support', skills: ['Tents', 'Repairs'], language: 'English', priority: 7 });
    expect(body.routingTarget.targetType.toUpperCase()).toBe('QUEUE');
    expect(body.memberInfo.displayName).toBe('Ada Lovelace');
    expect(body.memberInfo.customFields).toMatchObject({ plan: 'gold', cart: '3', firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', phoneNumber: '+44 20 7946 0000' });

    const conversation = await emulator.control.waitForConversation();
    const guest = conversation.members.find((m) => m.role === 'CUSTOMER');
    expect(guest?.displayName).toBe('Ada Lovelace');
  });

  test('data-prechat-fields chooses the form fields, and an empty value skips the form with the name "Guest"', async ({ page, site, emulator }) => {
    await page.goto(site.embed({ 'prechat-fields': 'firstName,phoneNumber' }));
    const w = widget(page);
    await w.openLauncher.click();
    await expect(w.firstName).toBeVisible();
    await expect(w.phoneNumber).toBeVisible();
    await expect(w.lastName).toHaveCount(0);
    await expect(w.email).toHaveCount(0);

    await page.goto(site.embed({ 'prechat-fields': '' }));
    await w.openLauncher.click();
    await expect(w.firstName).toHaveCount(0);
    const conversation = await emulator.control.waitForConversation();
    expect(conversation.members.find((m) => m.role === 'CUSTOMER')?.displayName).toBe('Guest');
    await expect(w.composer).toBeVisible();
  });

  test('data-title names the window and data-open opens it on load', async ({ page, site }) => {
    await page.goto(site.embed({ title: 'Ask Trailhead', open: 'true' }));
    await expect(page.getByRole('dialog', { name: 'Ask Trailhead' })).toBeVisible();
    await expect(widget(page).launcher).toHaveAttribute('aria-expanded', 'true');
  });

  test('without data-title the window is called "Chat with us", closed until asked', async ({ page, site }) => {
    await page.goto(site.embed());
    const w = widget(page);
    await expect(w.launcher).toBeVisible();
    await expect(page.getByRole('dialog')).toHaveCount(0);
    await w.openLauncher.click();
    await expect(page.getByRole('dialog', { name: /chat with us/i })).toBeVisible();
  });

  test('data-position bottom-left puts the launcher on the left, the default on the right', async ({ page, site }) => {
    const viewport = page.viewportSize()!;
    await page.goto(site.embed({ position: 'bottom-left' }));
    const left = (await widget(page).launcher.boundingBox())!;
    expect(left.x + left.width / 2).toBeLessThan(viewport.width / 2);
    expect(left.y + left.height / 2).toBeGreaterThan(viewport.height / 2);

    await page.goto(site.embed());
    const right = (await widget(page).launcher.boundingBox())!;
    expect(right.x + right.width / 2).toBeGreaterThan(viewport.width / 2);
  });

  test('data-theme dark gives a dark window whatever the system prefers; light a light one', async ({ page, site }) => {
    const windowLuminance = async () => {
      await widget(page).openLauncher.click();
      return page.getByRole('dialog').evaluate((el) => {
        const [r = 0, g = 0, b = 0] = (getComputedStyle(el).backgroundColor.match(/\d+(\.\d+)?/g) ?? []).map(Number);
        return (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255;
      });
    };
    await page.emulateMedia({ colorScheme: 'light' });
    await page.goto(site.embed({ theme: 'dark' }));
    expect(await windowLuminance()).toBeLessThan(0.3);

    await page.emulateMedia({ colorScheme: 'dark' });
    await page.goto(site.embed({ theme: 'light' }));
    expect(await windowLuminance()).toBeGreaterThan(0.7);

    await page.goto(site.embed({ theme: 'auto' }));
    expect(await windowLuminance()).toBeLessThan(0.3);
  });

  test('data-primary-color colours the launcher', async ({ page, site }) => {
    await page.goto(site.embed({ 'primary-color': '#0b6e4f' }));
    await expect(widget(page).launcher).toHaveCSS('background-color', 'rgb(11, 110, 79)');
  });

  test('data-locale picks the UI language; Arabic lays the widget out right to left', async ({ page, site }) => {
    await page.goto(site.embed({ locale: 'ar', open: 'true' }));
    const dialog = page.getByRole('dialog');
    await expect(dialog).toBeVisible();
    await expect(dialog).toHaveCSS('direction', 'rtl');
    await expect(page.getByRole('button', { name: /^open chat/i })).toHaveCount(0);

    await page.goto(site.embed({ locale: 'en', open: 'true' }));
    await expect(page.getByRole('dialog')).toHaveCSS('direction', 'ltr');
    await expect(widget(page).startChat).toBeVisible();
  });

  test('data-environment points the API at https://api.<environment> when no data-api-base is given', async ({ page, site }) => {
    await page.route('https://api.mypurecloud.ie/**', (route) => route.abort());
    await page.goto(site.embed({ 'api-base': null, environment: 'mypurecloud.ie', 'prechat-fields': '' }));
    const request = page.waitForRequest((r) => r.url().startsWith('https://api.mypurecloud.ie/api/v2/webchat/guest/conversations'));
    await widget(page).openLauncher.click();
    expect((await request).method()).toBe('POST');
  });

  test('without data-environment or data-api-base the API is https://api.mypurecloud.com', async ({ page, site }) => {
    await page.route('https://api.mypurecloud.com/**', (route) => route.abort());
    await page.goto(site.embed({ 'api-base': null, 'prechat-fields': '' }));
    const request = page.waitForRequest((r) => r.url().startsWith('https://api.mypurecloud.com/api/v2/webchat/guest/conversations'));
    await widget(page).openLauncher.click();
    await request;
  });

  test('data-persist none forgets the chat on reload', async ({ page, site, emulator }) => {
    await page.goto(site.embed({ persist: 'none', 'prechat-fields': '' }));
    await widget(page).openLauncher.click();
    const first = await emulator.control.waitForConversation();
    await expect(widget(page).composer).toBeVisible();
    await page.reload();
    await widget(page).openLauncher.click();
    await emulator.control.waitForConversation((c) => c.id !== first.id);
    expect(await page.evaluate(() => sessionStorage.length + localStorage.length)).toBe(0);
  });

  test('data-persist local shares the live chat with a new tab of the site', async ({ page, context, site, emulator }) => {
    await page.goto(site.embed({ persist: 'local' }));
    const conversation = await startChatAs(page, emulator, 'Ada');
    await emulator.control.joinAgent(conversation.id);
    await emulator.control.agentSays(conversation.id, 'Welcome back any time.');
    await expect(widget(page).article('Welcome back any time.')).toBeVisible();
    expect(await page.evaluate(() => sessionStorage.length)).toBe(0);

    const other = await context.newPage();
    await other.goto(page.url());
    await widget(other).openLauncher.click();
    await expect(widget(other).article('Welcome back any time.')).toBeVisible();
    expect((await emulator.control.conversations()).map((c) => c.id)).toEqual([conversation.id]);
    await other.close();
  });
});
