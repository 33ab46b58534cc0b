// The widget's options (widget-contract.md §1): read from data-* / element attributes or a mount() object,
// validated, defaults applied. What the options *do* is left to create-widget, the store and the UI.

import { decodeStringMap } from './protocol/decode';

export type Theme = 'light' | 'dark' | 'auto';
export type Position = 'bottom-right' | 'bottom-left';
export type Persist = 'session' | 'local' | 'none';
export type PrechatField = 'firstName' | 'lastName' | 'email' | 'phoneNumber';

/** Options as a host gives them to `mount()`, `<ParleyChat>` or (as strings) to attributes. */
export interface ParleyOptions {
  /** Genesys organization id (a UUID). */
  organizationId: string;
  /** WebChat deployment id (a UUID). */
  deploymentId: string;
  /** Routing target queue name. */
  queue: string;
  /** Genesys region host, e.g. `mypurecloud.ie`; the API is `https://api.<environment>`. Default `mypurecloud.com`. */
  environment?: string;
  /** Full API origin; overrides `environment` (the local emulator: `http://127.0.0.1:8787`). */
  apiBase?: string;
  /** UI language (BCP 47); default `navigator.language`, then `en`. */
  locale?: string;
  theme?: Theme;
  primaryColor?: string;
  title?: string;
  position?: Position;
  /** Pre-chat fields to ask, as a list or a comma-separated string; empty skips the form. */
  prechatFields?: readonly PrechatField[] | string;
  /** Sent as `memberInfo.customFields`; an object of strings or its JSON text. */
  customFields?: Readonly<Record<string, string>> | string;
  skills?: readonly string[] | string;
  language?: string;
  priority?: number | string;
  persist?: Persist;
  open?: boolean | string;
  /** For deployments that require authenticated guests: the `signeddata` JWT, or a function fetching it. */
  memberAuthToken?: string | (() => Promise<string>);
  /** Overrides of UI strings, by key (see the UI's string table). */
  strings?: Readonly<Record<string, string>>;
}

/** Options after validation, defaults applied. */
export interface ResolvedOptions {
  organizationId: string;
  deploymentId: string;
  queue: string;
  environment: string;
  apiBase?: string;
  locale?: string;
  theme: Theme;
  primaryColor?: string;
  title?: string;
  position: Position;
  prechatFields: PrechatField[];
  customFields?: Record<string, string>;
  skills?: string[];
  language?: string;
  priority?: number;
  persist: Persist;
  open: boolean;
  memberAuthToken?: string | (() => Promise<string>);
  strings?: Record<string, string>;
}

/** One thing wrong with the configuration; `name` is the attribute (or option) as the host wrote it. */
export interface OptionError {
  name: string;
  message: string;
}

export type OptionsResult = { ok: true; options: ResolvedOptions } | { ok: false; errors: OptionError[] };

/**
 * Reads one given (not null) value: returns what to use, `undefined` for "not given" (a blank string), or the result
 * of `bad(problem)` when the value is wrong.
 */
type Reader = (v: unknown, bad: (problem: string) => undefined) => unknown;

/** A string, trimmed (blank is "not given"), then `check`ed: it returns the value to use, or falsy (or throws) if wrong. */
const text =
  (check: (s: string) => unknown = String, problem = ''): Reader =>
  (v, bad) => {
    if (typeof v !== 'string') return bad('must be a string');
    const s = v.trim();
    if (!s) return undefined;
    try {
      return check(s) || bad(problem);
    } catch {
      return bad(problem);
    }
  };

const matching = (re: RegExp, problem: string) => text((s) => re.test(s) && s, problem);

const oneOf = (values: string[]): [Reader, string] => [text((s) => values.includes(s) && s, `must be one of ${values.join(', ')}`), values[0]!];

/** A list (or comma-separated text) of strings, without blanks or repeats; `allowed` restricts the items. */
const list =
  (allowed?: string[]): Reader =>
  (v, bad) => {
    const items: unknown = typeof v === 'string' ? v.split(',') : v;
    if (!Array.isArray(items) || items.some((s) => typeof s !== 'string')) return bad('must be a comma-separated list');
    const out = [...new Set((items as string[]).map((s) => s.trim()).filter(Boolean))];
    const unknown = out.filter((s) => allowed && !allowed.includes(s));
    // An empty list of skills is no skills; an empty list of pre-chat fields is "no form".
    return unknown.length ? bad(`has unknown field(s) ${unknown.join(', ')}`) : allowed || out.length ? out : undefined;
  };

/** An object of strings, copied; with `json`, also its JSON text (blank is "not given"). */
const stringMap =
  (problem: string, json?: boolean): Reader =>
  (v, bad) => {
    const text = json && typeof v === 'string' && v.trim();
    if (text === '') return undefined;
    try {
      return decodeStringMap(text ? JSON.parse(text) : v);
    } catch {
      return bad(problem);
    }
  };

