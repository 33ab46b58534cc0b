// @vitest-environment happy-dom
import { afterEach, describe, expect, it, vi } from 'vitest';
import './element';
import type { ParleyChatElement } from './element';

const attrs = {
  'organization-id': 'c0ffee00-0000-4000-8000-000000000001',
  'deployment-id': 'c0ffee00-0000-4000-8000-000000000002',
  queue: 'Support',
  'api-base': 'http://127.0.0.1:9',
  persist: 'none',
};

function make(attributes: Record<string, string> = attrs): ParleyChatElement {
  const el = document.createElement('parley-chat');
  for (const [k, v] of Object.entries(attributes)) el.setAttribute(k, v);
  return el;
}
const flush = () => new Promise<void>((resolve) => queueMicrotask(resolve));

afterEach(() => {
  document.body.replaceChildren();
  vi.restoreAllMocks();
});

describe('<parley-chat>', () => {
  it('is registered on import and observes every attribute option, without data-', () => {
    const ctor = customElements.get('parley-chat') as unknown as { observedAttributes: string[] };
    expect(ctor.observedAttributes).toEqual(expect.arrayContaining(['organization-id', 'deployment-id', 'queue', 'api-base', 'prechat-fields', 'custom-fields', 'open']));
    expect(ctor.observedAttributes).not.toContain('member-auth-token');
  });

  it('mounts when connected and unmounts when removed', () => {
    const el = make();
    expect(el.instance).toBeUndefined();
    document.body.append(el);
    expect(el.instance).toBeDefined();
    expect(el.shadowRoot?.childNodes.length).toBeGreaterThan(0);
    el.remove();
    expect(el.instance).toBeUndefined();
    expect(el.shadowRoot?.childNodes.length).toBe(0);
  });

  it('remounts once for several attribute changes in one task, keeping its listeners', async () => {
    const el = make();
    document.body.append(el);
    const first = el.instance;
    const opened = vi.fn();
    el.on('open', opened);
    el.setAttribute('title', 'One');
    el.setAttribute('theme', 'dark');
    el.setAttribute('position', 'bottom-left');
    expect(el.instance).toBe(first);
    await flush();
    const second = el.instance;
    expect(second).not.toBe(first);
    await flush();
    expect(el.instance).toBe(second);
    el.open();
    expect(opened).toHaveBeenCalledTimes(1);
  });

  it('takes what an attribute cannot carry from the options property, naming its errors by option name', async () => {
    vi.useFakeTimers();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const el = make();
    document.body.append(el);
    el.options = { strings: 'not an object' };
    await vi.advanceTimersByTimeAsync(0);
    expect(error).toHaveBeenCalledTimes(1);
    expect(String(error.mock.calls[0]?.[0])).toContain('strings must be an object of strings');
    el.options = { memberAuthToken: () => Promise.resolve('jwt') };
    await vi.advanceTimersByTimeAsync(0);
    expect(error).toHaveBeenCalledTimes(1);
    vi.useRealTimers();
  });

  it('reports a missing attribute by its unprefixed name', async () => {
    vi.useFakeTimers();
    const error = vi.spyOn(console, 'error').mockImplementation(() => {});
    const { queue: _queue, ...rest } = attrs;
    const el = make(rest);
    const errors: unknown[] = [];
    el.on('error', (e) => errors.push(e));
    document.body.append(el);
    await vi.advanceTimersByTimeAsync(0);
    expect(errors).toEqual([{ code: 'invalid-config', message: expect.stringMatching(/\bqueue is required/) }]);
    expect(String(error.mock.calls[0]?.[0])).not.toContain('data-queue');
    vi.useRealTimers();
  });
});
