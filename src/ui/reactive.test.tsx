// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createRef, render, type RefObject } from 'preact';
import { act } from 'preact/test-utils';
import { signal, untracked } from '@preact/signals-core';
import { type Own, reactive } from './reactive';

let root: HTMLElement;

beforeEach(() => {
  root = document.createElement('div');
  document.body.appendChild(root);
});

afterEach(() => {
  render(null, root);
  root.remove();
});

const mount = (vnode: preact.ComponentChild) => act(() => render(vnode, root));
/** Sets signals the way the app does (outside any render), then lets Preact run the re-renders it queued. */
const change = (fn: () => void) => act(fn);
/** A signal that counts its subscribers: an effect that still listens to it keeps it watched. */
function watchedSignal<T>(value: T) {
  const s = Object.assign(
    signal(value, {
      watched: () => void s.watchers++,
      unwatched: () => void s.watchers--,
    }),
    { watchers: 0 },
  );
  return s;
}

describe('reactive()', () => {
  it('re-renders when a signal read by the view changes, and only then', async () => {
    const read = signal('a');
    const other = signal(0);
    let renders = 0;
    const View = reactive(() => {
      renders++;
      return <p>{read.value}</p>;
    });
    await mount(<View />);
    expect(root.textContent).toBe('a');
    await change(() => (read.value = 'b'));
    expect(root.textContent).toBe('b');
    expect(renders).toBe(2);
    await change(() => (other.value = 1));
    expect(renders).toBe(2);
  });

  it('re-renders later, never inside the write', async () => {
    const s = signal(1);
    const View = reactive(() => <p>{s.value}</p>);
    await mount(<View />);
    s.value = 2;
    expect(root.textContent).toBe('1');
    await new Promise((r) => setTimeout(r));
    expect(root.textContent).toBe('2');
  });

  it('renders once for several changes before the re-render, and stops listening at the first', async () => {
    const a = watchedSignal(0);
    const b = watchedSignal(0);
    let renders = 0;
    const View = reactive(() => {
      renders++;
      return <p>{a.value + b.value}</p>;
    });
    await mount(<View />);
    expect([a.watchers, b.watchers]).toEqual([1, 1]);
    await change(() => {
      a.value = 1;
      // The first change disposed the render's effect: nothing listens until the component renders again.
      expect([a.watchers, b.watchers]).toEqual([0, 0]);
      b.value = 2;
      a.value = 3;
    });
    expect(renders).toBe(2);
    expect(root.textContent).toBe('5');
    expect([a.watchers, b.watchers]).toEqual([1, 1]);
  });

  it('does not track peek() nor reads inside untracked()', async () => {
    const peeked = signal(1);
    const hidden = signal(2);
    const View = reactive(() => <p>{`${peeked.peek()} ${untracked(() => hidden.value)}`}</p>);
    await mount(<View />);
    await change(() => {
      peeked.value = 10;
      hidden.value = 20;
    });
    expect(root.textContent).toBe('1 2');
  });

  it('tracks afresh on every render: a signal no longer read no longer re-renders', async () => {
    const which = signal(true);
    const a = watchedSignal('a');
    const b = watchedSignal('b');
    let renders = 0;
    const View = reactive(() => {
      renders++;
      return <p>{which.value ? a.value : b.value}</p>;
    });
    await mount(<View />);
    await change(() => (which.value = false));
    expect(root.textContent).toBe('b');
    expect(a.watchers).toBe(0);
    await change(() => (a.value = 'A'));
    expect(renders).toBe(2);
    await change(() => (b.value = 'B'));
    expect(root.textContent).toBe('B');
    expect(renders).toBe(3);
  });

  it('tracks each component on its own: a child read re-renders the child, not the parent', async () => {
    const top = signal('t');
    const inner = signal('i');
    const renders = { parent: 0, child: 0 };
    const Child = reactive(({ label }: { label: string }) => {
      renders.child++;
      return (
        <span>
          {label}
          {inner.value}
        </span>
      );
    });
    const Parent = reactive(() => {
      renders.parent++;
      return (
        <div>
          {top.value}
          <Child label="-" />
        </div>
      );
    });
    await mount(<Parent />);
    expect(root.textContent).toBe('t-i');
    await change(() => (inner.value = 'I'));
    expect(root.textContent).toBe('t-I');
    expect(renders).toEqual({ parent: 1, child: 2 });
    // The parent re-renders; the child's props are the same, so it does not.
    await change(() => (top.value = 'T'));
    expect(root.textContent).toBe('T-I');
    expect(renders).toEqual({ parent: 2, child: 2 });
  });

  it('re-renders for changed props from its parent', async () => {
    const label = signal('x');
    const Child = reactive(({ text }: { text: string }) => <span>{text}</span>);
    const Parent = reactive(() => <Child text={label.value} />);
    await mount(<Parent />);
    await change(() => (label.value = 'y'));
    expect(root.textContent).toBe('y');
  });

  it('drops the last render’s subscriptions when a parent re-renders it with new props', async () => {
    const useA = signal(true);
    const a = watchedSignal('a');
    const b = watchedSignal('b');
    let renders = 0;
    const Child = reactive(({ first }: { first: boolean }) => {
      renders++;
      return <p>{first ? a.value : b.value}</p>;
    });
    const Parent = reactive(() => <Child first={useA.value} />);
    await mount(<Parent />);
    await change(() => (useA.value = false));
    expect(root.textContent).toBe('b');
    expect([a.watchers, b.watchers]).toEqual([0, 1]);
    await change(() => (a.value = 'A'));
    expect(renders).toBe(2);
  });

  it('converges when the view itself changes a signal it read: one more render, no loop', async () => {
    const n = signal(7);
    let renders = 0;
    const Clamp = reactive(() => {
      renders++;
      const v = n.value;
      if (v > 5) n.value = 5;
      return <p>{v}</p>;
    });
    await mount(<Clamp />);
    expect(root.textContent).toBe('5');
    expect(renders).toBe(2);
    await change(() => (n.value = 9));
    expect(root.textContent).toBe('5');
    expect(renders).toBe(4);
  });

  it('leaves nothing subscribed after unmount, and does not render again', async () => {
    const s = watchedSignal(1);
    let renders = 0;
    const View = reactive(() => {
      renders++;
      return <p>{s.value}</p>;
    });
    await mount(<View />);
    expect(s.watchers).toBe(1);
    await mount(null);
    expect(s.watchers).toBe(0);
    await change(() => (s.value = 2));
    expect(renders).toBe(1);
    expect(root.innerHTML).toBe('');
  });

  it('unsubscribes when unmounted with a re-render pending', async () => {
    const s = watchedSignal(1);
    const shown = signal(true);
    const View = reactive(() => <p>{s.value}</p>);
    const Host = reactive(() => (shown.value ? <View /> : null));
    await mount(<Host />);
    await change(() => {
      s.value = 2;
      shown.value = false;
    });
    expect(root.innerHTML).toBe('');
    expect(s.watchers).toBe(0);
  });
});