/** `apiBase` normalized to origin + path without a trailing slash; falsy when not an http(s) URL. */
const httpBase = (value: string) => {
  const url = new URL(value);
  return /^https?:$/.test(url.protocol) && !url.search && !url.hash && (url.origin + url.pathname).replace(/\/+$/, '');
};

// Genesys organization and deployment ids are UUIDs; checking the shape catches the snippet's placeholders
// ("ORG-UUID") and copy-paste truncation before the API answers a vaguer 400/404.
const uuid = matching(/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i, 'must be a UUID');

/**
 * Every option in the contract's table order (the order errors are reported in): its reader and, as a raw value read
 * like a given one, its default. The first three are required.
 */
const OPTIONS: [name: string, read: Reader, fallback?: string][] = [
  ['organizationId', uuid],
  ['deploymentId', uuid],
  ['queue', text()],
  // A host name, tolerating a scheme or `api.` prefix as apiBaseForEnvironment does.
  ['environment', matching(/^([a-z]+:\/\/)?[a-z0-9-]+(\.[a-z0-9-]+)+\/?$/i, 'must be a Genesys region host like mypurecloud.ie'), 'mypurecloud.com'],
  ['apiBase', text(httpBase, 'must be an http(s) URL')],
  ['locale', text((s) => Intl.getCanonicalLocales(s)[0], 'must be a BCP 47 language tag')],
  ['theme', ...oneOf(['auto', 'light', 'dark'])],
  // Loose on purpose (any CSS colour syntax), but nothing that could end a declaration or open a block.
  ['primaryColor', matching(/^[#\w\s(),.%/+-]{1,64}$/, 'must be a CSS colour')],
  ['title', text()],
  ['position', ...oneOf(['bottom-right', 'bottom-left'])],
  ['prechatFields', list(['firstName', 'lastName', 'email', 'phoneNumber']), 'firstName,lastName,email'],
  ['customFields', stringMap('must be a JSON object whose values are strings', true)],
  ['skills', list()],
  ['language', text()],
  [
    'priority',
    (v, bad) => {
      if (v === '') return undefined;
      const n = typeof v === 'number' ? v : typeof v === 'string' && /^\s*[-+]?\d+\s*$/.test(v) ? Number(v) : NaN;
      return Number.isSafeInteger(n) ? n : bad('must be an integer');
    },
  ],
  ['persist', ...oneOf(['session', 'local', 'none'])],
  [
    'open',
    (v, bad) => {
      // A bare attribute (`<parley-chat open>`) means true, as HTML boolean attributes do.
      const flag = typeof v === 'boolean' || typeof v === 'string' ? String(v).trim().toLowerCase() : v;
      return flag === 'true' || flag === '' || (flag !== 'false' && bad('must be true or false'));
    },
    'false',
  ],
  ['memberAuthToken', (v, bad) => (typeof v === 'function' ? v : typeof v === 'string' ? v.trim() || undefined : bad('must be a string or a function'))],
  ['strings', stringMap('must be an object of strings')],
];

/** The options an attribute can carry, in table order (`strings` goes through JS only). */
export const optionNames: string[] = /* @__PURE__ */ (() => OPTIONS.map(([name]) => name).filter((name) => name !== 'strings'))();

export const kebab = (name: string): string => name.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);

/**
 * Reads the options from an element's attributes, named with `prefix` (empty for `<parley-chat>`; the script tag reads
 * its `dataset` instead). Absent attributes are left out; unknown attributes are never looked at.
 */
export function readAttributes(el: Element, prefix: string): Record<string, string> {
  const raw: Record<string, string> = {};
  for (const name of optionNames) {
    const value = el.getAttribute(prefix + kebab(name));
    if (value !== null) raw[name] = value;
  }
  return raw;
}

/**
 * Validates options and applies the contract's defaults. `label` names an option the way the host wrote it
 * (`data-queue`, `queue`), so every error points at the attribute to fix.
 */
export function resolveOptions(input: unknown, label: (name: string) => string = (n) => n): OptionsResult {
  const src = (typeof input === 'object' && input !== null ? input : {}) as Record<string, unknown>;
  const errors: OptionError[] = [];
  const options: Record<string, unknown> = {};
  OPTIONS.forEach(([name, read, fallback], i) => {
    const v = src[name];
    let problem: string | undefined;
    let value = v == null ? undefined : read(v, (p) => void (problem = p));
    if (value === undefined && !problem) {
      if (i < 3) problem = 'is required';
      else if (fallback) value = read(fallback, () => undefined);
    }
    if (problem) {
      const named = label(name);
      errors.push({ name: named, message: `${named} ${problem}${typeof v === 'string' && v.trim() ? `, got "${v}"` : ''}` });
    } else if (value !== undefined) options[name] = value;
  });
  return errors.length ? { ok: false, errors } : { ok: true, options: options as unknown as ResolvedOptions };
}
