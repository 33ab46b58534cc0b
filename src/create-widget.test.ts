// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CONFIG_ERROR, MOUNT_ERROR, createWidget, createWidgetIn } from './create-widget';
import type { Logger } from './lib/log';

const valid = {
  organizationId: 'c0ffee00-0000-4000-8000-000000000001',
  deploymentId: 'c0ffee00-0000-4000-8000-000000000002',
  queue: 'Support',
  apiBase: 'http://127.0.0.1:9',
  persist: 'none',
};

function recordingLogger() {
  const errors: unknown[][] = [];
  const warnings: unknown[][] = [];
  const logger: Logger = { error: (...a) => void errors.push(a), warn: (...a) => void warnings.push(a) };
  return { logger, errors, warnings };
}

beforeEach(() => {
  vi.useFakeTimers();
  document.body.replaceChildren();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('createWidget with a bad configuration', () => {
  it('reports the error in a later task: one console error naming the attribute, then the error event', () => {
    const { logger, errors } = recordingLogger();
    const instance = createWidgetIn(document.body, { ...valid, queue: undefined }, { logger, label: (n) => `data-${n}` });
    const seen: unknown[] = [];
    instance.on('error', (e) => seen.push(e));
    expect(errors).toEqual([]);
    expect(seen).toEqual([]);

    vi.runAllTimers();
    expect(errors).toHaveLength(1);
    expect(String(errors[0]?.[0])).toContain('data-queue is required');
    expect(seen).toEqual([{ code: CONFIG_ERROR, message: expect.stringContaining('data-queue') }]);
  });

  it('replays the configuration error to listeners added after it was reported', () => {
    const { logger, errors } = recordingLogger();
    const instance = createWidgetIn(document.body, {}, { logger });
    vi.runAllTimers();
    const late: { code: string; message: string }[] = [];
    instance.on('error', (e) => late.push(e));
    expect(late).toHaveLength(1);
    expect(late[0]?.message).toContain('organizationId is required');
    expect(late[0]?.message).toContain('deploymentId is required');
    expect(errors).toHaveLength(1);
  });

  it('adds nothing to the page and never rejects its actions', async () => {
    const { logger } = recordingLogger();
    const instance = createWidgetIn(document.body, { theme: 'blue' }, { logger });
    expect(document.body.children).toHaveLength(0);
    instance.open();
    instance.toggle();
    await expect(instance.start({ firstName: 'Ada' })).resolves.toBeUndefined();
    await expect(instance.send('hi')).resolves.toBeUndefined();
    await expect(instance.end()).resolves.toBeUndefined();
  });

  it('reports nothing once destroyed before the report was due', () => {
    const { logger, errors } = recordingLogger();
    const instance = createWidgetIn(document.body, {}, { logger });
    const seen: unknown[] = [];
    instance.on('error', (e) => seen.push(e));
    instance.destroy();
    vi.runAllTimers();
    expect(errors).toEqual([]);
    expect(seen).toEqual([]);
  });

  it('still announces ready, to late listeners too', () => {
    const { logger } = recordingLogger();
    const instance = createWidgetIn(document.body, {}, { logger });
    const ready = vi.fn();
    instance.on('ready', ready);
    expect(ready).toHaveBeenCalledTimes(1);
  });
});

describe('createWidget with a valid configuration', () => {
  it('mounts into an open shadow root on a new host appended to the parent', () => {
    const { logger } = recordingLogger();
    const instance = createWidgetIn(document.body, valid, { logger });
    const host = document.body.lastElementChild;
    expect(host?.tagName.toLowerCase()).toBe('parley-widget');
    expect(host?.shadowRoot?.mode).toBe('open');
    expect(host?.shadowRoot?.childNodes.length).toBeGreaterThan(0);
    instance.destroy();
  });

  it('destroy() removes the host, stops the events and is safe to repeat', () => {
    const { logger } = recordingLogger();
    const instance = createWidgetIn(document.body, valid, { logger });
    const opened = vi.fn();
    instance.on('open', opened);
    instance.destroy();
    instance.destroy();
    expect(document.body.children).toHaveLength(0);
    instance.open();
    expect(opened).not.toHaveBeenCalled();
    expect(instance.on('open', opened)).toBeTypeOf('function');
  });

  it('emits open and close from the UI, and a throwing listener breaks neither the widget nor other listeners', () => {
    const { logger, errors } = recordingLogger();
    const instance = createWidgetIn(document.body, valid, { logger });
    const events: string[] = [];
    instance.on('open', () => {
      throw new Error('host bug');
    });
    instance.on('open', () => events.push('open'));
    instance.on('close', () => events.push('close'));
    instance.open();
    instance.close();
    instance.toggle();
    expect(events).toEqual(['open', 'close', 'open']);
    expect(errors.some((e) => String(e[0]).includes('"open" listener threw'))).toBe(true);
    instance.destroy();
  });

  it('keeps two instances apart: destroying one leaves the other mounted', () => {
    const { logger } = recordingLogger();
    const a = createWidgetIn(document.body, valid, { logger });
    const b = createWidgetIn(document.body, { ...valid, title: 'Second' }, { logger });
    expect(document.body.children).toHaveLength(2);
    const opened = vi.fn();
    b.on('open', opened);
    a.open();
    expect(opened).not.toHaveBeenCalled();
    a.destroy();
    expect(document.body.children).toHaveLength(1);
    b.open();
    expect(opened).toHaveBeenCalledTimes(1);
    b.destroy();
  });

  it('reuses a given host (the custom element) and leaves it empty for the next mount', () => {
    const { logger } = recordingLogger();
    const host = document.createElement('div');
    document.body.append(host);
    const first = createWidget(valid, host, { logger });
    expect(host.shadowRoot?.childNodes.length).toBeGreaterThan(0);
    first.destroy();
    expect(host.isConnected).toBe(true);
    expect(host.shadowRoot?.childNodes.length).toBe(0);
    const second = createWidget(valid, host, { logger });
    expect(host.shadowRoot?.childNodes.length).toBeGreaterThan(0);
    second.destroy();
  });

  it('turns a failure to mount into an error event, leaving nothing behind', () => {
    const { logger, errors } = recordingLogger();
    // A host that already has a closed shadow root: a second attachShadow throws.
    const host = document.createElement('div');
    host.attachShadow({ mode: 'closed' });
    document.body.append(host);
    const instance = createWidget(valid, host, { logger });
    const seen: unknown[] = [];
    instance.on('error', (e) => seen.push(e));
    vi.runAllTimers();
    expect(seen).toEqual([{ code: MOUNT_ERROR, message: expect.stringContaining('could not start') }]);
    expect(errors).toHaveLength(1);
    expect(document.body.children).toHaveLength(1);
    instance.open();
    instance.destroy();
  });
});
