// The UI's entry: mounts the launcher and chat window into a shadow root, wires the Chat to the page
// (read receipts, title flash, auto-start) and returns the handle. Options parsing and the Chat are the caller's.

import { render } from 'preact';
import { effect, signal, untracked } from '@preact/signals-core';
import { createI18n } from '../i18n/create-i18n';
import type { Chat } from '../store/types';
import { ChatWindow } from './ChatWindow';
import { DOWN, icon } from './Icon';
import { memberName } from './people';
import { reactive } from './reactive';
import { css } from './styles';
import { createTitleFlash } from './title-flash';
import type { WidgetConfig, WidgetHandle } from './types';
import type { Ui } from './ui';

/** The widget's root (theme, direction and language for everything inside), the launcher and the window. */
const Widget = reactive(({ ui }: { ui: Ui }) => {
  const { config, i18n } = ui;
  const { t, num } = i18n;
  const open = ui.isOpen.value;
  // The store's count of agent messages since the guest last read; opening marks them read.
  const unread = open ? 0 : ui.chat.unreadCount.value;
  return (
    <div
      class="r"
      data-theme={config.theme}
      data-pos={config.position}
      dir={i18n.dir}
      lang={i18n.locale}
      ref={(el) => {
        // Through the style object, which a strict CSP allows (a style attribute would not be).
        if (el && config.primaryColor && CSS.supports('color', config.primaryColor)) el.style.setProperty('--parley-primary', config.primaryColor);
      }}
      // Escape anywhere in the window, or on the launcher while open; not while an IME is composing.
      onKeyDown={(e) => {
        if (e.key == 'Escape' && !e.isComposing && ui.isOpen.peek()) {
          e.preventDefault();
          ui.close();
        }
      }}
    >
      <button
        ref={(el) => void (ui.launcher = el)}
        class="launch"
        aria-label={open ? t.close : unread ? i18n.fmt('openUnread', { n: num(unread) }) : t.open}
        aria-expanded={open}
        aria-controls="p-win"
        onClick={() => (open ? ui.close() : ui.open())}
      >
        {icon(open ? DOWN : 'M4 5h16v11H9l-5 4z')}
        {unread > 0 && (
          <span class="badge" aria-hidden>
            {unread > 99 ? '99+' : num(unread)}
          </span>
        )}
      </button>
      <ChatWindow ui={ui} />
    </div>
  );
});

export function mountWidget(root: ShadowRoot, chat: Chat, config: WidgetConfig): WidgetHandle {
  const doc = root.ownerDocument;
  const i18n = createI18n({ locale: config.locale, languages: navigator.languages, strings: config.strings });
  const { t } = i18n;
  // A constructable sheet from the document's own realm (an iframe's document has its own CSSStyleSheet).
  const sheet = new (doc.defaultView ?? globalThis).CSSStyleSheet();
  sheet.replaceSync(css);
  root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];

  const isOpen = signal(!!config.open);
  const flash = createTitleFlash(doc);

  const ui: Ui = {
    chat,
    i18n,
    config,
    title: config.title?.trim() || t.title,
    isOpen,
    panel: signal(false),
    confirming: signal(false),
    draft: signal(''),
    errors: signal({}),
    wantsFocus: false,
    guest: { displayName: t.CUSTOMER },
    open() {
      ui.wantsFocus = isOpen.value = true;
    },
    close() {
      const active = root.activeElement;
      // Focus that was in the window (or on the launcher) goes to the launcher, as Escape promises: once the
      // window re-rendered closed, because on a phone the launcher is hidden while the window is open.
      ui.wantsFocus = !!active && (active == ui.launcher || !!ui.win?.contains(active));
      ui.confirming.value = isOpen.value = false;
    },
    start(guest = ui.guest) {
      ui.guest = guest;
      // The store turns failures into `phase`; nothing to handle here.
      chat.start(guest).catch(() => {});
    },
    nameOf: (id) => memberName(chat.members.value.get(id), t, id == chat.memberId.value ? ui.guest.displayName : undefined),
  };

  let unreadSeen = chat.unreadCount.peek();
  // Runs on every unread change (an effect) and when the tab's visibility changes (a listener).
  const sync = () => {
    const unread = chat.unreadCount.value;
    if (doc.visibilityState != 'hidden') {
      flash.restore();
      // The guest has read what is on screen: the window is open and the tab visible.
      if (isOpen.value && unread) untracked(() => chat.markRead());
    }
    // An agent wrote while the tab was hidden: say so in the tab's title until the tab is seen.
    else if (unread > unreadSeen) flash.show(`(${i18n.num(unread)}) ${ui.title}`);
    unreadSeen = unread;
  };
  doc.addEventListener('visibilitychange', sync);
  const stops = [
    effect(sync),
    // With no pre-chat form there is nothing to ask: opening the window starts the chat.
    effect(() => {
      if (isOpen.value && !config.prechatFields.length && chat.phase.value.name == 'idle') untracked(() => ui.start());
    }),
  ];

  render(<Widget ui={ui} />, root);

  return {
    open: () => ui.open(),
    close: () => ui.close(),
    toggle: () => (isOpen.peek() ? ui.close() : ui.open()),
    isOpen,
    on(event, fn) {
      let first = true;
      // subscribe() calls back at once with the current value: that one is not a change.
      return isOpen.subscribe((open) => {
        if (!first && open == (event == 'open')) fn();
        first = false;
      });
    },
    unmount() {
      for (const stop of stops) stop();
      doc.removeEventListener('visibilitychange', sync);
      flash.restore();
      render(null, root);
      root.adoptedStyleSheets = root.adoptedStyleSheets.filter((s) => s != sheet);
    },
  };
}
