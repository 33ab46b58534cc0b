// Keyboard-only use (widget-contract.md §4 Keyboard, issue 5 Qualities): the launcher is in the page's Tab order,
// Enter/Space open and move focus in, Escape closes and returns focus, Tab follows the window's natural order.
import { expect, test } from './fixtures';
import { ui } from './ui-helpers';

// Stories on two busy cores: generous, since every wait is on a condition, never on time.
test.describe.configure({ timeout: 120_000 });

test('a guest can open, fill the form, chat, use the header and end the chat with the keyboard alone', async ({ page, site, emulator }) => {
  await page.goto(site.embed());
  const t = ui(page);
  const kb = page.keyboard;

  // The launcher is the page's first Tab stop here; Enter opens and focuses the first field; Escape closes.
  await kb.press('Tab');
  await expect(t.openLauncher).toBeFocused();
  await expect(t.launcher).toHaveAttribute('aria-expanded', 'false');
  await kb.press('Enter');
  await expect(t.dialog).toBeVisible();
  await expect(t.firstName).toBeFocused();
  await expect(t.closeLauncher).toHaveAttribute('aria-expanded', 'true');
  await kb.press('Escape');
  await expect(t.dialog).toBeHidden();
  await expect(t.openLauncher).toBeFocused();
  // Space opens too. Shift+Tab from the first field reaches the header's Minimize, then the launcher before the
  // window; Escape there closes.
  await kb.press('Space');
  await expect(t.firstName).toBeFocused();
  await kb.press('Shift+Tab');
  await expect(t.minimize).toBeFocused();
  await kb.press('Shift+Tab');
  await expect(t.closeLauncher).toBeFocused();
  await kb.press('Escape');
  await expect(t.dialog).toBeHidden();
  await expect(t.openLauncher).toBeFocused();
  await kb.press('Enter');
  await expect(t.firstName).toBeFocused();

  // The form in order.
  await kb.type('Ada');
  await kb.press('Tab');
  await expect(t.lastName).toBeFocused();
  await kb.type('Lovelace');
  await kb.press('Tab');
  await expect(t.email).toBeFocused();
  await kb.type('not-an-email');
  await kb.press('Tab');
  await expect(t.startChat).toBeFocused();
  await kb.press('Enter');
  // A wrong field takes focus back, with its error.
  await expect(t.email).toBeFocused();
  await expect(t.alerts.filter({ hasText: /email/i })).toBeVisible();
  await kb.press('ControlOrMeta+A');
  await kb.type('ada@example.com');
  await kb.press('Enter');
  const conversation = await emulator.control.waitForConversation();
  // Focus waits for the composer to be ready, then lands in it.
  await expect(t.composer).toBeFocused();

  await emulator.control.joinAgent(conversation.id, { displayName: 'Grace' });
  await emulator.control.agentSays(conversation.id, 'See https://example.com/help for details.');
  await expect(t.article('See https://example.com/help')).toBeVisible();
  await kb.type('First line');
  await kb.press('Shift+Enter');
  await kb.type('second line');
  await kb.press('Enter');
  await expect(t.composer).toHaveValue('');
  await expect
    .poll(async () => (await emulator.control.conversation(conversation.id)).messages.map((m) => m.body))
    .toContain('First line\nsecond line');

  // Natural order through the window: header actions, the log (scrollable by keyboard), its link, the composer.
  const link = t.log.getByRole('link', { name: 'https://example.com/help' });
  const order = [t.participantsToggle, t.transcript, t.endChat, t.minimize, t.log, link, t.composer];
  for (const target of order.slice(0, -1).reverse()) {
    await kb.press('Shift+Tab');
    await expect(target).toBeFocused();
  }
  for (const target of order.slice(1)) {
    await kb.press('Tab');
    await expect(target).toBeFocused();
  }
  for (const target of order.slice(0, -1).reverse()) {
    await kb.press('Shift+Tab');
    await expect(target).toBeFocused();
  }

  // The participants panel opens and closes from the keyboard.
  await kb.press('Enter');
  await expect(t.participantsList).toBeVisible();
  await expect(t.participantsList.getByRole('listitem')).toHaveCount(2);
  await kb.press('Enter');
  await expect(t.participantsList).toHaveCount(0);

  // End chat: the question starts on Cancel; Tab to End, Enter ends; focus stays in the window.
  await kb.press('Tab');
  await kb.press('Tab');
  await expect(t.endChat).toBeFocused();
  await kb.press('Enter');
  await expect(t.cancelEnd).toBeFocused();
  await kb.press('Tab');
  await expect(t.confirmEnd).toBeFocused();
  await kb.press('Enter');
  await expect(t.ended).toBeVisible();
  expect(await t.dialog.evaluate((win) => win.contains((win.getRootNode() as ShadowRoot).activeElement))).toBe(true);
  await expect(t.startNew).toBeVisible();
  await kb.press('Escape');
  await expect(t.dialog).toBeHidden();
  await expect(t.openLauncher).toBeFocused();
});
