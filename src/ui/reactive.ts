// The UI's binding of Preact to signals (docs/decisions/074): a component made with reactive() re-renders when a
// signal it read during its last render changes. It stands in for @preact/signals' Preact integration, of which we
// used only this, and for preact/hooks, of which we used only useRef and useLayoutEffect: the store and the UI
// import @preact/signals-core, and nothing patches Preact's options. Also Pure: the one shallow props check, shared by
// reactive components and the message log's blocks.

import { Component, type ComponentChild } from 'preact';
import { effect } from '@preact/signals-core';

/**
 * A component that re-renders for its parent only when one of its props changed (shallow); an array prop (a block's
 * slice of messages) counts as changed only when one of its elements did. Callers keep function props the same.
 */
export abstract class Pure<P extends object> extends Component<P> {
  override shouldComponentUpdate(props: P): boolean {
    const next = props as Record<string, unknown>;
    const last = this.props as Record<string, unknown>;
    for (const k in last) if (!(k in next)) return true;
    for (const k in next) {
      const [v, was] = [next[k], last[k]];
      if (Array.isArray(v) && Array.isArray(was) ? was.length != v.length || v.some((x, i) => x !== was[i]) : v !== was) return true;
    }
    return false;
  }
}

/**
 * What a reactive view is handed besides its props: an object of its own, kept for the component's life. The view
 * keeps what useRef would hold on it (its `S` fields, unset until it sets them: `own.box ??= createRef()`), and
 * asks it for a layout effect.
 */
export type Own<S extends object = object> = Partial<S> & {
  /**
   * useLayoutEffect for one effect per component (a second call in a render replaces the first): once this render
   * is in the DOM, runs `fn` if one of `deps` changed (`!==`) since it last ran, and always after the first render,
   * calling the cleanup that its last run returned first. The last cleanup runs on unmount.
   */
  layout(fn: () => void | (() => void), deps: readonly unknown[]): void;
};

/**
 * A component whose `view` runs inside an effect() that records the signals it reads (`.value`; not `peek()` nor
 * reads inside `untracked()`). The first change to any of them disposes that effect and re-renders the component;
 * the next render records afresh. Children render after `view` returns, so each one tracks its own reads. Like
 * @preact/signals' components it skips a parent's re-render when its props are the same (shallow).
 */
export function reactive<P extends object, S extends object = object>(view: (props: P, own: Own<S>) => ComponentChild) {
  return class extends Pure<P> {
    /** Disposes the last render's effect. */
    stop?: () => void;
    /** The layout effect due after this render's commit; the deps it last ran (or is due) with; its cleanup. */
    due?: () => void | (() => void);
    deps?: readonly unknown[];
    cleanup?: () => void;
    own = {
      layout: (fn, deps) => {
        if (!this.deps || deps.some((d, i) => d !== this.deps![i])) {
          this.due = fn;
          this.deps = deps;
        }
      },
    } as Own<S>;

    override render(props: P) {
      this.stop?.();
      const { own } = this;
      const rerender = () => this.forceUpdate();
      let out: ComponentChild;
      let rendered = false;
      this.stop = effect(function () {
        if (!rendered) {
          rendered = true;
          out = view(props, own);
        } else {
          // A change (also one made by `view` itself: that lands here once `view` has returned). This run read
          // nothing, so nothing listens any more; dispose the effect and let Preact queue the re-render, which
          // tracks afresh. Never a synchronous render: a change made while rendering cannot loop here.
          this.dispose();
          rerender();
        }
      });
      return out;
    }

    override componentDidMount() {
      this.componentDidUpdate();
    }

    override componentDidUpdate() {
      const fn = this.due;
      if (fn) {
        this.due = undefined;
        this.cleanup?.();
        this.cleanup = fn() || undefined;
      }
    }

    override componentWillUnmount() {
      this.stop?.();
      this.cleanup?.();
    }
  };
}
