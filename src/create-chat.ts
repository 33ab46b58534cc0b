// The composition root of the headless core: options → guest API client + event stream + store. `createChat`
// validates for the `core` entry; the widget validated already and calls `composeChat`, so the check stays out of
// dist/parley.js. The only place that reaches for browser globals (storage, wake-ups, page context), when called.

import { createGuestApi } from './api/guest-api';
import { createEventStream } from './events/event-stream';
import type { WebSocketConstructor } from './events/socket';
import type { Clock } from './lib/clock';
import { consoleLogger, type Logger } from './lib/log';
import { apiBaseForEnvironment } from './protocol/guest-paths';
import { createChatModel, type ChatTiming, type Lifecycle } from './store/chat-model';
import type { KeyValueStorage } from './store/persistence';
import type { Chat } from './store/types';

export type PersistMode = 'session' | 'local' | 'none';

/** A WebSocket class: the browser's, or `ws`'s in Node (Node 20 has none built in). */
export type WebSocketClass = WebSocketConstructor;

/**
 * Options of `createChat` (widget-contract.md §1 in camelCase, plus injectables for tests and Node callers).
 */
export interface ChatOptions {
  organizationId: string;
  deploymentId: string;
  /** The routing target queue name. */
  queue: string;
  /** Genesys Cloud region host, e.g. `mypurecloud.ie`; the API is `https://api.<environment>`. Default `mypurecloud.com`. */
  environment?: string | undefined;
  /** The API origin; overrides `environment` (the emulator: `http://127.0.0.1:8787`). */
  apiBase?: string | undefined;
  skills?: readonly string[] | undefined;
  language?: string | undefined;
  priority?: number | undefined;
  /** Sent as `memberInfo.customFields` (merged under the guest's own). */
  customFields?: Readonly<Record<string, string>> | undefined;
  /** Where a running chat survives a reload: this tab, every tab, or nowhere. Default `session`. */
  persist?: PersistMode | undefined;
  /** For deployments that require authenticated guests: the token, or a provider asked at each start. */
  memberAuthToken?: string | (() => Promise<string>) | undefined;
  /** The display name when the guest gives none. Default `Guest`. */
  defaultDisplayName?: string | undefined;

  /** Injectables. `fetch` and `WebSocket` default to the globals. */
  fetch?: typeof globalThis.fetch | undefined;
  WebSocket?: WebSocketClass | undefined;
  clock?: Clock | undefined;
  /** Replaces the storage `persist` picks (ignored with `persist: 'none'`); `null` keeps nothing. */
  storage?: KeyValueStorage | null | undefined;
  logger?: Logger | undefined;
  /** Page wake-ups (visible again, back online). Default: `visibilitychange` and `online` when a DOM exists. */
  lifecycle?: Lifecycle | null | undefined;
  /** Tuning for tests; production uses the defaults. */
  timing?: Partial<ChatTiming> | undefined;
}

/**
 * Composes a chat from options that are valid already (the widget's, checked by widget-options; `createChat`'s,
 * checked below): trimmed strings, `apiBase` (without a trailing slash) or `environment`. Nothing is checked here.
 */
export function composeChat(o: ChatOptions): Chat {
  // Left undefined, `fetch`, `WebSocket`, `clock` and `logger` get their defaults further down.
  const { persist = 'session', storage, lifecycle } = o;
  const doc = globalThis.document;
  return createChatModel({
    ...o,
    api: createGuestApi({ ...o, apiBase: o.apiBase ?? apiBaseForEnvironment(o.environment as string) }),
    openStream: (url, initialHeartbeatIntervalMs) => createEventStream({ ...o, url, initialHeartbeatIntervalMs }),
    storage: persist === 'none' || storage === null ? undefined : (storage ?? pickStorage(persist, o.logger ?? consoleLogger)),
    // `null`: none.
    lifecycle:
      lifecycle === undefined && doc
        ? // Wake-ups from the page: a background tab's timers are throttled, so check the stream as soon as it matters.
          {
            onWake(listener) {
              const stop = new AbortController();
              const options = { signal: stop.signal };
              doc.addEventListener('visibilitychange', () => !doc.hidden && listener(), options);
              addEventListener('online', listener, options);
              return () => stop.abort();
            },
          }
        : lifecycle,
    // The page-context customFields the official widget sends (webchat-v2.md §3.1), read at each start; the empty
    // ones stay undefined, which the JSON body leaves out.
    pageContext:
      doc &&
      (() =>
        ({
          _genesys_source: 'web',
          _genesys_url: location.href,
          _genesys_pageTitle: doc.title || undefined,
          _genesys_referrer: doc.referrer || undefined,
        }) as Record<string, string>),
  });
}

/** sessionStorage or localStorage, if this page may use it: access itself throws in some sandboxes. */
function pickStorage(persist: 'session' | 'local', logger: Logger): KeyValueStorage | undefined {
  try {
    const storage: KeyValueStorage | undefined = globalThis[`${persist}Storage`];
    const probe = 'parley:probe';
    storage?.setItem(probe, probe);
    storage?.removeItem(probe);
    return storage;
  } catch (e) {
    logger.warn(`${persist}Storage is not available: no resume after reload`, e);
  }
}

