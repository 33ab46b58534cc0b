// Isolation both ways (widget-contract.md §1): hostile host CSS changes nothing in the widget, the widget changes
// nothing in the host page, and a page under the contract's strict CSP works end to end with zero violations.
import type { Page } from '@playwright/test';
import { expect, htmlPage, startChatAs, test, widget, type Emulator, type Site } from './fixtures';
import { cspViolations, hostStyles, logArticles, pixelDiff, recordCspViolations, styleDiff, widgetStyles } from './proof-helpers';

/**
 * Rules a careless or hostile site could have, on *, html, body and element names, !important included. Left out on
 * purpose: transform, filter, opacity, contain or zoom on html/body — on an ancestor they make it the containing
 * block of (or scale, or fade) everything inside, fixed-position widgets included, and no embedded widget can undo
 * that (docs/decisions/061).
 */
const HOSTILE_CSS = `
html { font-size: 5px !important; line-height: 0.5 !important; }
body { color: red !important; font: italic 900 27px/3 "Comic Sans MS", cursive !important; letter-spacing: 3px !important; direction: rtl; }
* { color: red !important; font-size: 31px !important; font-family: cursive !important; font-weight: 100 !important;
    line-height: 3 !important; letter-spacing: 4px !important; word-spacing: 12px !important; text-transform: uppercase !important;
    text-align: right !important; text-shadow: 2px 2px lime !important; box-sizing: content-box !important;
    cursor: crosshair !important; visibility: visible !important; white-space: nowrap !important; }
*, *::before, *::after { margin: 7px !important; padding: 9px !important; border: 3px dashed lime !important; outline: 4px solid blue !important; }
button { all: unset !important; }
input, textarea, select { all: unset !important; }
div, span, p, ul, li, section, article, header, footer, form, label, h1, h2, h3, img, svg, a, time {
    background: yellow !important; display: block !important; float: left !important; width: 50% !important; }
a { color: lime !important; text-decoration: line-through !important; }
[role], [aria-label], [class], [id], [hidden] { display: block !important; position: static !important; z-index: -1 !important; }
`;

const PAGE_TEXT = '<p id="intro">Our store sells tents.</p>';

/** Opens the page, chats a little (agent message with a link, a guest message), and returns the widget there. */
async function chatOn(page: Page, url: string, emulator: Emulator, known: string[]) {
  await page.goto(url);
  const w = widget(page);
  await expect(w.launcher).toBeVisible();
  const conversation = await startChatAs(page, emulator, 'Ada').then(async () => emulator.control.waitForConversation((c) => !known.includes(c.id)));
  await emulator.control.joinAgent(conversation.id, { displayName: 'Grace' });
  // The join line first: an agent who joins before the widget's stream is attached reaches it by the catch-up
  // listing, which could land after the agent's next line came on the stream; sorted above that line, it would get a
  // block of its own (MessageList) on one page and not on the other.
  await expect(w.article(/grace joined/i)).toBeVisible();
  await emulator.control.agentSays(conversation.id, 'Hi Ada! Our returns page is https://example.com/returns — anything else?');
  // Answer what was said, as a guest does: a reply typed before the agent's line arrived would be drawn first and
  // then have the line sorted above it, into a block of its own (MessageList), and the two pages' DOMs would differ.
  await expect(w.article(/returns page/)).toBeVisible();
  await w.composer.fill('No, thank you.');
  await w.composer.press('Enter');
  await expect(logArticles(page).filter({ hasText: 'No, thank you.' })).toHaveCount(1);
  await expect(page.getByRole('button', { name: /^retry$/i })).toHaveCount(0);
  await expect(page.getByText(/sending/i)).toHaveCount(0);
  return conversation.id;
}

/** Where the launcher and the window sit in the viewport (a screenshot of an element does not show that). */
async function placement(page: Page) {
  const w = widget(page);
  return { launcher: await w.launcher.boundingBox(), dialog: (await w.dialog.isVisible()) ? await w.dialog.boundingBox() : null };
}

/**
 * Pixels of the launcher or the window, inset from the edges: rounded corners let the page behind show through,
 * and that page differs on purpose. Message times are set to one text first (the two chats started at different
 * moments) and focus is taken away; Playwright's own `mask` is not used because its overlay is itself styled by
 * the hostile sheet. Pixels are compared with a tolerance for anti-aliasing (see pixelDiff).
 */
