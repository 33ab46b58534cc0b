// axe-core (tags wcag2a, wcag2aa, wcag21a, wcag21aa, wcag22aa) over the real widget in every state a guest meets, in
// the light and the dark theme: each story walks the states and scans each one. Arabic (right to left) and the 375 px
// phone are scanned in their own stories (ui-locales, ui-states); docs/decisions/071 lists every scanned state.
import { expect, startChatAs, test } from './fixtures';
import { fastHeartbeatTest } from './proof-helpers';
import { agentTalks, axeViolations, expectAccessible, scanChatting, ui } from './ui-helpers';

// Stories on two busy cores: generous, since every wait is on a condition, never on time.
test.describe.configure({ timeout: 120_000 });

const MESSAGES_POST = 'POST /api/v2/webchat/guest/conversations/*/members/*/messages';

fastHeartbeatTest('no violation from closed through the form, the queue, chatting, a sending and a failed message, reconnecting, the panel, a media request and the end', async ({ page, site, emulator }) => {
  await page.goto(site.embed());
  const t = ui(page);
  await expect(t.openLauncher).toBeVisible();
  await expectAccessible(page, 'closed');

  await t.openLauncher.click();
  await expect(t.firstName).toBeFocused();
  await expectAccessible(page, 'pre-chat form');
  await t.email.fill('ada@');
  await t.startChat.click();
  await expect(t.alerts).toHaveCount(2);
  await t.firstName.fill('Ada');
  await t.startChat.click();
  await expect(t.alerts).toHaveCount(1);
  await expect(t.email).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'pre-chat form with errors');

  await t.email.fill('ada@example.com');
  await t.startChat.click();
  await expect(t.waiting).toBeVisible();
  const { id } = await emulator.control.waitForConversation();
  await expectAccessible(page, 'queued');

  await emulator.control.joinAgent(id, { displayName: 'Grace' });
  await agentTalks(emulator, id);
  await t.composer.fill('Thanks! When will it arrive?');
  await t.composer.press('Enter');
  await expect(t.article('When will it arrive?')).not.toContainText(/sending/i);
  // From here the guest's next message is refused until the end: it shows Sending…, then Not sent with Retry, while
  // the other states are scanned.
  await emulator.control.faults({ failRequests: { status: 503, count: 1000, match: MESSAGES_POST } });
  await t.composer.fill('Can I change the address?');
  await t.composer.press('Enter');
  await expect(t.article('Can I change the address?')).toContainText(/sending/i);
  await scanChatting(page, emulator, id, 'chatting: messages, a link, a notice, typing, a message sending');

  await t.minimize.click();
  await emulator.control.agentSays(id, 'Are you still there?');
  await expect(t.launcher).toHaveAccessibleName(/unread/i);
  await expectAccessible(page, 'closed with unread messages');
  await t.openLauncher.click();

  // The stream is down until sockets are accepted again (rejectSockets 0 leaves the message fault on).
  await emulator.control.faults({ dropSockets: true, rejectSockets: 1000 });
  await expect(t.reconnecting).toBeVisible();
  await expectAccessible(page, 'reconnecting');
  await emulator.control.faults({ rejectSockets: 0 });

  await t.participantsToggle.click();
  await expect(t.participantsList.getByRole('listitem')).toHaveCount(2);
  await expectAccessible(page, 'participants panel');
  await t.participantsToggle.click();
  await emulator.control.mediaRequest(id, ['COBROWSE']);
  await expect(t.decline).toBeFocused();
  await expectAccessible(page, 'media request');
  await t.decline.click();
  await expect(t.mediaPrompt).toHaveCount(0);

  await expect(t.retry).toBeVisible({ timeout: 40_000 });
  await expect(t.reconnecting).toHaveCount(0, { timeout: 40_000 });
  await expectAccessible(page, 'failed message with Retry');
  await emulator.control.clearFaults();

  await t.endChat.click();
  await expect(t.cancelEnd).toBeFocused();
  await expectAccessible(page, 'end chat question');
  await t.confirmEnd.click();
  await expect(t.ended).toBeVisible();
  await expect(t.startNew).toBeVisible();
  await expectAccessible(page, 'ended');

  // The scan can fail: it reaches into the widget's shadow root and sees a control without a name there.
  await t.dialog.evaluate((win) => win.appendChild(document.createElement('button')));
  expect(await axeViolations(page)).toEqual([expect.stringMatching(/^button-name /)]);
});

test('no violation in the dark theme: closed, form errors, the queue, chatting, the panel, a media request, the end', async ({ page, site, emulator }) => {
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.goto(site.embed({ theme: 'dark' }));
  const t = ui(page);
  await expectAccessible(page, 'dark: closed');
  await t.openLauncher.click();
  await t.email.fill('nope');
  await t.startChat.click();
  await expect(t.firstName).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page, 'dark: pre-chat form with errors');
  await t.email.fill('');
  const { id } = await startChatAs(page, emulator, 'Ada');
  await expect(t.waiting).toBeVisible();
  await expectAccessible(page, 'dark: queued');
  await emulator.control.joinAgent(id, { displayName: 'Grace' });
  await agentTalks(emulator, id);
  await t.composer.fill('Can I change the address?');
  await t.composer.press('Enter');
  await scanChatting(page, emulator, id, 'dark: chatting: messages, a link, a notice, typing');
  await t.participantsToggle.click();
  await expect(t.participantsList).toBeVisible();
  await expectAccessible(page, 'dark: participants panel');
  await t.participantsToggle.click();
  await emulator.control.mediaRequest(id, ['SCREENSHARE']);
  await expect(t.decline).toBeFocused();
  await expectAccessible(page, 'dark: media request');
  await t.accept.click();
  await emulator.control.disconnect(id);
  await expect(t.ended).toBeVisible();
  await expectAccessible(page, 'dark: ended');
});
