// The pre-chat form and the wait for an agent (issue 5): the configured fields, validation announced and tied to its
// field, a failed start said plainly, the "waiting for an agent" state, then the conversation.
import { expect, test } from './fixtures';
import { ui } from './ui-helpers';

// Stories on two busy cores: generous, since every wait is on a condition, never on time.
test.describe.configure({ timeout: 120_000 });

test('the form validates the first name and the email, announces each error at its field, and starts the chat once right', async ({ page, site, emulator }) => {
  await page.goto(site.embed({ 'prechat-fields': 'firstName,lastName,email,phoneNumber' }));
  const t = ui(page);
  await t.openLauncher.click();
  await expect(page.getByRole('dialog', { name: /^chat with us$/i })).toBeVisible();
  await expect(t.firstName).toBeFocused();
  for (const field of [t.firstName, t.lastName, t.email, t.phoneNumber]) await expect(field).toBeEditable();

  // Nothing filled: the first name is required.
  await t.startChat.click();
  await expect(t.alerts).toHaveCount(1);
  await expect(t.alerts).toHaveText(/first name/i);
  await expect(t.firstName).toHaveAttribute('aria-invalid', 'true');
  await expect(t.firstName).toHaveAccessibleDescription(/first name/i);
  await expect(t.firstName).toBeFocused();

  // A name, but an email without the local@domain form.
  await t.firstName.fill('Ada');
  await t.lastName.fill('Lovelace');
  await t.email.fill('ada.example.com');
  await t.startChat.click();
  await expect(t.alerts).toHaveCount(1);
  await expect(t.alerts).toHaveText(/email/i);
  await expect(t.email).toHaveAttribute('aria-invalid', 'true');
  await expect(t.email).toHaveAccessibleDescription(/name@example\.com/i);
  await expect(t.email).toBeFocused();
  await expect(t.firstName).not.toHaveAttribute('aria-invalid', 'true');
  expect(await emulator.control.conversations(), 'nothing was created while the form was wrong').toEqual([]);

  // Right: the chat starts and waits for an agent.
  await t.email.fill('ada@example.com');
  await t.phoneNumber.fill('+44 20 7946 0000');
  await t.startChat.click();
  await expect(t.waiting).toBeVisible();
  await expect(t.firstName).toHaveCount(0);
  const conversation = await emulator.control.waitForConversation();
  const guest = conversation.members.find((m) => m.role === 'CUSTOMER');
  expect(guest?.displayName).toBe('Ada Lovelace');
  expect(guest?.customFields).toMatchObject({ firstName: 'Ada', lastName: 'Lovelace', email: 'ada@example.com', phoneNumber: '+44 20 7946 0000' });
  await expect(t.log).toBeVisible();
  await expect(t.composer).toBeFocused();

  // The guest may write while queued; an agent joining ends the wait.
  await t.composer.fill('Hello, anyone there?');
  await t.composer.press('Enter');
  await expect.poll(async () => (await emulator.control.conversation(conversation.id)).messages.map((m) => m.body)).toContain('Hello, anyone there?');
  await emulator.control.joinAgent(conversation.id, { displayName: 'Grace' });
  await expect(t.article(/Grace joined the chat/i)).toBeVisible();
  await expect(t.waiting).toHaveCount(0);
  await expect(t.dialog).toContainText('Grace');
});

test('a start the service refuses is said in the form, which keeps what was typed and can try again', async ({ page, site, emulator }) => {
  await page.goto(site.embed());
  const t = ui(page);
  await emulator.control.faults({ failRequests: { status: 503, count: 1, match: 'POST /api/v2/webchat/guest/conversations' } });
  await t.openLauncher.click();
  await t.firstName.fill('Ada');
  await t.email.fill('ada@example.com');
  await t.startChat.click();
  await expect(t.alerts.filter({ hasText: /try again/i })).toBeVisible();
  await expect(t.firstName).toHaveValue('Ada');
  await expect(t.email).toHaveValue('ada@example.com');
  expect(await emulator.control.conversations()).toEqual([]);

  await t.startChat.click();
  const conversation = await emulator.control.waitForConversation();
  expect(conversation.members.find((m) => m.role === 'CUSTOMER')?.displayName).toBe('Ada');
  await expect(t.waiting).toBeVisible();
  await expect(t.alerts).toHaveCount(0);
});