async function shot(page: Page, what: 'launcher' | 'dialog') {
  // Two pages share the context: a background tab may not produce frames to capture.
  await page.bringToFront();
  await page.evaluate(() => {
    for (const host of document.querySelectorAll('*')) {
      for (const t of host.shadowRoot?.querySelectorAll('time') ?? []) t.textContent = '0:00 AM';
      // A focus ring's anti-aliased corners are the noisiest pixels there are; focus is not what is compared.
      const focused = host.shadowRoot?.activeElement;
      if (focused instanceof HTMLElement) focused.blur();
    }
  });
  const box = await (what === 'launcher' ? widget(page).launcher : widget(page).dialog).boundingBox();
  if (!box) throw new Error(`${what} is not on screen`);
  const inset = 12;
  return page.screenshot({ animations: 'disabled', caret: 'hide', clip: { x: box.x + inset, y: box.y + inset, width: box.width - 2 * inset, height: box.height - 2 * inset } });
}

test('hostile host CSS changes nothing inside the widget', async ({ page, context, site, emulator }) => {
  const plainUrl = site.embed({}, { content: PAGE_TEXT });
  const hostileUrl = site.embed({}, { content: `<style>${HOSTILE_CSS}</style>${PAGE_TEXT}` });
  const hostile = await context.newPage();

  // Closed: the launcher alone.
  await page.goto(plainUrl);
  await hostile.goto(hostileUrl);
  await expect(widget(page).launcher).toBeVisible();
  await expect(widget(hostile).launcher).toBeVisible();
  // The hostile sheet really is in force on the page itself.
  expect(await hostile.locator('#intro').evaluate((el) => getComputedStyle(el).fontSize)).toBe('31px');
  expect(styleDiff(await widgetStyles(page), await widgetStyles(hostile))).toEqual([]);
  expect(await placement(hostile)).toEqual(await placement(page));
  expect(await pixelDiff(page, await shot(page, 'launcher'), await shot(hostile, 'launcher')), 'launcher pixels').toMatchObject({ differing: 0 });

  // Open and chatting.
  const first = await chatOn(page, plainUrl, emulator, []);
  await chatOn(hostile, hostileUrl, emulator, [first]);
  expect(styleDiff(await widgetStyles(page), await widgetStyles(hostile))).toEqual([]);
  expect(await placement(hostile)).toEqual(await placement(page));
  expect(await pixelDiff(page, await shot(page, 'dialog'), await shot(hostile, 'dialog')), 'chat window pixels').toMatchObject({ differing: 0 });
});

/** The host page's own markup and attributes, minus the widget's host element and the script tag. */
function hostMarkup(page: Page) {
  return page.evaluate(() => {
    const html = document.documentElement;
    // The page with the widget differs from the one without by its script tag only.
    const body = [...document.body.children].filter((el) => !el.shadowRoot).map((el) => el.outerHTML.replace(/<script[^>]*src="\/parley\.js"[^>]*><\/script>/g, ''));
    return {
      htmlAttributes: [...html.attributes].map((a) => `${a.name}=${a.value}`),
      bodyAttributes: [...document.body.attributes].map((a) => `${a.name}=${a.value}`),
      head: document.head.innerHTML,
      body,
      styleSheets: document.styleSheets.length,
      adoptedStyleSheets: document.adoptedStyleSheets.length,
    };
  });
}