describe('reactive() own object', () => {
  it('keeps what the view stores on it for the component’s life', async () => {
    const s = signal(0);
    const seen: RefObject<HTMLParagraphElement | null>[] = [];
    const View = reactive((_: object, own: Own<{ p: RefObject<HTMLParagraphElement | null> }>) => {
      seen.push((own.p ??= createRef()));
      return <p ref={own.p}>{s.value}</p>;
    });
    await mount(<View />);
    await change(() => (s.value = 1));
    expect(seen).toHaveLength(2);
    expect(seen[0]).toBe(seen[1]);
    expect(seen[0]!.current).toBe(root.querySelector('p'));
  });

  it('runs the layout effect after the render is in the DOM, again only when a dep changed, cleaning up first', async () => {
    const dep = signal('a');
    const other = signal(0);
    const log: string[] = [];
    const View = reactive((_: object, own: Own) => {
      const d = dep.value;
      own.layout(() => {
        log.push(`run ${d} ${root.textContent}`);
        return () => log.push(`cleanup ${d}`);
      }, [d]);
      return <p data-other={other.value}>{d}</p>;
    });
    await mount(<View />);
    expect(log).toEqual(['run a a']);
    await change(() => (other.value = 1));
    expect(log).toEqual(['run a a']);
    await change(() => (dep.value = 'b'));
    expect(log).toEqual(['run a a', 'cleanup a', 'run b b']);
    await mount(null);
    expect(log).toEqual(['run a a', 'cleanup a', 'run b b', 'cleanup b']);
  });

  it('runs a layout effect with no deps once, and its cleanup on unmount', async () => {
    const s = signal(0);
    let runs = 0;
    let cleanups = 0;
    const View = reactive((_: object, own: Own) => {
      own.layout(() => {
        runs++;
        return () => void cleanups++;
      }, []);
      return <p>{s.value}</p>;
    });
    await mount(<View />);
    await change(() => (s.value = 1));
    expect([runs, cleanups]).toEqual([1, 0]);
    await mount(null);
    expect([runs, cleanups]).toEqual([1, 1]);
  });

  it('keeps one object per instance', async () => {
    const owns: object[] = [];
    const View = reactive((_: { k: number }, own: Own) => {
      owns.push(own);
      return null;
    });
    await mount(
      <>
        <View k={1} />
        <View k={2} />
      </>,
    );
    expect(owns).toHaveLength(2);
    expect(owns[0]).not.toBe(owns[1]);
  });
});
