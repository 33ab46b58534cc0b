// Code that runs inside the benchmarked pages (Parley's and the floor's alike, injected before any script):
// a MutationObserver that timestamps the moment each benchmark message's article enters the DOM.

export interface BenchProbe {
  /** Starts watching `root` (the widget's shadow root, or the floor's log) and everything below it. */
  observe(root: Node): void;
  /** Resolves with the page time at which the article holding `key` (e.g. `bench:s:12`) appeared. */
  when(key: string, timeoutMs: number): Promise<number>;
  /** Resolves with the page time at which the `count`-th distinct article of `label` appeared. */
  count(label: string, count: number, timeoutMs: number): Promise<number>;
  seen(label: string): number;
}

declare global {
  interface Window {
    __bench: BenchProbe;
  }
}

/** Serialised by Playwright into the page: it may use nothing from the module scope. */
export function instrumentPage(): void {
  const now = () => performance.timeOrigin + performance.now();
  const times = new Map<string, number>();
  const counts = new Map<string, number>();
  const reached = new Map<string, number[]>();
  const waiters = new Set<() => boolean>();
  const MARKER = /bench:([a-z0-9]+):(\d+)/;
  const ARTICLE = 'article,[role="article"]';

  const record = (article: Element, t: number) => {
    const m = MARKER.exec(article.textContent ?? '');
    if (!m || times.has(m[0])) return;
    times.set(m[0], t);
    const label = m[1] as string;
    const c = (counts.get(label) ?? 0) + 1;
    counts.set(label, c);
    const list = reached.get(label) ?? [];
    list.push(t);
    reached.set(label, list);
    for (const w of [...waiters]) if (w()) waiters.delete(w);
  };

  const scan = (node: Node, t: number) => {
    if (node.nodeType === Node.ELEMENT_NODE) {
      const el = node as Element;
      if (el.matches(ARTICLE)) record(el, t);
      else for (const a of el.querySelectorAll(ARTICLE)) record(a, t);
      const around = el.parentElement?.closest(ARTICLE);
      if (around) record(around, t);
    } else if (node.nodeType === Node.DOCUMENT_FRAGMENT_NODE) {
      for (const a of (node as DocumentFragment).querySelectorAll(ARTICLE)) record(a, t);
    } else if (node.parentElement) {
      const around = node.parentElement.closest(ARTICLE);
      if (around) record(around, t);
    }
  };

  const onMutations = (records: MutationRecord[]) => {
    // One timestamp per callback: every mutation in it became visible to script at the same moment.
    const t = now();
    for (const r of records) {
      if (r.type === 'childList') for (const n of r.addedNodes) scan(n, t);
      else scan(r.target, t);
    }
  };

  const wait = <T>(check: () => T | undefined, timeoutMs: number, describe: () => string) =>
    new Promise<T>((resolve, reject) => {
      const first = check();
      if (first !== undefined) return resolve(first);
      const timer = setTimeout(() => {
        waiters.delete(waiter);
        reject(new Error(`timed out: ${describe()}`));
      }, timeoutMs);
      const waiter = () => {
        const v = check();
        if (v === undefined) return false;
        clearTimeout(timer);
        resolve(v);
        return true;
      };
      waiters.add(waiter);
    });

  window.__bench = {
    observe(root) {
      new MutationObserver(onMutations).observe(root, { childList: true, subtree: true, characterData: true });
      scan(root, now());
    },
    when: (key, timeoutMs) => wait(() => times.get(key), timeoutMs, () => `${key} never appeared`),
    count: (label, n, timeoutMs) =>
      wait(
        () => reached.get(label)?.[n - 1],
        timeoutMs,
        () => `${counts.get(label) ?? 0} of ${n} "${label}" articles appeared`,
      ),
    seen: (label) => counts.get(label) ?? 0,
  };
}
