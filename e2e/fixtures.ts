// The end-to-end fixture: every test gets a fresh emulator on port 0 (manual agent), a static site on another
// origin serving dist/ and pages it registers, and helpers to steer the agent and find the widget by role.
import { fileURLToPath } from 'node:url';
import { test as base, expect, type ConsoleMessage, type Locator, type Page } from '@playwright/test';
import { createEmulator } from '../emulator/index';
import { startStaticServer, type StaticServer } from './static-server';

const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));
export const DIST_DIR = root('dist');
/** Pages bundled by e2e/global-setup.ts (e.g. a page importing the npm entry). */
export const PAGES_DIST_DIR = root('node_modules/.cache/parley-e2e-pages');

/** The emulator's default world (emulator-control.md). */
export const ids = {
  organizationId: 'c0ffee00-0000-4000-8000-000000000001',
  deploymentId: 'c0ffee00-0000-4000-8000-000000000002',
  queue: 'Support',
} as const;

// Answers of the control API, as much of them as the tests read (e2e sees the wire, not src/).
export interface MemberInfo {
  id: string;
  displayName?: string;
  role: string;
  state: string;
  customFields?: Record<string, string>;
}
export interface Message {
  id: string;
  body: string;
  bodyType: string;
  sender: { id: string };
  timestamp: string;
}
export interface ConversationSummary {
  id: string;
  state: string;
  members: MemberInfo[];
  messageCount: number;
}
export interface ConversationDetail extends ConversationSummary {
  messages: Message[];
}
export interface Faults {
  dropSockets?: boolean;
  stallSocketsMs?: number;
  failRequests?: { status: number; count: number; retryAfterSec?: number; match?: string; afterEffect?: boolean };
  latencyMs?: number;
  rejectSockets?: number;
}

export interface Control {
  conversations(): Promise<ConversationSummary[]>;
  conversation(id: string): Promise<ConversationDetail>;
  /** Waits (polling the emulator's state, no fixed sleep) for the only/newest conversation, and returns it. */
  waitForConversation(predicate?: (c: ConversationSummary) => boolean): Promise<ConversationSummary>;
  joinAgent(conversationId: string, agent?: { displayName?: string; avatarImageUrl?: string }): Promise<MemberInfo>;
  agentSays(conversationId: string, body: string): Promise<Message>;
  agentTyping(conversationId: string): Promise<void>;
  mediaRequest(conversationId: string, types?: string[]): Promise<{ id: string; state: string }>;
  agentLeaves(conversationId: string): Promise<void>;
  disconnect(conversationId: string): Promise<void>;
  faults(faults: Faults): Promise<void>;
  clearFaults(): Promise<void>;
}

export interface Emulator {
  url: string;
  control: Control;
}

export function controlApi(url: string): Control {
  const call = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${url}/_emulator${path}`, {
      method,
      headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`control ${method} ${path} → ${res.status} ${await res.text()}`);
    return (res.status === 204 ? undefined : await res.json()) as T;
  };
  const enc = encodeURIComponent;
  const control: Control = {
    conversations: () => call('GET', '/conversations'),
    conversation: (id) => call('GET', `/conversations/${enc(id)}`),
    async waitForConversation(predicate = () => true) {
      let found: ConversationSummary | undefined;
      await expect
        .poll(
          async () => {
            found = (await control.conversations()).find(predicate);
            return found !== undefined;
          },
          { message: 'a conversation in the emulator', intervals: [50, 100, 200] },
        )
        .toBe(true);
      return found!;
    },
    joinAgent: (id, agent = { displayName: 'Grace' }) => call('POST', `/conversations/${enc(id)}/agent`, agent),
    agentSays: (id, body) => call('POST', `/conversations/${enc(id)}/agent/messages`, { body }),
    agentTyping: (id) => call('POST', `/conversations/${enc(id)}/agent/typing`),
    mediaRequest: (id, types = ['COBROWSE']) => call('POST', `/conversations/${enc(id)}/mediarequests`, { types }),
    agentLeaves: (id) => call('DELETE', `/conversations/${enc(id)}/agent`),
    disconnect: (id) => call('POST', `/conversations/${enc(id)}/disconnect`),
    faults: (faults) => call('POST', '/faults', faults),
    clearFaults: () => call('DELETE', '/faults'),
  };
  return control;
}

export interface EmbedOptions {
  /** Where the tag goes. Default: end of <body>. */
  placement?: 'head' | 'body';
  loading?: 'sync' | 'async' | 'defer';
  /** How many times the snippet is pasted. */
  copies?: number;
  /** HTML before the tag in <body> (the customer's own page). */
  content?: string;
  /** HTML (e.g. an inline script) after the tag. */
  after?: string;
  headers?: Record<string, string>;
  title?: string;
}

export interface Site {
  readonly origin: string;
  readonly server: StaticServer;
  /** Registers an HTML page; returns its URL. */
  page(path: string, html: string, headers?: Record<string, string>): string;
  /**
   * A customer's page embedding /parley.js with the default world's attributes and `data-api-base` pointing
   * at the emulator, overridden by `attributes` (names without `data-`; `null` removes one). Returns its URL.
   */
  embed(attributes?: Record<string, string | null>, options?: EmbedOptions): string;
}

const escapeAttr = (v: string) => v.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');

export function defaultAttributes(emulatorUrl: string): Record<string, string> {
  return {
    'organization-id': ids.organizationId,
    'deployment-id': ids.deploymentId,
    queue: ids.queue,
    'api-base': emulatorUrl,
  };
}

export function scriptTag(attributes: Record<string, string | null>, loading: EmbedOptions['loading'] = 'sync'): string {
  const attrs = Object.entries(attributes)
    .filter((e): e is [string, string] => e[1] !== null)
    .map(([k, v]) => ` data-${k}="${escapeAttr(v)}"`)
    .join('');
  return `<script${loading === 'sync' ? '' : ` ${loading}`} src="/parley.js"${attrs}></script>`;
}

export function htmlPage(parts: { title?: string; head?: string; body?: string }): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>${parts.title ?? 'Customer site'}</title>${parts.head ?? ''}</head>
<body><main><h1>${parts.title ?? 'Customer site'}</h1>${parts.body ?? ''}</main></body>
</html>`;
}

