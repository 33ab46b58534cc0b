// The chat window, a non-modal dialog named by its title: the header (title, who is answering, participants,
// transcript, end chat, minimize), the End/Cancel question, the connection banner and the body for the phase —
// the pre-chat form, the start (or failure) pane, or the conversation with the participants panel and media
// prompt over it (an alertdialog naming the oldest pending request, "Agent requests to co-browse", with Accept /
// Decline; the next one, if several queue, takes its place). Opening it moves focus to the first useful control;
// Escape is the widget root's. Answering, ending and starting are the store's.

import { Composer } from './Composer';
import { errorText } from './error-text';
import { DOWN, icon } from './Icon';
import { MessageList } from './MessageList';
import { avatar, memberName } from './people';
import { PrechatForm } from './PrechatForm';
import { type Own, reactive } from './reactive';
import { buildTranscript, download } from './transcript';
import type { Ui } from './ui';

/** Where focus lands when the window opens: the first field, the composer or the button that starts a chat,
 *  whichever the phase shows (only one of them is ever enabled at once), else the window itself. */
const FOCUS = 'input,.again,textarea:not([disabled])';

/** A stable ref that focuses its element once, when it mounts (the End/Cancel question starts on Cancel). */
const focusOnMount = (el: HTMLElement | null) => el?.focus();

