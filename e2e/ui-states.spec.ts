// The widget's states around the conversation (issue 5): unread count on the launcher, the tab title while hidden,
// ending (asked first, or by the agent) and starting anew, the reconnect banner through socket faults, full screen on
// phones (scanned with axe-core there too).
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures';
import { fastHeartbeatTest } from './proof-helpers';
import { agentPosts, agentTalks, chatWithGrace, emulateVisibility, expectAccessible, guestMember, scanChatting, setVisibility, ui } from './ui-helpers';

// Stories on two busy cores: generous, since every wait is on a condition, never on time.
test.describe.configure({ timeout: 120_000 });

test('while the window is closed the launcher counts agent messages and notices in its name, and opening clears it', async ({ page, site, emulator }) => {
  const conversation = await chatWithGrace(page, site, emulator);
  const t = ui(page);
  await t.minimize.click();
  await expect(t.dialog).toBeHidden();
  await expect(t.launcher).toHaveAccessibleName(/^open chat$/i);
  await expect(t.launcher).toHaveAttribute('aria-expanded', 'false');

  await emulator.control.agentSays(conversation.id, 'Are you still there?');
  await expect(t.launcher).toHaveAccessibleName(/^open chat\W+1 unread$/i);
  await emulator.control.agentSays(conversation.id, 'I found your order.');
  await agentPosts(emulator, conversation.id, 'Order 1234 is on its way', 'notice');
  await expect(t.launcher).toHaveAccessibleName(/^open chat\W+3 unread$/i);
  await expect(t.launcher).toContainText('3');
  // Joins and leaves are not "unread": a leave, a join and one more message make 4, not 6.
  await emulator.control.agentLeaves(conversation.id);
  await emulator.control.joinAgent(conversation.id, { displayName: 'Alan' });
  await emulator.control.agentSays(conversation.id, 'Alan here.');
  await expect(t.launcher).toHaveAccessibleName(/^open chat\W+4 unread$/i);

  await t.launcher.click();
  await expect(t.launcher).toHaveAccessibleName(/^close chat$/i);
  await expect(t.article('Order 1234 is on its way')).toBeVisible();
  await expect(t.article(/Grace left the chat/i)).toBeVisible();
  await t.minimize.click();
  await expect(t.launcher).toHaveAccessibleName(/^open chat$/i);
});

test('while the tab is hidden an agent message shows in the document title until the tab is seen again', async ({ page, site, emulator }) => {
  await emulateVisibility(page);
  const conversation = await chatWithGrace(page, site, emulator);
  const t = ui(page);
  const original = await page.title();
  expect(original).toBe('Trailhead Outfitters');

  // Seen at once while visible: the title stays.
  await emulator.control.agentSays(conversation.id, 'Seen right away');
  await expect(t.article('Seen right away')).toBeVisible();
  expect(await page.title()).toBe(original);

  await setVisibility(page, 'hidden');
  await emulator.control.agentSays(conversation.id, 'Your parcel left the warehouse');
  await expect.poll(() => page.title()).toMatch(/1/);
  expect(await page.title()).toContain(original);
  expect(await page.title()).not.toBe(original);
  await emulator.control.agentSays(conversation.id, 'It arrives tomorrow');
  await expect.poll(() => page.title()).toMatch(/2/);

  await setVisibility(page, 'visible');
  await expect.poll(() => page.title()).toBe(original);
  // Read while visible and open: a later hide with nothing new changes nothing.
  await setVisibility(page, 'hidden');
  await expect(t.article('It arrives tomorrow')).toBeAttached();
  expect(await page.title()).toBe(original);
});

test('End chat asks first: Cancel keeps the chat, End leaves it; Start new chat begins a new one, which the agent can end too', async ({ page, site, emulator }) => {
  const conversation = await chatWithGrace(page, site, emulator);
  const t = ui(page);
  await t.endChat.click();
  const question = page.getByRole('group', { name: /end this chat/i });
  await expect(question).toBeVisible();
  await expect(t.cancelEnd).toBeFocused();
  await t.cancelEnd.click();
  await expect(question).toHaveCount(0);
  await expect(t.endChat).toBeFocused();
  expect((await guestMember(emulator, conversation.id))?.state).toBe('CONNECTED');

  await t.endChat.click();
  await t.confirmEnd.click();
  await expect(t.ended).toBeVisible();
  await expect.poll(async () => (await guestMember(emulator, conversation.id))?.state).toBe('DISCONNECTED');
  await expectEndedView(page);

  await t.startNew.click();
  const next = await emulator.control.waitForConversation((c) => c.id !== conversation.id);
  // The same guest, without asking the form again.
  expect(next.members.find((m) => m.role === 'CUSTOMER')?.displayName).toBe('Ada');
  await expect(t.waiting).toBeVisible();
  await expect(t.composer).toBeEnabled();
  await emulator.control.joinAgent(next.id, { displayName: 'Grace' });
  await emulator.control.agentSays(next.id, 'Welcome back');
  await expect(t.article('Welcome back')).toBeVisible();
  await expect(t.ended).toHaveCount(0);

  // The agent ends this one: the same ended view, the agent's last words kept.
  await emulator.control.agentSays(next.id, 'Thanks for chatting, goodbye!');
  await emulator.control.disconnect(next.id);
  await expect(t.ended).toBeVisible();
  await expectEndedView(page);
  await expect(t.article('Thanks for chatting, goodbye!')).toBeVisible();
});

