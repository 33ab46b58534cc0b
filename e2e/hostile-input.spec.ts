// Hostile input: an XSS corpus through agent message bodies, agent display names and avatar URLs, and the guest's
// own names, custom fields, title and messages. Nothing runs, nothing dangerous enters the DOM, text stays literal.
import { expect, startChatAs, test, widget } from './fixtures';
import { armTraps, articleTexts, logArticles, scanWidgetDom, trapHits } from './proof-helpers';
import { XSS_AVATAR_URLS, XSS_DISPLAY_NAMES, XSS_GUEST_VALUES, XSS_VECTORS } from './xss-corpus';

const tag = (prefix: string, i: number) => `${prefix}${String(i).padStart(2, '0')}`;
/** Whitespace may be laid out differently (pre-wrap, a textarea's line ends); lone surrogates cross CDP as U+FFFD. */
const literal = (s: string) => s.replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD').replace(/\s+/g, '');

/** The one article carrying `marker`, as text. */
function onlyArticleWith(texts: string[], marker: string): string {
  const found = texts.filter((t) => t.includes(marker));
  expect(found, `articles carrying ${marker}`).toHaveLength(1);
  return found[0] ?? '';
}

test('agent message bodies from the XSS corpus show as literal text and run nothing', async ({ page, site, emulator, pageErrors }) => {
  expect(XSS_VECTORS.length).toBeGreaterThanOrEqual(50);
  const dialogs = await armTraps(page);
  await page.goto(site.embed());
  const conversation = await startChatAs(page, emulator, 'Ada');
  await emulator.control.joinAgent(conversation.id, { displayName: 'Grace' });
  for (const [i, v] of XSS_VECTORS.entries()) await emulator.control.agentSays(conversation.id, `${tag('XSS-', i)} ${v.payload}`);

  await expect(logArticles(page).filter({ hasText: tag('XSS-', XSS_VECTORS.length - 1) })).toHaveCount(1);

  const texts = await articleTexts(page);
  for (const [i, v] of XSS_VECTORS.entries()) {
    expect(literal(onlyArticleWith(texts, `${tag('XSS-', i)} `)), `vector ${v.id} shown literally`).toContain(literal(v.payload));
  }
  expect(await scanWidgetDom(page)).toEqual([]);
  expect(await trapHits(page, dialogs)).toEqual([]);
  expect(pageErrors).toEqual([]);
});

test('agent display names and avatar URLs from the corpus show as text, and only http(s) pictures load', async ({ page, site, emulator, pageErrors }) => {
  const dialogs = await armTraps(page);
  await page.goto(site.embed());
  const conversation = await startChatAs(page, emulator, 'Ada');
  const w = widget(page);
  for (const [i, displayName] of XSS_DISPLAY_NAMES.entries()) {
    const avatarImageUrl = XSS_AVATAR_URLS[i % XSS_AVATAR_URLS.length];
    await emulator.control.joinAgent(conversation.id, { displayName, ...(avatarImageUrl ? { avatarImageUrl } : {}) });
    await emulator.control.agentSays(conversation.id, `${tag('NAME-', i)} hello`);
    // The name arrives by a member lookup after the message: wait for it rather than for the article alone.
    await expect
      .poll(async () => (await articleTexts(page)).filter((t) => t.includes(tag('NAME-', i))).map(literal), { message: `agent name #${i} shown literally`, intervals: [50, 100, 200] })
      .toEqual([expect.stringContaining(literal(displayName))]);
    if (i < XSS_DISPLAY_NAMES.length - 1) await emulator.control.agentLeaves(conversation.id);
  }
  // Avatars left over (more URLs than names) go to one more agent each.
  for (const avatarImageUrl of XSS_AVATAR_URLS.slice(XSS_DISPLAY_NAMES.length)) {
    await emulator.control.agentLeaves(conversation.id);
    await emulator.control.joinAgent(conversation.id, { displayName: 'Grace', avatarImageUrl });
  }
  // The participant list shows the names a second way.
  await page.getByRole('button', { name: /^participants$/i }).click();
  const list = page.getByRole('list', { name: /^participants$/i });
  await expect(list).toBeVisible();
  const listed = literal((await list.textContent()) ?? '');
  expect(listed).toContain(literal(XSS_DISPLAY_NAMES[XSS_DISPLAY_NAMES.length - 1] ?? ''));
  expect(await scanWidgetDom(page)).toEqual([]);
  expect(await trapHits(page, dialogs)).toEqual([]);
  expect(pageErrors).toEqual([]);
  await expect(w.log).toBeVisible();
});

test('the guest’s hostile names, custom fields, title and messages are shown literally and stored exactly', async ({ page, site, emulator, pageErrors }) => {
  const dialogs = await armTraps(page);
  const g = XSS_GUEST_VALUES;
  await page.goto(site.embed({ 'custom-fields': JSON.stringify(g.customFields), title: g.title, 'prechat-fields': 'firstName,lastName' }));
  const w = widget(page);
  await w.openLauncher.click();
  await expect(w.dialog).toContainText(g.title);
  await w.firstName.fill(g.firstName);
  await w.lastName.fill(g.lastName);
  await w.startChat.click();
  const conversation = await emulator.control.waitForConversation();
  const guest = conversation.members.find((m) => m.role === 'CUSTOMER');
  expect(guest?.displayName).toBe(`${g.firstName} ${g.lastName}`);
  for (const [key, value] of Object.entries(g.customFields)) {
    // An own "__proto__" key may be dropped by a safe parser; it must only never pollute anything.
    if (key !== '__proto__') expect(guest?.customFields?.[key], `custom field ${key}`).toBe(value);
  }
  expect(await page.evaluate(() => Object.keys(Object.prototype))).toEqual([]);

  await emulator.control.joinAgent(conversation.id, { displayName: 'Grace' });
  const sent = ['script', 'img-onerror', 'svg-onload', 'iframe-srcdoc', 'a-js', 'md-link-js', 'entity-script', 'fullwidth', 'rtl-override', 'zero-width-js', 'template-braces', 'css-breakout', 'url-quote', 'math-mxss']
    .map((id) => XSS_VECTORS.find((v) => v.id === id))
    .filter((v) => v !== undefined);
  for (const v of sent) {
    await w.composer.fill(v.payload);
    await w.composer.press('Enter');
    await expect(w.composer).toHaveValue('');
  }
  await expect
    .poll(async () => (await emulator.control.conversation(conversation.id)).messages.filter((m) => m.sender.id === guest?.id && m.bodyType === 'standard').map((m) => m.body))
    .toEqual(sent.map((v) => v.payload));
  const texts = await articleTexts(page);
  for (const v of sent) {
    const own = texts.filter((t) => literal(t).includes(literal(v.payload)));
    expect(own, `guest message ${v.id} shown once, literally`).toHaveLength(1);
  }
  expect(literal(texts.join(' '))).toContain(literal(`${g.firstName} ${g.lastName}`));
  expect(await scanWidgetDom(page)).toEqual([]);
  expect(await trapHits(page, dialogs)).toEqual([]);
  expect(pageErrors).toEqual([]);
});
