// The `parley-chat/element` npm entry: registers <parley-chat organization-id=… deployment-id=… queue=…>, for
// React, Vue or plain HTML. Attributes are the data attributes without `data-`; a change remounts the widget.

import { createWidget, type ParleyEventName, type ParleyEvents, type ParleyInstance } from './create-widget';
import type { GuestInfo } from './store/types';
import { kebab, optionNames, readAttributes } from './widget-options';

export type { ParleyEventName, ParleyEvents, ParleyInstance } from './create-widget';

/** Only the options a string can carry; `memberAuthToken` and `strings` go through the `options` property. */
const attributeOptions = optionNames.filter((n) => n !== 'memberAuthToken');

export interface ParleyChatElement extends HTMLElement, Omit<ParleyInstance, 'destroy'> {
  /** Options an attribute cannot carry (a `memberAuthToken` function, `strings`); setting it remounts. */
  options: Record<string, unknown>;
  /** The widget now mounted (replaced on every remount); listeners added with `on()` survive remounts. */
  readonly instance: ParleyInstance | undefined;
}

/** Defines the element class lazily, so that importing this module in Node (SSR) does not touch the DOM. */
function defineElementClass(): CustomElementConstructor {
  return class extends HTMLElement implements ParleyChatElement {
    static observedAttributes = attributeOptions.map(kebab);
    #instance: ParleyInstance | undefined;
    #options: Record<string, unknown> = {};
    #scheduled = false;
    // Listeners outlive remounts: each is re-attached to every new instance.
    #listeners = new Set<{ event: ParleyEventName; fn: (detail: never) => void; off?: () => void }>();

    get instance() {
      return this.#instance;
    }
    get options() {
      return this.#options;
    }
    set options(value: Record<string, unknown>) {
      this.#options = { ...value };
      this.#schedule();
    }

    connectedCallback() {
      this.#remount();
    }
    disconnectedCallback() {
      this.#unmount();
    }
    attributeChangedCallback(_name: string, previous: string | null, next: string | null) {
      if (previous !== next) this.#schedule();
    }

    open() {
      this.#instance?.open();
    }
    close() {
      this.#instance?.close();
    }
    toggle() {
      this.#instance?.toggle();
    }
    start(guest?: GuestInfo) {
      return this.#instance?.start(guest) ?? Promise.resolve();
    }
    send(text: string) {
      return this.#instance?.send(text) ?? Promise.resolve();
    }
    end() {
      return this.#instance?.end() ?? Promise.resolve();
    }
    on<E extends ParleyEventName>(event: E, fn: (detail: ParleyEvents[E]) => void): () => void {
      const entry: { event: ParleyEventName; fn: (detail: never) => void; off?: () => void } = { event, fn };
      this.#listeners.add(entry);
      entry.off = this.#instance?.on(event, fn);
      return () => {
        this.#listeners.delete(entry);
        entry.off?.();
      };
    }

    // Several attributes set in a row (a framework rendering the element) remount once.
    #schedule() {
      if (this.#scheduled || !this.isConnected) return;
      this.#scheduled = true;
      queueMicrotask(() => {
        this.#scheduled = false;
        if (this.isConnected) this.#remount();
      });
    }
    #unmount() {
      this.#instance?.destroy();
      this.#instance = undefined;
    }
    #remount() {
      this.#unmount();
      const input = { ...readAttributes(this, ''), ...this.#options };
      const instance = createWidget(input, this, { label: (name) => (name in this.#options ? name : kebab(name)) });
      this.#instance = instance;
      for (const entry of this.#listeners) entry.off = instance.on(entry.event, entry.fn as (detail: unknown) => void);
    }
  };
}

/** Registers `<parley-chat>` (done on import in a browser; call again after a custom registry is available). */
export function defineParleyChat(name = 'parley-chat'): void {
  if (typeof customElements === 'undefined' || customElements.get(name)) return;
  customElements.define(name, defineElementClass());
}

defineParleyChat();

declare global {
  interface HTMLElementTagNameMap {
    'parley-chat': ParleyChatElement;
  }
}
