// Theming qualities (issue 5): the integrator's --parley-* custom properties reach inside the shadow root from the
// host page, and prefers-reduced-motion turns the widget's animation off. Light/dark/auto: embed.spec.ts, ui-a11y.
import { expect, test } from './fixtures';
import { ui } from './ui-helpers';

// Stories on two busy cores: generous, since every wait is on a condition, never on time.
test.describe.configure({ timeout: 120_000 });

test('the host page’s --parley-* custom properties restyle the widget, and reduced motion stops its animation', async ({ page, site }) => {
  const theme = '<style>html { --parley-primary: #0b6e4f; --parley-font: Georgia, serif; --parley-radius: 3px; --parley-z-index: 4242; }</style>';
  await page.goto(site.embed({}, { content: `${theme}<p>Our store.</p>` }));
  const t = ui(page);
  await expect(t.launcher).toHaveCSS('background-color', 'rgb(11, 110, 79)');
  await expect(t.launcher).toHaveCSS('z-index', '4242');
  await t.openLauncher.click();
  await expect(t.dialog).toHaveCSS('font-family', /Georgia/);
  await expect(t.dialog).toHaveCSS('border-top-left-radius', '3px');
  await expect(t.dialog).toHaveCSS('z-index', '4242');
  await expect(t.startChat).toHaveCSS('background-color', 'rgb(11, 110, 79)');
  await expect(t.dialog).not.toHaveCSS('animation-name', 'none');

  await page.emulateMedia({ reducedMotion: 'reduce' });
  await page.reload();
  await t.openLauncher.click();
  await expect(t.dialog).toBeVisible();
  await expect(t.dialog).toHaveCSS('animation-name', 'none');
});
