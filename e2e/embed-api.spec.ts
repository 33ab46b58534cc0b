// window.Parley: every method and every event of widget-contract.md §2, and destroy().
import { expect, instrument, readyCount, recordedEvents, socketStates, test, widget, type ParleyWindow } from './fixtures';
import type { Page } from '@playwright/test';

const parley = (page: Page) => ({
  call: (method: 'open' | 'close' | 'toggle' | 'end' | 'destroy') =>
    page.evaluate(async (m) => {
      await (window as unknown as ParleyWindow).Parley![m]();
    }, method),
  start: (guest?: Record<string, unknown>) => page.evaluate(async (g) => (window as unknown as ParleyWindow).Parley!.start(g), guest),
  send: (text: string) => page.evaluate(async (t) => (window as unknown as ParleyWindow).Parley!.send(t), text),
});

const names = async (page: Page) => (await recordedEvents(page)).map((e) => e.name);

test('open, close and toggle drive the window and emit open/close', async ({ page, site }) => {
  await instrument(page);
  await page.goto(site.embed());
  await expect.poll(() => readyCount(page)).toBe(1);
  expect(await recordedEvents(page, 'ready')).toHaveLength(1);
  const p = parley(page);
  const w = widget(page);

  await p.call('open');
  await expect(page.getByRole('dialog')).toBeVisible();
  await expect(w.launcher).toHaveAttribute('aria-expanded', 'true');
  await p.call('close');
  await expect(page.getByRole('dialog')).toBeHidden();
  await p.call('toggle');
  await expect(page.getByRole('dialog')).toBeVisible();
  await p.call('toggle');
  await expect(page.getByRole('dialog')).toBeHidden();
  await expect.poll(async () => (await names(page)).filter((n) => n === 'open' || n === 'close')).toEqual(['open', 'close', 'open', 'close']);
});

test('start() skips the form; the chat events follow the conversation to its end', async ({ page, site, emulator, consoleErrors }) => {
  await instrument(page);
  await page.goto(site.embed());
  await expect.poll(() => readyCount(page)).toBe(1);
  const p = parley(page);

  await p.start({ firstName: 'Ada', lastName: 'Lovelace', customFields: { order: 'A-1' } });
  const conversation = await emulator.control.waitForConversation();
  const guest = conversation.members.find((m) => m.role === 'CUSTOMER')!;
  expect(guest.displayName).toBe('Ada Lovelace');
  await expect.poll(() => recordedEvents(page, 'started')).toEqual([{ name: 'started', detail: { conversationId: conversation.id, memberId: guest.id } }]);
  await expect.poll(async () => (await recordedEvents(page, 'connection')).map((e) => e.detail)).toContain('open');

  await emulator.control.joinAgent(conversation.id, { displayName: 'Grace' });
  await expect.poll(async () => (await recordedEvents(page, 'members')).length).toBeGreaterThan(0);
  await emulator.control.agentTyping(conversation.id);
  await expect.poll(async () => (await recordedEvents(page, 'typing')).length).toBeGreaterThan(0);
  const typing = (await recordedEvents(page, 'typing'))[0]!.detail as { memberId: string };
  expect(typing.memberId).not.toBe(guest.id);

  const said = await emulator.control.agentSays(conversation.id, 'Hello Ada');
  await expect
    .poll(async () => (await recordedEvents(page, 'message')).map((e) => (e.detail as { id: string; body: string }).body))
    .toContain('Hello Ada');
  const message = (await recordedEvents(page, 'message')).find((e) => (e.detail as { id: string }).id === said.id);
  expect(message?.detail).toMatchObject({ id: said.id, body: 'Hello Ada', bodyType: 'standard' });

  await p.send('Thanks!');
  await expect.poll(async () => (await emulator.control.conversation(conversation.id)).messages.map((m) => m.body)).toContain('Thanks!');

  await emulator.control.mediaRequest(conversation.id, ['COBROWSE']);
  await expect.poll(async () => (await recordedEvents(page, 'mediarequest')).length).toBeGreaterThan(0);
  expect((await recordedEvents(page, 'mediarequest'))[0]!.detail).toMatchObject({ types: ['COBROWSE'] });

  await p.call('end');
  await expect.poll(() => recordedEvents(page, 'ended')).toHaveLength(1);
  await expect
    .poll(async () => (await emulator.control.conversation(conversation.id)).members.find((m) => m.id === guest.id)?.state)
    .toBe('DISCONNECTED');
  expect(consoleErrors).toEqual([]);
});