test('the newest message stays in view when the log gets shorter: the ended notice and Start new chat take room below it', async ({ page, site, emulator }) => {
  const conversation = await chatWithGrace(page, site, emulator);
  const t = ui(page);
  // More than the log can show, so it scrolls; it follows the newest line.
  for (let i = 1; i <= 14; i++) await emulator.control.agentSays(conversation.id, `Line ${i} of a long answer`);
  await emulator.control.agentSays(conversation.id, 'The last words');
  await expect(t.article('The last words')).toBeVisible();
  // The guest ends it: no new line comes into the log, only the notice and the button below it.
  await t.endChat.click();
  await t.confirmEnd.click();
  await expect(t.startNew).toBeVisible();
  // The log box shrank under the article that was at its bottom: it must still be scrolled into full view.
  const log = page.getByRole('log', { name: /^messages$/i });
  await expect
    .poll(async () => {
      const [box, last] = await Promise.all([log.boundingBox(), page.getByRole('article').last().boundingBox()]);
      return !!box && !!last && last.y + last.height <= box.y + box.height + 1;
    })
    .toBe(true);
});

async function expectEndedView(page: Page) {
  const t = ui(page);
  await expect(t.composer).toBeDisabled();
  await expect(t.composer).toHaveAttribute('placeholder', /chat ended/i);
  await expect(t.endChat).toHaveCount(0);
  await expect(t.participantsToggle).toHaveCount(0);
  await expect(t.startNew).toBeVisible();
  await expect(t.transcript).toBeVisible();
}

fastHeartbeatTest('while the event stream is down the window says Reconnecting…, and what was said meanwhile appears once it is back', async ({ page, site, emulator }) => {
  const conversation = await chatWithGrace(page, site, emulator);
  const t = ui(page);
  await expect(t.reconnecting).toHaveCount(0);

  // A network cut, and the server refuses every reconnect until the fault is cleared.
  await emulator.control.faults({ dropSockets: true, rejectSockets: 1000 });
  await expect(t.reconnecting).toBeVisible();
  await emulator.control.agentSays(conversation.id, 'Said during the outage');
  await expect(t.composer).toBeEnabled();
  await emulator.control.clearFaults();
  await expect(t.reconnecting).toHaveCount(0, { timeout: 30_000 });
  await expect(t.article('Said during the outage')).toBeVisible();

  // A dead path: the socket stays open and silent; the widget notices by the missing heartbeats.
  await emulator.control.faults({ stallSocketsMs: 3_000 });
  await emulator.control.agentSays(conversation.id, 'Said during the stall');
  await expect(t.article('Said during the stall')).toBeVisible({ timeout: 20_000 });
  await expect(t.reconnecting).toHaveCount(0, { timeout: 20_000 });
  await expect(t.article('Said during the outage')).toHaveCount(1);
});

test.describe('on a phone (375 px wide)', () => {
  test.use({ viewport: { width: 375, height: 667 } });

  test('the window fills the whole screen and hides the launcher while open, and axe-core finds no violation there', async ({ page, site, emulator }) => {
    await page.goto(site.embed());
    const t = ui(page);
    await t.openLauncher.click();
    await expect(t.firstName).toBeFocused();
    // Polled: the window slides in (0.2 s, longer on a busy machine).
    const fullScreen = { x: 0, y: 0, width: 375, height: 667 };
    await expect.poll(() => t.dialog.boundingBox()).toEqual(fullScreen);
    await expect(t.launcher).toBeHidden();
    await expectAccessible(page, 'mobile: pre-chat form');
    await t.firstName.fill('Ada');
    await t.startChat.click();
    const { id } = await emulator.control.waitForConversation();
    await expect(t.composer).toBeFocused();
    expect(await t.dialog.boundingBox()).toEqual(fullScreen);
    await emulator.control.joinAgent(id, { displayName: 'Grace' });
    await agentTalks(emulator, id);
    await scanChatting(page, emulator, id, 'mobile: chatting: messages, a link, a notice, typing');
    await t.participantsToggle.click();
    await expect(t.participantsList).toBeVisible();
    await expectAccessible(page, 'mobile: participants panel');
    await t.participantsToggle.click();
    await t.minimize.click();
    await expect(t.dialog).toBeHidden();
    await expect(t.openLauncher).toBeVisible();
  });

  // Below 480 px the launcher is hidden while the window is open: focus must wait for it to show again.
  test('Minimize and Escape give focus back to the launcher, as on a desktop', async ({ page, site }) => {
    await page.goto(site.embed({ 'prechat-fields': '' }));
    const t = ui(page);
    await t.launcher.focus();
    await page.keyboard.press('Enter');
    await expect(t.composer).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(t.dialog).toBeHidden();
    await expect(t.openLauncher).toBeFocused();

    await page.keyboard.press('Enter');
    await expect(t.composer).toBeFocused();
    await t.minimize.click();
    await expect(t.dialog).toBeHidden();
    await expect(t.openLauncher).toBeFocused();
  });
});
