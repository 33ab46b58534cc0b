// Resume after reload: the same conversation, its history shown, no second conversation (persist=session).
import { expect, startChatAs, test, widget } from './fixtures';

test('a reload resumes the live chat with its history and creates no second conversation', async ({ page, site, emulator, consoleErrors }) => {
  await page.goto(site.embed());
  const w = widget(page);
  const conversation = await startChatAs(page, emulator, 'Ada');
  await emulator.control.joinAgent(conversation.id, { displayName: 'Grace' });
  await emulator.control.agentSays(conversation.id, 'Hi Ada, what are you after?');
  await expect(w.article('Hi Ada, what are you after?')).toBeVisible();
  await w.composer.fill('A tent for two');
  await w.composer.press('Enter');
  await expect.poll(async () => (await emulator.control.conversation(conversation.id)).messages.map((m) => m.body)).toContain('A tent for two');

  await page.reload();
  if (!(await w.dialog.isVisible())) await w.openLauncher.click();
  await expect(w.article('Hi Ada, what are you after?')).toBeVisible();
  await expect(w.article('A tent for two')).toBeVisible();
  await expect(w.firstName).toHaveCount(0);

  // The resumed chat is live: both directions still work on the same conversation.
  await emulator.control.agentSays(conversation.id, 'The Ridgeline 2 it is.');
  await expect(w.article('The Ridgeline 2 it is.')).toBeVisible();
  await w.composer.fill('Perfect');
  await w.composer.press('Enter');
  await expect.poll(async () => (await emulator.control.conversation(conversation.id)).messages.map((m) => m.body)).toContain('Perfect');
  expect((await emulator.control.conversations()).map((c) => c.id)).toEqual([conversation.id]);
  expect(consoleErrors).toEqual([]);
});

test('after the chat ended, a reload offers a fresh start instead of the old chat', async ({ page, site, emulator }) => {
  await page.goto(site.embed());
  const w = widget(page);
  const conversation = await startChatAs(page, emulator, 'Ada');
  await emulator.control.disconnect(conversation.id);
  await expect(w.ended).toBeVisible();
  await page.reload();
  await w.openLauncher.click();
  await expect(w.firstName).toBeVisible();
  expect(await emulator.control.conversations()).toHaveLength(1);
});
