// The `parley-chat/preact` npm entry: <ParleyChat {...options}/>, a Preact component around mount().
// Uses the host app's Preact (a peer dependency); the widget itself is create-widget's.

import { useEffect, useRef } from 'preact/hooks';
import { createWidgetIn, type ParleyInstance } from './create-widget';
import type { ParleyOptions } from './widget-options';

export type { ParleyEventName, ParleyEvents, ParleyInstance } from './create-widget';
export type { ParleyOptions } from './widget-options';

export interface ParleyChatProps extends ParleyOptions {
  /** Receives the instance after every (re)mount, and `null` when it goes away. */
  onInstance?: (instance: ParleyInstance | null) => void;
}

/** Options that decide what is mounted: functions are compared by identity, the rest by value. */
function optionsKey(options: ParleyOptions): string {
  return JSON.stringify(options, (_key, value: unknown) => (typeof value === 'function' ? '[fn]' : value));
}

/**
 * Mounts one widget while rendered. Changing any option remounts it (the live chat resumes from storage
 * when `persist` allows); unmounting the component destroys it.
 */
export function ParleyChat({ onInstance, ...options }: ParleyChatProps) {
  const ref = useRef<HTMLDivElement>(null);
  const latest = useRef({ options, onInstance });
  latest.current = { options, onInstance };
  const key = optionsKey(options);
  const token = options.memberAuthToken;

  useEffect(() => {
    const parent = ref.current;
    if (!parent) return;
    const instance: ParleyInstance = createWidgetIn(parent, latest.current.options);
    latest.current.onInstance?.(instance);
    return () => {
      instance.destroy();
      latest.current.onInstance?.(null);
    };
  }, [key, token]);

  return <div ref={ref} data-parley-chat="" />;
}