test('the widget changes nothing in the host page', async ({ page, site, emulator }) => {
  // Class names and ids the widget uses inside its shadow root, on the host's own elements: nothing may leak out.
  const content = `
    <style>
      body { font: 16px/1.5 Georgia, serif; color: #222; background: #fafafa; }
      .btn { padding: 4px 10px; } .win, .msg, .av, .col, .sheet, .banner, .bub, .meta, .who, .sr, .note, .sys { color: #345; }
      #p-win, #p-title { margin: 3px; } button { font-size: 14px; } [aria-label] { border: 1px solid #999; }
    </style>
    <header class="banner"><h2 id="p-title">Trail news</h2><button class="btn" type="button">Subscribe</button></header>
    <section class="win" id="p-win" aria-label="Newsletter"><p class="msg bub">Ten percent off tents.</p>
      <ul class="sheet"><li class="who">Ada</li><li class="sr meta">Grace</li></ul>
      <label>Email <input type="email" class="col"></label><textarea class="note"></textarea>
      <a href="https://example.com" class="av">Details</a><span class="sys">Store hours</span></section>`;
  const withoutWidget = site.page('/no-widget.html', htmlPage({ title: 'Trailhead Outfitters', body: content }));
  const withWidget = site.embed({}, { content });

  await page.goto(withoutWidget);
  const markupBefore = await hostMarkup(page);
  const stylesBefore = await hostStyles(page);

  await chatOn(page, withWidget, emulator, []);
  await page.getByRole('button', { name: /^participants$/i }).click();
  expect(await hostMarkup(page)).toEqual(markupBefore);
  expect(styleDiff(stylesBefore, await hostStyles(page))).toEqual([]);
  // And it still does not once the chat window is closed again.
  await widget(page).minimize.click();
  expect(styleDiff(stylesBefore, await hostStyles(page))).toEqual([]);
});

/** The contract's policy (widget-contract.md §1), for the emulator as API origin. */
function strictPolicy(emulatorUrl: string): string {
  const api = new URL(emulatorUrl).origin;
  const ws = api.replace(/^http/, 'ws');
  return `default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data: ${api}; font-src 'self'; connect-src 'self' ${api} ${ws}`;
}

async function openForm(page: Page, site: Site, headers?: Record<string, string>) {
  await page.goto(site.embed({ 'prechat-fields': 'firstName,lastName,email' }, headers ? { headers } : {}));
  const w = widget(page);
  await w.openLauncher.click();
  await expect(w.firstName).toBeVisible();
}

test('a page with the strict CSP works end to end with zero violations, and looks the same', async ({ page, context, site, emulator, pageErrors }) => {
  await recordCspViolations(page);
  const policy = strictPolicy(emulator.url);
  await openForm(page, site, { 'Content-Security-Policy': policy });
  // Styles arrive through adoptedStyleSheets: the same computed styles as on a page without a policy.
  const plain = await context.newPage();
  await openForm(plain, site);
  expect(styleDiff(await widgetStyles(plain), await widgetStyles(page))).toEqual([]);
  await plain.close();

  const w = widget(page);
  await w.firstName.fill('Ada');
  await w.startChat.click();
  const conversation = await emulator.control.waitForConversation();
  await emulator.control.joinAgent(conversation.id, { displayName: 'Grace', avatarImageUrl: `${emulator.url}/avatars/grace.png` });
  // Typing shows only for a member the widget knows as an agent: wait for the join to be on screen first.
  await expect(logArticles(page).filter({ hasText: /grace joined/i })).toHaveCount(1);
  await emulator.control.agentTyping(conversation.id);
  await expect(page.getByRole('status').filter({ hasText: /grace is typing/i })).toBeVisible();
  await emulator.control.agentSays(conversation.id, 'Hello Ada — see https://example.com/help');
  await expect(logArticles(page).filter({ hasText: 'see https://example.com/help' })).toHaveCount(1);
  await w.composer.fill('Thanks!');
  await w.composer.press('Enter');
  await expect
    .poll(async () => (await emulator.control.conversation(conversation.id)).messages.map((m) => m.body))
    .toContain('Thanks!');
  await emulator.control.mediaRequest(conversation.id, ['COBROWSE']);
  const prompt = page.getByRole('alertdialog');
  await expect(prompt).toBeVisible();
  await prompt.getByRole('button', { name: /^accept$/i }).click();
  await expect(prompt).toHaveCount(0);
  await page.getByRole('button', { name: /^participants$/i }).click();
  await expect(page.getByRole('list', { name: /^participants$/i })).toBeVisible();
  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: /^download transcript$/i }).click();
  expect((await download).suggestedFilename()).toMatch(/\.txt$/);
  await w.endChat.click();
  await w.confirmEnd.click();
  await expect(w.ended).toBeVisible();

  expect(await cspViolations(page)).toEqual([]);
  expect(pageErrors).toEqual([]);
});
