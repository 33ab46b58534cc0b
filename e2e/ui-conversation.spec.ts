// The conversation as the guest sees it (issue 5, "What the guest can do and see"): messages with names, avatars,
// times and groups, text kept as text with safe links, typing, notices, the composer, failures with Retry, history.
import { readFileSync } from 'node:fs';
import { expect, test } from './fixtures';
import { articleTexts, logArticles } from './proof-helpers';
import { agentPosts, chatWithGrace, escapeRegExp, ui } from './ui-helpers';

// Stories on two busy cores: generous, since every wait is on a condition, never on time.
test.describe.configure({ timeout: 120_000 });

const MESSAGES_POST = 'POST /api/v2/webchat/guest/conversations/*/members/*/messages';
/** A 1×1 PNG, served for an agent's avatar URL by page.route (no real network). */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');
const TIME = /\d{1,2}:\d{2}/;

test('agent messages show name, picture or initials, time and grouping, and text stays text with links as safe anchors', async ({ page, site, emulator }) => {
  const avatar = 'https://avatars.parley.test/grace.png';
  await page.route(avatar, (route) => route.fulfill({ status: 200, contentType: 'image/png', body: PNG }));
  const conversation = await chatWithGrace(page, site, emulator, {}, { displayName: 'Grace Hopper', avatarImageUrl: avatar });
  const t = ui(page);
  const id = conversation.id;
  // New messages are announced politely (a log is an implicit polite live region).
  await expect(t.log).not.toHaveAttribute('aria-live', /assertive|off/);

  // Two messages in a row form one group: the first carries the name, picture and time, the second only the text.
  await emulator.control.agentSays(id, 'Hello Ada.');
  await emulator.control.agentSays(id, 'How can I help?');
  const first = t.article('Hello Ada.');
  const second = t.article('How can I help?');
  await expect(first).toContainText('Grace Hopper');
  await expect(first).toContainText(TIME);
  // Every article names its sender, for screen readers, even inside a group.
  await expect(second).toContainText('Grace Hopper');
  const picture = first.locator('img');
  await expect(picture).toHaveAttribute('src', avatar);
  await expect.poll(() => picture.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
  await expect(second.locator('img')).toHaveCount(0);
  const [firstBox, secondBox] = [await first.boundingBox(), await second.boundingBox()];
  expect(firstBox!.height - secondBox!.height, 'a continuation hides the name line').toBeGreaterThan(8);

  // Text: newlines kept, markup literal, long words wrapped, only http(s) and mailto links become anchors.
  await emulator.control.agentSays(id, 'Line one\nLine two');
  await expect.poll(() => t.article('Line one').innerText()).toMatch(/Line one\s*\n\s*Line two/);
  await emulator.control.agentSays(id, '<b>not bold</b> & <img src=x onerror=alert(1)>');
  await expect(t.article('<b>not bold</b> & <img src=x onerror=alert(1)>')).toBeVisible();
  await emulator.control.agentSays(id, `Tracking ${'X'.repeat(400)} end`);
  await expect(t.article(/Tracking X+ end/)).toBeVisible();
  expect(await t.log.evaluate((el) => el.scrollWidth - el.clientWidth), 'no sideways scrolling in the log').toBeLessThanOrEqual(0);
  await emulator.control.agentSays(id, 'Track it at https://example.com/track?id=7, or write to mailto:help@example.com. Never javascript:alert(1) or ftp://example.com/x');
  const links = t.article('Track it at').getByRole('link');
  await expect(links).toHaveCount(2);
  const track = t.article('Track it at').getByRole('link', { name: 'https://example.com/track?id=7' });
  await expect(track).toHaveAttribute('href', 'https://example.com/track?id=7');
  await expect(track).toHaveAttribute('target', '_blank');
  for (const link of [track, t.article('Track it at').getByRole('link', { name: 'mailto:help@example.com' })]) {
    await expect(link).toHaveAttribute('target', '_blank');
    expect((await link.getAttribute('rel'))?.split(/\s+/)).toEqual(expect.arrayContaining(['noopener', 'noreferrer']));
  }

  // Typing shows until the agent's message arrives; system notices and leaves are lines of their own.
  await emulator.control.agentTyping(id);
  await expect(t.typing('Grace Hopper')).toBeVisible();
  await emulator.control.agentSays(id, 'Found it.');
  await expect(t.article('Found it.')).toBeVisible();
  await expect(t.typing('Grace Hopper')).toHaveCount(0);
  await agentPosts(emulator, id, 'Your order 1234 has shipped', 'notice');
  await expect(t.article('Your order 1234 has shipped')).toBeVisible();
  await emulator.control.agentLeaves(id);
  await expect(t.article(/Grace Hopper left the chat/i)).toBeVisible();

  // Another agent without a picture gets initials; a new sender opens a new group.
  await emulator.control.joinAgent(id, { displayName: 'Alan Turing' });
  await expect(t.article(/Alan Turing joined the chat/i)).toBeVisible();
  await emulator.control.agentSays(id, 'Alan here, taking over.');
  const alan = t.article('Alan here, taking over.');
  await expect(alan).toContainText('Alan Turing');
  await expect(alan).toContainText('AT');
  await expect(alan.locator('img')).toHaveCount(0);
});

test('the composer sends on Enter, breaks lines on Shift+Enter, grows, reports typing and counts to the 4,000-character limit', async ({ page, site, emulator }) => {
  const conversation = await chatWithGrace(page, site, emulator);
  const t = ui(page);
  const stored = async () =>
    (await emulator.control.conversation(conversation.id)).messages.filter((m) => m.bodyType === 'standard').map((m) => m.body);

  await expect(t.composer).toBeEnabled();
  await expect(t.send).toBeDisabled();
  const oneLine = (await t.composer.boundingBox())!.height;
  const typing = page.waitForRequest((r) => r.method() === 'POST' && /\/members\/[^/]+\/typing$/.test(r.url()));
  await t.composer.pressSequentially('Line one');
  await typing;
  await t.composer.press('Shift+Enter');
  await t.composer.pressSequentially('Line two');
  await t.composer.press('Shift+Enter');
  await t.composer.pressSequentially('Line three');
  await expect(t.composer).toHaveValue('Line one\nLine two\nLine three');
  expect((await t.composer.boundingBox())!.height, 'the box grows with its lines').toBeGreaterThan(oneLine + 20);
  await t.composer.press('Enter');
  await expect(t.composer).toHaveValue('');
  await expect.poll(stored).toEqual(['Line one\nLine two\nLine three']);
  await expect.poll(() => t.article('Line one').innerText()).toMatch(/Line one\s*\n\s*Line two\s*\n\s*Line three/);
  await expect.poll(async () => (await t.composer.boundingBox())!.height, { message: 'the box shrinks back' }).toBeLessThan(oneLine + 2);

  // Blank text sends nothing.
  await t.composer.fill('   ');
  await expect(t.send).toBeDisabled();
  await t.composer.press('Enter');

  // The counter appears near the limit, describes the box, and over the limit nothing can be sent.
  await t.composer.fill('a'.repeat(3990));
  await expect(t.composer).toHaveAccessibleDescription(/3,990\s*\/\s*4,000/);
  await expect(t.send).toBeEnabled();
  await t.composer.fill('a'.repeat(4001));
  await expect(t.composer).toHaveAccessibleDescription(/4,001\s*\/\s*4,000/);
  await expect(t.composer).toHaveAttribute('aria-invalid', 'true');
  await expect(t.send).toBeDisabled();
  await t.composer.press('Enter');
  await expect(t.composer).toHaveValue('a'.repeat(4001));
  await t.composer.press('Backspace');
  await expect(t.composer).not.toHaveAttribute('aria-invalid', 'true');
  await t.send.click();
  await expect(t.composer).toHaveValue('');
  await expect.poll(async () => (await stored()).map((b) => b.length)).toEqual([28, 4000]);
});

test('a message the service keeps refusing shows Sending…, then Not sent with Retry, and Retry delivers it once', async ({ page, site, emulator }) => {
  const conversation = await chatWithGrace(page, site, emulator);
  const t = ui(page);
  await emulator.control.faults({ failRequests: { status: 503, count: 1000, match: MESSAGES_POST } });
  await t.composer.fill('Is my order shipped?');
  await t.composer.press('Enter');
  const mine = t.article('Is my order shipped?');
  await expect(mine).toContainText(/sending/i);
  // At least 3 attempts over at least 5 s with backoff (widget-contract.md §4) before it is shown failed.
  await expect(mine.getByRole('button', { name: /^retry$/i })).toBeVisible({ timeout: 40_000 });
  await expect(mine).toContainText(/not sent/i);
  const bodies = async () => (await emulator.control.conversation(conversation.id)).messages.filter((m) => m.bodyType === 'standard').map((m) => m.body);
  expect(await bodies()).toEqual([]);

  await emulator.control.clearFaults();
  await mine.getByRole('button', { name: /^retry$/i }).click();
  await expect(t.retry).toHaveCount(0);
  await expect(mine).not.toContainText(/not sent|sending/i);
  await expect.poll(bodies).toEqual(['Is my order shipped?']);
  await expect(t.article('Is my order shipped?')).toHaveCount(1);
});

test('a long chat resumed after a reload shows its newest messages and loads the earlier ones on request, in order', async ({ page, site, emulator }) => {
  const conversation = await chatWithGrace(page, site, emulator);
  const line = (n: number) => `H-${String(n).padStart(3, '0')}`;
  const total = 130;
  for (let n = 1; n <= total; n++) await emulator.control.agentSays(conversation.id, `${line(n)} history line`);
  await expect(logArticles(page).filter({ hasText: line(total) })).toHaveCount(1);
  const shown = async () => (await articleTexts(page)).flatMap((text) => text.match(/H-\d{3}(?= history)/g) ?? []);

  await page.reload();
  const t = ui(page);
  if (!(await t.dialog.isVisible())) await t.openLauncher.click();
  await expect(logArticles(page).filter({ hasText: line(total) })).toHaveCount(1);
  await expect(t.earlier).toBeVisible();
  const before = await shown();
  expect(before.length, 'one page of history, not all of it').toBeLessThan(total);
  expect(before).toEqual(Array.from({ length: before.length }, (_, i) => line(total - before.length + 1 + i)));

  await t.earlier.click();
  await expect.poll(shown).toEqual(Array.from({ length: total }, (_, i) => line(i + 1)));
  await expect(t.earlier).toHaveCount(0);
});

test('the participants panel lists every connected member with name and role, and follows joins and leaves', async ({ page, site, emulator }) => {
  const conversation = await chatWithGrace(page, site, emulator);
  const t = ui(page);
  await expect(t.participantsToggle).toHaveAttribute('aria-expanded', 'false');
  await t.participantsToggle.click();
  await expect(t.participantsToggle).toHaveAttribute('aria-expanded', 'true');
  const items = t.participantsList.getByRole('listitem');
  await expect(items).toHaveCount(2);
  await expect(items.filter({ hasText: 'Grace' })).toContainText(/agent/i);
  await expect(items.filter({ hasText: 'Ada' })).toContainText(/guest/i);

  await emulator.control.agentLeaves(conversation.id);
  await expect(items).toHaveCount(1);
  await expect(items.filter({ hasText: 'Grace' })).toHaveCount(0);
  await emulator.control.joinAgent(conversation.id, { displayName: 'Alan' });
  await expect(items.filter({ hasText: 'Alan' })).toContainText(/agent/i);
  await expect(items).toHaveCount(2);

  await t.participantsToggle.click();
  await expect(t.participantsList).toHaveCount(0);
  await expect(t.composer).toBeEnabled();
});

test('Download transcript saves a plain-text file with the time, sender and text of every message, one per line', async ({ page, site, emulator }) => {
  const conversation = await chatWithGrace(page, site, emulator);
  const t = ui(page);
  await t.composer.fill('Do you ship to Norway?');
  await t.composer.press('Enter');
  await expect.poll(async () => (await emulator.control.conversation(conversation.id)).messages.map((m) => m.body)).toContain('Do you ship to Norway?');
  await emulator.control.agentSays(conversation.id, 'Yes, within 3 days: https://example.com/shipping');
  await agentPosts(emulator, conversation.id, 'Grace shared the shipping policy', 'notice');
  await emulator.control.agentSays(conversation.id, 'Anything else?');
  await expect(t.article('Anything else?')).toBeVisible();
  await expect(t.article('Do you ship to Norway?')).not.toContainText(/sending/i);

  const downloading = page.waitForEvent('download');
  await t.transcript.click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/\.txt$/);
  const file = readFileSync((await download.path())!, 'utf8');
  const lines = file.split(/\r?\n/).filter((l) => l.trim() !== '');

  // A join is a sentence ("Grace joined the chat"); a message is the sender's name, then the text.
  const expected: [name: string, text: string][] = [
    ['', 'Grace joined the chat'],
    ['Ada', 'Do you ship to Norway?'],
    ['Grace', 'Yes, within 3 days: https://example.com/shipping'],
    ['Grace', 'Grace shared the shipping policy'],
    ['Grace', 'Anything else?'],
  ];
  const articles = await logArticles(page).count();
  expect(lines, `one line per message:\n${file}`).toHaveLength(articles);
  expect(lines.length).toBeGreaterThanOrEqual(expected.length);
  let at = 0;
  for (const [name, text] of expected) {
    const pattern = new RegExp(`${TIME.source}.*${escapeRegExp(name)}.*${escapeRegExp(text)}$`);
    const found = lines.findIndex((l, i) => i >= at && pattern.test(l));
    expect(found, `a line with time, "${name}" and "${text}", in order:\n${file}`).toBeGreaterThanOrEqual(0);
    at = found + 1;
  }
  for (const l of lines) expect(l, 'every line has a time').toMatch(TIME);
});
