// The public shape of the widget UI: what mountWidget() takes and returns.
// Parsing data-* attributes into a WidgetConfig is the embed's job; the UI trusts these types.

import type { ReadonlySignal } from '@preact/signals-core';
import type { Strings } from '../i18n/create-i18n';

export type PrechatField = 'firstName' | 'lastName' | 'email' | 'phoneNumber';
export type WidgetTheme = 'light' | 'dark' | 'auto';
export type WidgetPosition = 'bottom-right' | 'bottom-left';

export interface WidgetConfig {
  /** BCP 47 tag; falls back to the browser's languages, then English. */
  locale?: string;
  theme: WidgetTheme;
  /** Any CSS colour; overrides `--parley-primary`. Text on it stays `--parley-on-primary` (white by default). */
  primaryColor?: string;
  /** Header text and the window's accessible name; defaults to the localized "Chat with us". */
  title?: string;
  position: WidgetPosition;
  /** Fields of the pre-chat form, in this order; empty: no form, the chat starts when the window opens. */
  prechatFields: readonly PrechatField[];
  /** Open the window at mount. */
  open?: boolean;
  /** Overrides of any UI string, by key (see src/i18n/en.ts). */
  strings?: Partial<Strings>;
}

export interface WidgetHandle {
  open(): void;
  close(): void;
  toggle(): void;
  readonly isOpen: ReadonlySignal<boolean>;
  /** Returns the unsubscribe function. */
  on(event: 'open' | 'close', fn: () => void): () => void;
  /** Removes the UI and its stylesheet and listeners; the Chat is the caller's to dispose. */
  unmount(): void;
}
