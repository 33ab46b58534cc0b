// The `parley-chat` npm entry: mount(target, options) -> the same instance API as window.Parley, and the types.
// Preact and @preact/signals-core are the host app's (peer dependencies); the widget is create-widget's.

import { createWidgetIn, type ParleyInstance } from './create-widget';
import type { ParleyOptions } from './widget-options';

export type { ParleyEventName, ParleyEvents, ParleyInstance } from './create-widget';
export { CONFIG_ERROR } from './create-widget';
export type { ParleyOptions, Persist, Position, PrechatField, Theme } from './widget-options';
export type { ChatError, ChatErrorCode, ChatMediaRequest, ChatMember, GuestInfo } from './store/types';
export type { WebChatMessage } from './protocol/models';

/**
 * Mounts a widget into `target` (a new host element with an open shadow root is appended to it).
 * Bad options never throw: the instance logs one console.error naming the option and emits `error`.
 */
export function mount(target: Element | ShadowRoot | DocumentFragment, options: ParleyOptions): ParleyInstance {
  if (!target || typeof (target as Node).appendChild !== 'function') {
    throw new TypeError('parley-chat: mount(target, options) needs a DOM element to mount into');
  }
  return createWidgetIn(target, options);
}