/** The widget's parts, found by role and accessible name (widget-contract.md §3) through the open shadow root. */
export function widget(page: Page) {
  return {
    launcher: page.getByRole('button', { name: /^(open|close) chat/i }),
    openLauncher: page.getByRole('button', { name: /^open chat/i }),
    dialog: page.getByRole('dialog'),
    firstName: page.getByRole('textbox', { name: /^first name/i }),
    lastName: page.getByRole('textbox', { name: /^last name/i }),
    email: page.getByRole('textbox', { name: /^email/i }),
    phoneNumber: page.getByRole('textbox', { name: /^phone number/i }),
    startChat: page.getByRole('button', { name: /^start chat$/i }),
    log: page.getByRole('log', { name: /^messages$/i }),
    composer: page.getByRole('textbox', { name: /^message$/i }),
    send: page.getByRole('button', { name: /^send$/i }),
    endChat: page.getByRole('button', { name: /^end chat$/i }),
    confirmEnd: page.getByRole('button', { name: /^end$/i }),
    minimize: page.getByRole('button', { name: /^minimize chat$/i }),
    ended: page.getByRole('status').filter({ hasText: /chat ended/i }),
    article: (text: string | RegExp): Locator => page.getByRole('log', { name: /^messages$/i }).getByRole('article').filter({ hasText: text }),
  };
}

/** Starts the chat through the pre-chat form (or the form-less start) and waits for the conversation. */
export async function startChatAs(page: Page, emulator: Emulator, firstName = 'Ada'): Promise<ConversationSummary> {
  const w = widget(page);
  if (!(await w.dialog.isVisible())) await w.openLauncher.click();
  await w.firstName.fill(firstName);
  await w.startChat.click();
  return emulator.control.waitForConversation();
}

interface Fixtures {
  emulator: Emulator;
  site: Site;
  /** console.error texts and uncaught page errors of `page`, collected for the whole test. */
  consoleErrors: string[];
  pageErrors: Error[];
}

