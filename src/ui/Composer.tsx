// The composer: an auto-growing textarea (Enter sends, Shift+Enter breaks the line) with the API's length
// limit and a counter near it; disabled, saying why, when the chat cannot take messages.

import { createRef, type RefObject } from 'preact';
import { MESSAGE_BODY_MAX_LENGTH as MAX_LENGTH } from '../protocol/guest-paths';
import { icon } from './Icon';
import { type Own, reactive } from './reactive';
import type { Ui } from './ui';

/** The counter appears once this few characters are left, so it is there when it matters and not before. */
const COUNTER_FROM = 500;

export const Composer = reactive(({ ui }: { ui: Ui }, own: Own<{ box: RefObject<HTMLTextAreaElement | null> }>) => {
  const { chat, i18n, draft } = ui;
  const { t, num } = i18n;
  const phase = chat.phase.value.name;
  const enabled = phase == 'queued' || phase == 'active';
  const text = draft.value;
  const box = (own.box ??= createRef());
  const left = MAX_LENGTH - text.length;
  const body = text.trim();
  const canSend = enabled && body && left >= 0;

  own.layout(() => {
    const el = box.current!;
    // Grow with the text up to the CSS max-height, then scroll.
    el.style.height = 'auto';
    el.style.height = `${el.scrollHeight}px`;
    // When the chat becomes writable while focus waits on the window (after the form), move it here.
    if (enabled && (el.getRootNode() as ShadowRoot).activeElement == ui.win) el.focus();
  }, [text, enabled]);

  const send = (e: Event) => {
    e.preventDefault();
    if (!canSend) return;
    // Failures become the message's state in the store (failed + Retry); nothing to catch here.
    chat.send(body).catch(() => {});
    draft.value = '';
    box.current!.focus();
  };

  return (
    <form class="comp" onSubmit={send}>
      <div class="cbox">
        <textarea
          ref={box}
          rows={1}
          aria-label={t.message}
          placeholder={enabled ? t.message : phase == 'ended' ? t.ended : t.waiting}
          disabled={!enabled}
          value={text}
          dir="auto"
          aria-describedby={left < COUNTER_FROM ? 'p-count' : undefined}
          aria-invalid={left < 0 || undefined}
          onInput={(e) => {
            const value = e.currentTarget.value;
            draft.value = value;
            if (value.trim()) chat.startTyping();
          }}
          // isComposing: Enter that confirms an IME candidate (Japanese, Chinese…) must not send.
          onKeyDown={(e) => e.key == 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode != 229 && send(e)}
        />
        <button class="send" title={t.send} disabled={!canSend}>
          {icon('M12 19V5m-6 6 6-6 6 6')}
        </button>
      </div>
      {left < COUNTER_FROM && (
        // "3,990/4,000" needs no words in any language; over the limit it turns red and the box is invalid.
        <p id="p-count" class={left < 0 ? 'count over' : 'count'}>
          {`${num(text.length)}/${num(MAX_LENGTH)}`}
        </p>
      )}
    </form>
  );
});
