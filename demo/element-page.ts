// The help-centre demo page: registers <parley-chat> from the npm entry (bundled by vite.demo.config.ts, as
// an app would) and lets the visitor change its attributes live.
import 'parley-chat/element';

const chat = document.querySelector('parley-chat');
const markup = document.getElementById('markup');

function show(): void {
  if (!chat || !markup) return;
  const attrs = [...chat.attributes].map((a) => `\n  ${a.name}="${a.value}"`).join('');
  markup.textContent = `<parley-chat${attrs}>\n</parley-chat>`;
}

for (const control of document.querySelectorAll<HTMLInputElement | HTMLSelectElement>('[data-attr]')) {
  const name = control.dataset['attr'] ?? '';
  const current = chat?.getAttribute(name);
  if (current !== null && current !== undefined) control.value = current;
  control.addEventListener('change', () => {
    if (control.value) chat?.setAttribute(name, control.value);
    else chat?.removeAttribute(name);
    show();
  });
}
show();
