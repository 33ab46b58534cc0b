// Media requests (issue 5): the agent asks to co-browse or share the screen; the guest answers in an alertdialog that
// holds focus, requests queue, and each answer reaches the emulator (read back through its control API).
import { expect, test } from './fixtures';
import { chatWithGrace, conversationWithMedia, ui } from './ui-helpers';

// Stories on two busy cores: generous, since every wait is on a condition, never on time.
test.describe.configure({ timeout: 120_000 });

test('media requests queue in an alertdialog that holds focus; Accept and Decline reach the emulator and focus goes back', async ({ page, site, emulator }) => {
  const conversation = await chatWithGrace(page, site, emulator);
  const t = ui(page);
  const stateOf = async (id: string) => (await conversationWithMedia(emulator, conversation.id)).mediaRequests?.find((r) => r.id === id)?.state;

  await t.composer.click();
  await t.composer.pressSequentially('Half-typed');
  const cobrowse = await emulator.control.mediaRequest(conversation.id, ['COBROWSE']);
  const screen = await emulator.control.mediaRequest(conversation.id, ['SCREENSHARE']);
  await expect(page.getByRole('alertdialog', { name: /^agent requests to co-browse$/i })).toBeVisible();
  await expect(t.mediaPrompt).toHaveCount(1);
  // Focus moves to the safe answer and stays inside while the prompt is open.
  await expect(t.decline).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(t.accept).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(t.decline).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(t.accept).toBeFocused();
  await page.keyboard.press('Shift+Tab');
  await expect(t.decline).toBeFocused();
  // Nothing was answered by moving around.
  expect(await stateOf(cobrowse.id)).toBe('PENDING');

  await t.accept.click();
  await expect.poll(() => stateOf(cobrowse.id)).toBe('ACCEPTED');
  // The next request takes its place, with focus again on Decline.
  await expect(page.getByRole('alertdialog', { name: /^agent requests to share your screen$/i })).toBeVisible();
  await expect(t.decline).toBeFocused();
  expect(await stateOf(screen.id)).toBe('PENDING');

  await page.keyboard.press('Enter');
  await expect.poll(() => stateOf(screen.id)).toBe('DECLINED');
  await expect(t.mediaPrompt).toHaveCount(0);
  await expect(t.composer).toBeFocused();
  await expect(t.composer).toHaveValue('Half-typed');
  const stored = (await emulator.control.conversation(conversation.id)).messages.filter((m) => m.bodyType === 'standard');
  expect(stored).toEqual([]);

  // A request that comes while the window is closed waits for it, and takes focus when it opens.
  await t.minimize.click();
  const later = await emulator.control.mediaRequest(conversation.id, ['COBROWSE']);
  await expect(t.dialog).toBeHidden();
  await t.openLauncher.click();
  await expect(t.decline).toBeFocused();
  await t.decline.click();
  await expect.poll(() => stateOf(later.id)).toBe('DECLINED');
  await expect(t.mediaPrompt).toHaveCount(0);
});
