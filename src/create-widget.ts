// The widget composition: validated options -> a Chat (core) + a host element with an open shadow root + the UI,
// behind the public ParleyInstance API (widget-contract.md §2). Reading options from a page is left to the entries.

import { composeChat } from './create-chat';
import { createI18n } from './i18n/create-i18n';
import { consoleLogger, type Logger } from './lib/log';
import type { Chat, ChatEvents, GuestInfo } from './store/types';
import { mountWidget } from './ui/mount-widget';
import type { WidgetHandle } from './ui/types';
import { resolveOptions, type ResolvedOptions } from './widget-options';

/** Events of `ParleyInstance.on()` (widget-contract.md §2). */
export interface ParleyEvents extends ChatEvents {
  /** The instance is usable. Replayed to listeners added later. */
  ready: undefined;
  open: undefined;
  close: undefined;
}

export type ParleyEventName = keyof ParleyEvents;

/** The public instance API, the same for `window.Parley`, `mount()`, `<parley-chat>` and `<ParleyChat>`. */
export interface ParleyInstance {
  open(): void;
  close(): void;
  toggle(): void;
  /** Skips the pre-chat form: creates the conversation now. */
  start(guest?: GuestInfo): Promise<void>;
  send(text: string): Promise<void>;
  /** Leaves the conversation (DELETE own member). */
  end(): Promise<void>;
  /** Returns the unsubscribe function. `ready` and a configuration `error` are replayed to late listeners. */
  on<E extends ParleyEventName>(event: E, fn: (detail: ParleyEvents[E]) => void): () => void;
  /** Unmounts, closes the socket, removes listeners and whatever the instance added to the page. */
  destroy(): void;
}

export interface CreateWidgetOptions {
  /** Names an option as the host wrote it, for error messages (`data-queue`). Default: the option name. */
  label?: (name: string) => string;
  logger?: Logger;
}

/** The `code` of a configuration error event. */
export const CONFIG_ERROR = 'invalid-config';
/** The `code` of the error event when valid options still could not be mounted (a bug, or a hostile page). */
export const MOUNT_ERROR = 'mount-failed';

const CHAT_EVENTS = ['started', 'message', 'typing', 'members', 'mediarequest', 'connection', 'ended', 'error'] as const satisfies readonly (keyof ChatEvents)[];

type Listener = (detail: unknown) => void;

/**
 * Builds one widget in an open shadow root of `host` (reused if it has one: a custom element remounting on attribute
 * changes; emptied again by destroy()). Never throws for bad options: an invalid configuration yields an inert instance
 * that attaches no shadow root, logs one console.error naming the attribute(s) and emits `error` in a later task
 * (replayed to late listeners), so a broken snippet cannot break the host page and creates no conversation.
 */