export const ChatWindow = reactive(({ ui }: { ui: Ui }, own: Own) => {
  const { chat, i18n, panel, confirming } = ui;
  const { t } = i18n;
  const open = ui.isOpen.value;
  const phase = chat.phase.value;
  const { name } = phase;
  const live = name == 'queued' || name == 'active';
  const ended = name == 'ended';
  const people = live && panel.value;
  const connected = [...chat.members.value.values()].filter((m) => m.state == 'CONNECTED');
  const typer = chat.typing.value[0];
  const req = live ? chat.mediaRequests.value[0] : undefined;
  const again = (label: string) => (
    <button class="btn pri again" onClick={() => ui.start()}>
      {label}
    </button>
  );
  const answer = (end: boolean) => {
    confirming.value = false;
    const win = ui.win;
    if (end) {
      // The End chat button goes away with the chat: keep focus in the window.
      win?.focus();
      chat.end().catch(() => {});
    } else win?.querySelector<HTMLElement>('[data-end]')?.focus();
  };

  // Focus: a media prompt takes it (on Decline, the safe answer) when it shows in an open window or when the window
  // opens, and when it goes (its element, keyed by request, with it) focus goes back where it was in the window,
  // else to the composer. Then, after open() or close(), focus moves inside (unless the prompt has it) or back to the launcher.
  own.layout(() => {
    const win = ui.win!;
    const root = win.getRootNode() as ShadowRoot;
    const before = root.activeElement as HTMLElement | null;
    if (open && req) win.querySelector<HTMLElement>('[role=alertdialog] button')!.focus();
    if (ui.wantsFocus) {
      ui.wantsFocus = false;
      if (!open) ui.launcher!.focus();
      else if (!win.contains(root.activeElement)) (win.querySelector<HTMLElement>(FOCUS) ?? win).focus();
    }
    return () => {
      if (req && !root.activeElement && ui.isOpen.peek()) (before != win && win.contains(before) ? before : win.querySelector('textarea'))?.focus();
    };
  }, [open, req?.id]);

  return (
    <div ref={(el) => void (ui.win = el)} id="p-win" class="win" role="dialog" aria-labelledby="p-title" tabIndex={-1} hidden={!open}>
      {/* Icon buttons are named by `title`: their tooltip and accessible name in one attribute. */}
      <div class="hd">
        <div>
          <h2 id="p-title">{ui.title}</h2>
          {live && <p>{i18n.list(connected.filter((m) => m.role == 'AGENT').map((m) => memberName(m, t)))}</p>}
        </div>
        {live && (
          <button
            class="ib"
            title={t.participants}
            aria-expanded={panel.value}
            aria-controls="p-people"
            onClick={() => (panel.value = !panel.value)}
          >
            {icon('M9 11a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM2 20a7 7 0 0 1 14 0m1-9a4 4 0 0 0 0-8m5 17a7 7 0 0 0-4-6')}
          </button>
        )}
        {chat.messages.value.length > 0 && (
          <button class="ib" title={t.transcript} onClick={() => download(ui.win!, buildTranscript(chat.messages.peek(), ui.nameOf, i18n))}>
            {icon('M12 4v11m-5-5 5 5 5-5M5 20h14')}
          </button>
        )}
        {live && (
          <button class="ib" data-end title={t.endChat} aria-expanded={confirming.value} onClick={() => (confirming.value = true)}>
            {icon('M12 3v8m-5.7-4.7a8 8 0 1 0 11.4 0')}
          </button>
        )}
        <button class="ib" title={t.minimize} onClick={() => ui.close()}>
          {icon(DOWN)}
        </button>
      </div>
      {live && confirming.value && (
        <div class="ask" role="group" aria-labelledby="p-ask">
          <p id="p-ask">{t.endAsk}</p>
          <button ref={focusOnMount} class="btn ghost" onClick={() => answer(false)}>
            {t.cancel}
          </button>
          <button class="btn danger" onClick={() => answer(true)}>
            {t.end}
          </button>
        </div>
      )}
      <div class="banner" role="status">
        {live && chat.connection.value.state == 'reconnecting' && t.reconnecting}
      </div>
      <div class="body">
        {/* Under the participants panel or a media prompt the conversation is out of reach, for Tab and screen readers too. */}
        <div class="main" inert={!!(people || req)}>
          {name == 'idle' || name == 'failed' ? (
            // No chat yet: the form, or (without one) the button that starts the chat; above either, why starting failed.
            <div class={ui.config.prechatFields.length ? 'pane' : 'pane center'}>
              {name == 'failed' && (
                <p class="alert" role="alert">
                  {errorText(t, phase.error.code)}
                </p>
              )}
              {ui.config.prechatFields.length ? <PrechatForm ui={ui} /> : again(t.startChat)}
            </div>
          ) : (
            // The conversation. Each live region is always in the DOM so screen readers hear its changes.
            <>
              {(name == 'starting' || name == 'queued') && (
                <div class="wait" role="status">
                  <span aria-hidden>
                    <i />
                    <i />
                    <i />
                  </span>
                  {t.waiting}
                </div>
              )}
              <MessageList ui={ui} />
              <div class="typing" role="status">
                {typer && i18n.fmt('typing', { name: ui.nameOf(typer) })}
              </div>
              <div id="p-ended" class="ended" role="status">
                {ended && t.ended}
              </div>
              {ended && again(t.startNew)}
              <Composer ui={ui} />
            </>
          )}
        </div>
        {people && (
          <div id="p-people" class="sheet">
            <h3 id="p-people-h">{t.participants}</h3>
            <ul role="list" aria-labelledby="p-people-h">
              {connected.map((m) => {
                const n = ui.nameOf(m.id);
                return (
                  <li key={m.id}>
                    {avatar(n, m.avatarImageUrl)}
                    <span class="col">
                      <span class="who">{n}</span>
                      {t[m.role]}
                    </span>
                  </li>
                );
              })}
            </ul>
          </div>
        )}
        {req && (
          <div class="scrim">
            <div
              key={req.id}
              class="card"
              role="alertdialog"
              aria-labelledby="p-media"
              aria-describedby={req.error && 'p-media-err'}
              // Focus stays inside while it shows: Tab and Shift+Tab go from one answer to the other.
              onKeyDown={(e) => {
                if (e.key == 'Tab') {
                  e.preventDefault();
                  const [decline, accept] = e.currentTarget.querySelectorAll('button');
                  (e.target == decline ? accept : decline)!.focus();
                }
              }}
            >
              <p id="p-media">{i18n.fmt('media', { x: i18n.list(req.types.map((type) => (type == 'COBROWSE' ? t.cobrowse : t.screenshare))) })}</p>
              {req.error && (
                <p id="p-media-err" class="alert">
                  {errorText(t, req.error.code)}
                </p>
              )}
              <div>
                {[false, true].map((accept) => (
                  <button
                    class={accept ? 'btn pri' : 'btn ghost'}
                    aria-disabled={req.answering}
                    onClick={() => req.answering || (accept ? chat.acceptMediaRequest : chat.declineMediaRequest)(req.id).catch(() => {})}
                  >
                    {accept ? t.accept : t.decline}
                  </button>
                ))}
              </div>
            </div>
          </div>
        )}
      </div>
    </div>
  );
});