test('an agent ending the chat emits ended', async ({ page, site, emulator }) => {
  await instrument(page);
  await page.goto(site.embed());
  await expect.poll(() => readyCount(page)).toBe(1);
  await parley(page).start({ firstName: 'Ada' });
  const conversation = await emulator.control.waitForConversation();
  await emulator.control.joinAgent(conversation.id);
  await emulator.control.disconnect(conversation.id);
  await expect.poll(() => recordedEvents(page, 'ended')).toHaveLength(1);
  await parley(page).call('open');
  await expect(widget(page).ended).toBeVisible();
});

test('a started listener added after an automatic start learns the running chat at once, and nothing once it ended', async ({ page, site, emulator }) => {
  // data-open without a form starts the chat on load, before a page script may have listened.
  await page.goto(site.embed({ open: 'true', 'prechat-fields': '' }));
  const conversation = await emulator.control.waitForConversation();
  const guest = conversation.members.find((m) => m.role === 'CUSTOMER')!;
  await emulator.control.joinAgent(conversation.id);
  await emulator.control.agentSays(conversation.id, 'Hello there');
  await expect(widget(page).article('Hello there')).toBeVisible();
  // Replayed synchronously inside on(): what the listener got by the time on() returned.
  const lateStarted = () =>
    page.evaluate(() => {
      const got: unknown[] = [];
      (window as unknown as ParleyWindow).Parley!.on('started', (d) => got.push(d))();
      return got;
    });
  expect(await lateStarted()).toEqual([{ conversationId: conversation.id, memberId: guest.id }]);

  await emulator.control.disconnect(conversation.id);
  await expect(widget(page).ended).toBeVisible();
  expect(await lateStarted()).toEqual([]);
});

test('destroy() removes the widget and window.Parley, closes the socket, and stops the events', async ({ page, site, emulator, pageErrors }) => {
  await instrument(page);
  await page.goto(site.embed({}, { content: '<p id="own">The page</p>' }));
  await expect.poll(() => readyCount(page)).toBe(1);
  const before = await page.evaluate(() => document.body.innerHTML.length);
  await parley(page).start({ firstName: 'Ada' });
  const conversation = await emulator.control.waitForConversation();
  await expect.poll(() => socketStates(page)).toContain(1);

  await parley(page).call('destroy');
  await expect.poll(() => socketStates(page)).not.toContain(1);
  expect((await socketStates(page)).every((s) => s === 2 || s === 3)).toBe(true);
  await expect(widget(page).launcher).toHaveCount(0);
  expect(await page.evaluate(() => [...document.querySelectorAll('*')].some((el) => el.shadowRoot))).toBe(false);
  expect(await page.evaluate(() => typeof (window as unknown as ParleyWindow).Parley)).toBe('undefined');
  await expect(page.locator('#own')).toHaveText('The page');
  expect(await page.evaluate(() => document.body.innerHTML.length)).toBeLessThanOrEqual(before);

  const seen = (await recordedEvents(page)).length;
  await emulator.control.joinAgent(conversation.id);
  await emulator.control.agentSays(conversation.id, 'Anyone there?');
  // The agent's message is stored; nothing reaches the destroyed widget.
  await expect.poll(async () => (await emulator.control.conversation(conversation.id)).messages.map((m) => m.body)).toContain('Anyone there?');
  expect((await recordedEvents(page)).length).toBe(seen);
  expect(pageErrors).toEqual([]);
});