export const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern
  emulator: async ({}, use) => {
    const emulator = await createEmulator({ port: 0, agent: 'manual' });
    try {
      await use({ url: emulator.url, control: controlApi(emulator.url) });
    } finally {
      await emulator.close();
    }
  },
  site: async ({ emulator }, use) => {
    const server = await startStaticServer({ '/': DIST_DIR, '/pages/': PAGES_DIST_DIR });
    let n = 0;
    const site: Site = {
      origin: server.origin,
      server,
      page: (path, html, headers) => server.setPage(path, { body: html, ...(headers ? { headers } : {}) }),
      embed(attributes = {}, options = {}) {
        const tag = scriptTag({ ...defaultAttributes(emulator.url), ...attributes }, options.loading);
        const tags = Array.from({ length: options.copies ?? 1 }, () => tag).join('\n');
        const inHead = options.placement === 'head';
        const html = htmlPage({
          title: options.title ?? 'Trailhead Outfitters',
          head: inHead ? tags + (options.after ?? '') : '',
          body: `${options.content ?? '<p>Our store.</p>'}${inHead ? '' : tags + (options.after ?? '')}`,
        });
        return server.setPage(`/site-${++n}.html`, { body: html, ...(options.headers ? { headers: options.headers } : {}) });
      },
    };
    try {
      await use(site);
    } finally {
      await server.close();
    }
  },
  consoleErrors: async ({ page }, use) => {
    const errors: string[] = [];
    const onConsole = (msg: ConsoleMessage) => {
      if (msg.type() === 'error') errors.push(msg.text());
    };
    page.on('console', onConsole);
    await use(errors);
    page.off('console', onConsole);
  },
  pageErrors: async ({ page }, use) => {
    const errors: Error[] = [];
    const onError = (e: Error) => errors.push(e);
    page.on('pageerror', onError);
    await use(errors);
    page.off('pageerror', onError);
  },
});

export { expect };

/** Names of the instance events (widget-contract.md §2). */
export const parleyEventNames = ['ready', 'open', 'close', 'started', 'message', 'typing', 'members', 'mediarequest', 'connection', 'ended', 'error'] as const;

export interface RecordedEvent {
  name: string;
  detail: unknown;
}

/**
 * Before any page script runs: counts `parley:ready`, records every `window.Parley` event from the moment it
 * is ready, and keeps every WebSocket the page opens (to prove `destroy()` closes them).
 */
/**
 * Runs every animation in the page's shadow roots to its end. A reading taken while the window's opening animation
 * runs sees transient colours and opacity: axe then finds contrast that no visitor would see once it has settled.
 */
export async function finishAnimations(page: Page): Promise<void> {
  await page.evaluate(() => {
    for (const host of document.querySelectorAll('*'))
      for (const a of host.shadowRoot?.getAnimations() ?? []) {
        // An endless one (the waiting dots) cannot finish, and shows nothing transient anyway.
        if (a.effect?.getComputedTiming().endTime !== Infinity) a.finish();
      }
  });
}

export async function instrument(page: Page): Promise<void> {
  await page.addInitScript((names: readonly string[]) => {
    const w = window as unknown as {
      __parley: { ready: number; events: { name: string; detail: unknown }[]; sockets: WebSocket[] };
      WebSocket: typeof WebSocket;
    };
    const state = { ready: 0, events: [] as { name: string; detail: unknown }[], sockets: [] as WebSocket[] };
    w.__parley = state;
    const Native = w.WebSocket;
    w.WebSocket = class extends Native {
      constructor(url: string | URL, protocols?: string | string[]) {
        super(url, protocols);
        state.sockets.push(this);
      }
    };
    window.addEventListener('parley:ready', (event) => {
      state.ready++;
      const api = (event as CustomEvent<{ on(name: string, fn: (d: unknown) => void): () => void }>).detail;
      for (const name of names) api.on(name, (detail) => state.events.push({ name, detail: JSON.parse(JSON.stringify(detail ?? null)) }));
    });
  }, parleyEventNames);
}

export async function recordedEvents(page: Page, name?: string): Promise<RecordedEvent[]> {
  const events = await page.evaluate(() => (window as unknown as { __parley: { events: RecordedEvent[] } }).__parley.events);
  return name ? events.filter((e) => e.name === name) : events;
}

export async function readyCount(page: Page): Promise<number> {
  return page.evaluate(() => (window as unknown as { __parley: { ready: number } }).__parley.ready);
}

/** readyState of every WebSocket the page opened (0 connecting, 1 open, 2 closing, 3 closed). */
export async function socketStates(page: Page): Promise<number[]> {
  return page.evaluate(() => (window as unknown as { __parley: { sockets: WebSocket[] } }).__parley.sockets.map((s) => s.readyState));
}

/** What a page sees of Parley (for `page.evaluate`; e2e never imports src/). */
export interface ParleyApi {
  open(): void;
  close(): void;
  toggle(): void;
  start(guest?: Record<string, unknown>): Promise<void>;
  send(text: string): Promise<void>;
  end(): Promise<void>;
  on(event: string, fn: (detail: unknown) => void): () => void;
  destroy(): void;
}
export interface ParleyWindow {
  Parley?: ParleyApi;
  lateErrors?: { code: string; message: string }[];
}
