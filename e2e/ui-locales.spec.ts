// Languages (issue 5 i18n): chosen by data-locale or by the browser, Arabic laid out right to left, and the
// integrator's `strings` overrides (not an attribute: the element's `options` property carries them).
// The Spanish and Arabic texts below are the shipped translations (src/i18n/es.ts, ar.ts); e2e cannot import src/.
import { defaultAttributes, expect, htmlPage, test } from './fixtures';
import { agentTalks, expectAccessible, scanChatting } from './ui-helpers';

// Stories on two busy cores: generous, since every wait is on a condition, never on time.
test.describe.configure({ timeout: 120_000 });

test('data-locale es gives a Spanish widget from the launcher to the agent’s typing', async ({ page, site, emulator }) => {
  await page.goto(site.embed({ locale: 'es' }));
  await page.getByRole('button', { name: /^abrir chat$/i }).click();
  await expect(page.getByRole('dialog', { name: /^chatea con nosotros$/i })).toBeVisible();
  await page.getByRole('button', { name: /^iniciar chat$/i }).click();
  await expect(page.getByRole('alert')).toHaveText(/escribe tu nombre/i);
  await page.getByRole('textbox', { name: /^nombre$/i }).fill('Ada');
  await page.getByRole('button', { name: /^iniciar chat$/i }).click();
  await expect(page.getByRole('status').filter({ hasText: /esperando a un agente/i })).toBeVisible();
  const conversation = await emulator.control.waitForConversation();
  await emulator.control.joinAgent(conversation.id, { displayName: 'Grace' });
  const log = page.getByRole('log', { name: /^mensajes$/i });
  await expect(log.getByRole('article').filter({ hasText: /grace se unió al chat/i })).toBeVisible();
  await emulator.control.agentTyping(conversation.id);
  await expect(page.getByRole('status').filter({ hasText: /^grace está escribiendo…$/i })).toBeVisible();
  await page.getByRole('textbox', { name: /^mensaje$/i }).fill('Hola');
  await page.getByRole('button', { name: /^enviar$/i }).click();
  await expect(log.getByRole('article').filter({ hasText: 'Hola' })).toBeVisible();
  await expect(page.getByRole('button', { name: /^participantes$/i })).toBeVisible();
  await expect(page.getByRole('button', { name: /^finalizar chat$/i })).toBeVisible();
  await expect(page.getByRole('button', { name: /^minimizar chat$/i })).toBeVisible();
});

test.describe('with a Spanish browser', () => {
  test.use({ locale: 'es-MX' });

  test('the widget speaks Spanish without data-locale, and data-locale still wins', async ({ page, site }) => {
    await page.goto(site.embed());
    await expect(page.getByRole('button', { name: /^abrir chat$/i })).toBeVisible();
    await page.goto(site.embed({ locale: 'en' }));
    await expect(page.getByRole('button', { name: /^open chat$/i })).toBeVisible();
  });
});

test('data-locale ar lays the whole widget out right to left, in Arabic, and axe-core finds no violation there', async ({ page, site, emulator }) => {
  await page.goto(site.embed({ locale: 'ar' }));
  await page.getByRole('button', { name: 'فتح المحادثة' }).click();
  const dialog = page.getByRole('dialog', { name: 'تحدّث معنا' });
  await expect(dialog).toBeVisible();
  await expect(dialog).toHaveCSS('direction', 'rtl');
  const minimize = page.getByRole('button', { name: 'تصغير المحادثة' });
  const title = dialog.getByRole('heading', { name: 'تحدّث معنا' });
  // The header mirrors: the title starts on the right, the actions sit on the left.
  expect((await title.boundingBox())!.x).toBeGreaterThan((await minimize.boundingBox())!.x);
  await page.getByRole('button', { name: 'بدء المحادثة' }).click();
  await expect(page.getByRole('alert')).toHaveText('يُرجى إدخال اسمك الأول.');
  await expectAccessible(page, 'ar: pre-chat form with errors');

  await page.getByRole('textbox', { name: 'الاسم الأول' }).fill('آدا');
  await page.getByRole('button', { name: 'بدء المحادثة' }).click();
  const conversation = await emulator.control.waitForConversation();
  await emulator.control.joinAgent(conversation.id, { displayName: 'Grace' });
  await emulator.control.agentSays(conversation.id, 'مرحبا');
  const log = page.getByRole('log', { name: 'الرسائل' });
  await expect(log.getByRole('article').filter({ hasText: 'مرحبا' })).toBeVisible();
  const composer = page.getByRole('textbox', { name: 'الرسالة' });
  await composer.fill('شكرا');
  await page.getByRole('button', { name: 'إرسال' }).click();
  const mine = log.getByRole('article').filter({ hasText: 'شكرا' });
  await expect(mine).toBeVisible();
  // The guest's own messages sit at the inline end, which is the left in Arabic; the agent's at the right.
  const logBox = (await log.boundingBox())!;
  const agentBox = (await log.getByRole('article').filter({ hasText: 'مرحبا' }).getByText('مرحبا').boundingBox())!;
  const mineBox = (await mine.getByText('شكرا').boundingBox())!;
  expect(mineBox.x - logBox.x).toBeLessThan(logBox.x + logBox.width - (mineBox.x + mineBox.width));
  expect(logBox.x + logBox.width - (agentBox.x + agentBox.width)).toBeLessThan(agentBox.x - logBox.x);

  await agentTalks(emulator, conversation.id);
  await scanChatting(page, emulator, conversation.id, 'ar: chatting: messages, a link, a notice, typing');
  await emulator.control.mediaRequest(conversation.id, ['COBROWSE']);
  await expect(page.getByRole('alertdialog', { name: 'يطلب موظف الدعم التصفح المشترك' })).toBeVisible();
  await expect(page.getByRole('button', { name: 'رفض' })).toBeFocused();
  await expectAccessible(page, 'ar: media request');
});

test('an integrator’s strings replace the built-in texts in any language (through <parley-chat> options)', async ({ page, site, emulator }) => {
  const attrs = { ...defaultAttributes(emulator.url), locale: 'es' };
  const markup = Object.entries(attrs).map(([k, v]) => ` ${k}="${v}"`).join('');
  await page.goto(
    site.page(
      '/element-strings.html',
      htmlPage({ title: 'Help centre', head: '<script type="module" src="/pages/assets/element.js"></script>', body: `<parley-chat${markup}></parley-chat>` }),
    ),
  );
  await expect(page.getByRole('button', { name: /^abrir chat$/i })).toBeVisible();
  await page.locator('parley-chat').evaluate((el) => {
    (el as HTMLElement & { options: Record<string, unknown> }).options = { strings: { open: 'Habla con Trailhead', title: 'Ayuda Trailhead', startChat: 'Empezar' } };
  });
  await page.getByRole('button', { name: /^habla con trailhead$/i }).click();
  await expect(page.getByRole('dialog', { name: /^ayuda trailhead$/i })).toBeVisible();
  await expect(page.getByRole('button', { name: /^empezar$/i })).toBeVisible();
  // Keys not overridden keep the locale's text.
  await expect(page.getByRole('textbox', { name: /^nombre$/i })).toBeVisible();
  await expect(page.getByRole('button', { name: /^minimizar chat$/i })).toBeVisible();
});
