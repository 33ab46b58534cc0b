// The per-widget UI state every component is handed (as its `ui` prop): the chat, the translator, the config,
// and the few UI-only signals and fields. Created by mountWidget; components never create their own.

import type { Signal } from '@preact/signals-core';
import type { I18n, StringKey } from '../i18n/create-i18n';
import type { Chat, GuestInfo } from '../store/types';
import type { PrechatField, WidgetConfig } from './types';

export interface Ui {
  readonly chat: Chat;
  readonly i18n: I18n;
  readonly config: WidgetConfig;
  /** The header text, also the dialog's accessible name. */
  readonly title: string;
  readonly isOpen: Signal<boolean>;
  /** The participants panel is showing. */
  readonly panel: Signal<boolean>;
  /** The End / Cancel question is showing. */
  readonly confirming: Signal<boolean>;
  /** The composer's text (kept here, not in component state: it outlives the composer's re-mounts). */
  readonly draft: Signal<string>;
  /** The pre-chat form's errors from its last submit, by field. */
  readonly errors: Signal<Partial<Record<PrechatField, StringKey>>>;
  /** Set by open() and close(): once the window shows, focus moves inside; once it hides, to the launcher. */
  wantsFocus: boolean;
  /** The guest of the last start (the form's values), for "Start new chat" and to refill the form. */
  guest: GuestInfo;
  launcher?: HTMLButtonElement | null;
  win?: HTMLDivElement | null;
  open(): void;
  close(): void;
  /** Starts a chat (by default with the last guest: "Start new chat") and remembers the guest. */
  start(guest?: GuestInfo): void;
  /** A sender's display name as the UI shows it (the guest's own name for their messages). */
  nameOf(senderId: string): string;
}