export function createWidget(input: unknown, host: HTMLElement, { label, logger = consoleLogger }: CreateWidgetOptions = {}): ParleyInstance {
  const listeners = new Set<[event: string, fn: Listener]>();
  // What is true until further notice (`ready`, a configuration `error`, `started` while that chat runs): late
  // listeners get it at once. A page that adds its `started` listener after an automatic start or a resume after
  // reload would otherwise never learn the conversation it is in.
  const sticky = new Map<string, unknown>([['ready', undefined]]);
  const cleanups: (() => void)[] = [];
  let destroyed = false;
  let chat: Chat | undefined;
  let ui: WidgetHandle | undefined;

  const call = (event: string, fn: Listener, detail: unknown) => {
    try {
      fn(detail);
    } catch (error) {
      // A host's listener must not break the widget (nor the other listeners).
      logger.error(`a "${event}" listener threw`, error);
    }
  };
  const emit = (event: string, detail?: unknown) => {
    for (const [e, fn] of [...listeners]) if (e === event) call(event, fn, detail);
  };
  const cleanUp = () => {
    chat = ui = undefined;
    for (const cleanup of cleanups.splice(0).reverse()) {
      try {
        cleanup();
      } catch (error) {
        logger.warn('cleanup failed', error);
      }
    }
  };
  /** Reports an error in a later task, so that listeners added on `parley:ready` (or right after mount()) get it live. */
  const report = (code: string, message: string) => {
    const timer = setTimeout(() => {
      const error = { code, message };
      logger.error(message);
      sticky.set('error', error);
      emit('error', error);
    });
    cleanups.push(() => clearTimeout(timer));
  };
  // Without a chat and UI (a broken configuration, or destroyed) the actions do nothing.
  const act = (action: (chat: Chat) => Promise<void>): Promise<void> =>
    chat
      ? // The chat reports failures as state and `error` events; a rejection here would surface in the host
        // page as an unhandled rejection, which the contract rules out.
        action(chat).catch((error: unknown) => logger.warn('action failed', error))
      : Promise.resolve();
  const uiAction = (action: (ui: WidgetHandle) => void) => () => {
    if (ui) action(ui);
  };

  const result = resolveOptions(input, label);
  if (!result.ok) report(CONFIG_ERROR, `Parley is not configured: ${result.errors.map((e) => e.message).join('; ')}`);
  else {
    try {
      mount(result.options);
    } catch (error) {
      // Not expected (options are valid); whatever was added goes again and the page carries on, inert.
      cleanUp();
      report(MOUNT_ERROR, `Parley could not start: ${String(error)}`);
    }
  }

  function mount(options: ResolvedOptions): void {
    const root = host.shadowRoot ?? host.attachShadow({ mode: 'open' });
    cleanups.push(() => {
      root.replaceChildren();
      root.adoptedStyleSheets = [];
    });
    // The name a guest without a pre-chat form gets: the UI's localized "Guest", as `start()` from the API needs it too.
    const { t } = createI18n({ locale: options.locale, languages: navigator.languages, strings: options.strings });
    const c = (chat = composeChat({ ...options, defaultDisplayName: t.CUSTOMER, logger }));
    cleanups.push(() => c.dispose());
    cleanups.push(
      c.on('started', (detail) => sticky.set('started', detail)),
      c.on('ended', () => sticky.delete('started')),
    );
    for (const event of CHAT_EVENTS) cleanups.push(c.on(event, (detail) => emit(event, detail)));
    const u = (ui = mountWidget(root, c, options));
    // Registered after chat.dispose() so that it runs first: the UI goes before the chat it reads.
    cleanups.push(() => u.unmount());
    for (const event of ['open', 'close'] as const) cleanups.push(u.on(event, () => emit(event)));
  }

  return {
    open: uiAction((u) => u.open()),
    close: uiAction((u) => u.close()),
    toggle: uiAction((u) => u.toggle()),
    start: (guest) => act((c) => c.start(guest)),
    send: (text) => act((c) => c.send(text)),
    end: () => act((c) => c.end()),
    on(event, fn) {
      if (destroyed || typeof fn !== 'function') return () => {};
      const entry: [string, Listener] = [event, fn as Listener];
      listeners.add(entry);
      if (sticky.has(event)) call(event, entry[1], sticky.get(event));
      return () => void listeners.delete(entry);
    },
    destroy() {
      destroyed = true;
      cleanUp();
      listeners.clear();
    },
  };
}

/**
 * `createWidget` on a new host element, appended to `parent` once mounted (a broken configuration adds nothing to the
 * page); destroy() removes it. For `mount()` and `<ParleyChat>`; the script tag attaches its own host.
 */
export function createWidgetIn(parent: Node, input: unknown, config?: CreateWidgetOptions): ParleyInstance {
  const host = (parent.ownerDocument ?? document).createElement('parley-widget');
  const instance = createWidget(input, host, config);
  if (host.shadowRoot) parent.appendChild(host);
  return {
    ...instance,
    destroy() {
      instance.destroy();
      host.remove();
    },
  };
}