// ---- validation: the `core` entry's alone (the script bundle never imports createChat) ----

const fail = (message: string): never => {
  throw new TypeError(`Parley: createChat: ${message}`);
};

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function requireText(o: ChatOptions, key: 'organizationId' | 'deploymentId' | 'queue'): string {
  const v: unknown = o[key];
  if (typeof v !== 'string' || v.trim() === '') fail(`\`${key}\` is required and must be a non-empty string (got ${describe(v)}).`);
  return (v as string).trim();
}

function optionalText(o: ChatOptions, key: 'environment' | 'apiBase' | 'language' | 'defaultDisplayName'): string | undefined {
  const v: unknown = o[key];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || v.trim() === '') fail(`\`${key}\` must be a non-empty string when given (got ${describe(v)}).`);
  return (v as string).trim();
}

function describe(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (v === null || v === undefined) return String(v);
  return typeof v;
}

function resolveApiBase(o: ChatOptions): string {
  const apiBase = optionalText(o, 'apiBase');
  if (apiBase !== undefined) {
    let url: URL | undefined;
    try {
      url = new URL(apiBase);
    } catch {
      url = undefined;
    }
    if (!url || (url.protocol !== 'http:' && url.protocol !== 'https:')) fail(`\`apiBase\` must be an http(s) URL such as "http://127.0.0.1:8787" (got ${describe(apiBase)}).`);
    return apiBase.replace(/\/+$/, '');
  }
  return apiBaseForEnvironment(optionalText(o, 'environment') ?? 'mypurecloud.com');
}

function validatePersist(v: unknown): PersistMode {
  if (v === undefined) return 'session';
  if (v !== 'session' && v !== 'local' && v !== 'none') fail(`\`persist\` must be "session", "local" or "none" (got ${describe(v)}).`);
  return v as PersistMode;
}

function validateSkills(v: unknown): readonly string[] | undefined {
  if (v === undefined) return undefined;
  if (!Array.isArray(v) || v.some((s) => typeof s !== 'string' || s.trim() === '')) fail('`skills` must be an array of non-empty strings.');
  return (v as string[]).map((s) => s.trim());
}

function validatePriority(v: unknown): number | undefined {
  if (v === undefined) return undefined;
  if (typeof v !== 'number' || !Number.isSafeInteger(v)) fail(`\`priority\` must be an integer (got ${describe(v)}).`);
  return v as number;
}

function validateCustomFields(v: unknown): Record<string, string> | undefined {
  if (v === undefined) return undefined;
  if (!isRecord(v)) fail('`customFields` must be an object of strings.');
  const out: Record<string, string> = {};
  for (const [k, val] of Object.entries(v as Record<string, unknown>)) {
    if (typeof val !== 'string') fail(`\`customFields.${k}\` must be a string (got ${describe(val)}).`);
    out[k] = val as string;
  }
  return out;
}

function validateToken(v: unknown): string | (() => Promise<string>) | undefined {
  if (v === undefined) return undefined;
  if (typeof v === 'function') return v as () => Promise<string>;
  if (typeof v !== 'string' || v.trim() === '') fail('`memberAuthToken` must be a non-empty string or a function returning a Promise of one.');
  return v as string;
}

/**
 * Creates the headless model of one guest chat (widget-contract.md §2). Nothing happens on the network until
 * `start()`, except resuming a chat kept by `persist` from an earlier page. Call `dispose()` when done.
 * Bad options throw a TypeError naming the option.
 */
export function createChat(options: ChatOptions): Chat {
  if (!isRecord(options)) fail('options must be an object.');
  const checked = {
    organizationId: requireText(options, 'organizationId'),
    deploymentId: requireText(options, 'deploymentId'),
    queue: requireText(options, 'queue'),
    apiBase: resolveApiBase(options),
    persist: validatePersist(options.persist),
    skills: validateSkills(options.skills),
    language: optionalText(options, 'language'),
    priority: validatePriority(options.priority),
    customFields: validateCustomFields(options.customFields),
    memberAuthToken: validateToken(options.memberAuthToken),
    defaultDisplayName: optionalText(options, 'defaultDisplayName'),
  };
  const fetchFn = options.fetch ?? (typeof globalThis.fetch === 'function' ? globalThis.fetch.bind(globalThis) : undefined);
  if (typeof fetchFn !== 'function') fail('no `fetch` is available: pass `fetch` in the options.');
  const WebSocketCtor: WebSocketClass | undefined = options.WebSocket ?? (globalThis.WebSocket as WebSocketClass | undefined);
  if (typeof WebSocketCtor !== 'function') fail('no `WebSocket` is available: pass one in the options (in Node, `WebSocket` from the "ws" package).');
  return composeChat({ ...options, ...checked, fetch: fetchFn, WebSocket: WebSocketCtor });
}
