// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const ORG = 'c0ffee00-0000-4000-8000-000000000001';
const DEP = 'c0ffee00-0000-4000-8000-000000000002';

/** A script tag as a customer pastes it (never executed: the test imports the module instead). */
function paste(attributes: Record<string, string>, src = 'https://cdn.example.com/parley.js'): HTMLScriptElement {
  const script = document.createElement('script');
  script.type = 'text/plain';
  script.setAttribute('src', src);
  for (const [k, v] of Object.entries(attributes)) script.setAttribute(`data-${k}`, v);
  document.body.append(script);
  return script;
}

/** Runs the entry as the browser would when the tag executes (document.currentScript is unset here). */
async function load(): Promise<void> {
  vi.resetModules();
  await import('./embed');
}

const hosts = () => [...document.querySelectorAll('*')].filter((el) => el.shadowRoot);

beforeEach(() => {
  document.body.replaceChildren();
  delete window.Parley;
});
afterEach(() => {
  window.Parley?.destroy();
  vi.restoreAllMocks();
  vi.useRealTimers();
});

describe('the script-tag entry', () => {
  it('finds its own tag by src, mounts one widget on <body>, defines window.Parley and fires parley:ready once', async () => {
    paste({ 'organization-id': ORG, 'deployment-id': DEP, queue: 'Support', 'api-base': 'http://127.0.0.1:9', persist: 'none', title: 'Ask us' });
    const ready = vi.fn();
    window.addEventListener('parley:ready', ready);
    await load();
    window.removeEventListener('parley:ready', ready);
    expect(ready).toHaveBeenCalledTimes(1);
    expect((ready.mock.calls[0]?.[0] as CustomEvent).detail).toBe(window.Parley);
    expect(hosts()).toHaveLength(1);
    expect(hosts()[0]?.parentElement).toBe(document.body);
    for (const method of ['open', 'close', 'toggle', 'start', 'send', 'end', 'on', 'destroy'] as const) {
      expect(window.Parley?.[method]).toBeTypeOf('function');
    }
  });

  it('runs once when pasted twice: the second copy only warns', async () => {
    paste({ 'organization-id': ORG, 'deployment-id': DEP, queue: 'Support', 'api-base': 'http://127.0.0.1:9', persist: 'none' });
    await load();
    const first = window.Parley;
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const ready = vi.fn();
    window.addEventListener('parley:ready', ready);
    await load();
    window.removeEventListener('parley:ready', ready);
    expect(window.Parley).toBe(first);
    expect(hosts()).toHaveLength(1);
    expect(ready).not.toHaveBeenCalled();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('more than once'));
  });

  it('with a broken snippet still defines window.Parley, fires parley:ready, and logs one error naming the attribute', async () => {
    vi.useFakeTimers();
    paste({ 'organization-id': ORG, queue: 'Support' });
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const errors: unknown[] = [];
    window.addEventListener('parley:ready', (e) => (e as CustomEvent<NonNullable<Window['Parley']>>).detail.on('error', (d) => errors.push(d)), { once: true });
    await load();
    vi.runAllTimers();
    expect(window.Parley).toBeDefined();
    expect(hosts()).toHaveLength(0);
    expect(document.querySelector('parley-widget')).toBeNull();
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]?.[0])).toContain('data-deployment-id is required');
    expect(errors).toEqual([{ code: 'invalid-config', message: expect.stringContaining('data-deployment-id') }]);
  });

  it('reports a missing tag as missing attributes rather than failing', async () => {
    vi.useFakeTimers();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    await load();
    vi.runAllTimers();
    expect(window.Parley).toBeDefined();
    expect(String(error.mock.calls[0]?.[0])).toContain('data-organization-id is required');
  });

  it('prefers the parley.js tag that carries the data attributes', async () => {
    paste({}, '/other/parley.js');
    paste({ 'organization-id': ORG, 'deployment-id': DEP, queue: 'Support', 'api-base': 'http://127.0.0.1:9', persist: 'none' }, '/parley.js?v=2');
    const error = vi.spyOn(console, 'error');
    await load();
    expect(hosts()).toHaveLength(1);
    expect(error).not.toHaveBeenCalled();
  });

  it('destroy() removes the widget and window.Parley, so a later paste starts afresh', async () => {
    paste({ 'organization-id': ORG, 'deployment-id': DEP, queue: 'Support', 'api-base': 'http://127.0.0.1:9', persist: 'none' });
    await load();
    const api = window.Parley!;
    api.destroy();
    expect(window.Parley).toBeUndefined();
    expect(hosts()).toHaveLength(0);
    api.open();
    await expect(api.send('after destroy')).resolves.toBeUndefined();
    await load();
    expect(window.Parley).toBeDefined();
    expect(hosts()).toHaveLength(1);
  });
});
