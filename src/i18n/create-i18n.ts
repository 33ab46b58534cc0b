// Locale resolution and the per-widget translator: the merged string table plus Intl formatters.
// The tables are inlined (the script build must work offline as one file); the UI decides what to say.

// Related languages next to each other: brotli finds more to share between neighbouring tables.
import { en, KEYS, type StringKey, type Strings } from './en';
import { es } from './es';
import { ptBR } from './pt-br';
import { fr } from './fr';
import { de } from './de';
import { ja } from './ja';
import { ar } from './ar';

export type { StringKey, Strings } from './en';

const TABLES = { en, es, fr, de, 'pt-BR': ptBR, ja, ar };
export type Locale = keyof typeof TABLES;
export const LOCALES = Object.keys(TABLES) as Locale[];

/**
 * The first of `candidates` (the `locale` option, then the browser's languages) that ships, matched by base
 * language whatever the region and case (`pt-PT` → `pt-BR`, `es-MX` → `es`); `en` when none does. Each shipped
 * locale is the only one of its base language (a two-letter code), so the base alone decides.
 */
export function resolveLocale(candidates: readonly (string | undefined)[]): Locale {
  for (const tag of candidates) {
    const base = tag?.trim().split(/[-_]/)[0]?.toLowerCase();
    const found = LOCALES.find((l) => l.slice(0, 2) == base);
    if (found) return found;
  }
  return 'en';
}

export interface I18n {
  readonly locale: Locale;
  readonly dir: 'ltr' | 'rtl';
  /** The table for `locale` with the integrator's overrides applied. */
  readonly t: Strings;
  /** `t[key]` with `{name}`-style placeholders filled in. */
  fmt(key: StringKey, vars: Record<string, string | number>): string;
  /** A message time: the clock time today, date and time on other days. */
  time(ms: number, now?: number): string;
  /** Date and time, for the transcript. */
  dateTime(ms: number): string;
  /** "A, B and C" in the locale's way. */
  list(items: readonly string[]): string;
  num(n: number): string;
}

export interface I18nOptions {
  locale?: string;
  /** The browser's preferred languages, most preferred first (`navigator.languages`). */
  languages?: readonly string[];
  /** Integrator overrides; values that are not strings are ignored (they may come from untrusted markup). */
  strings?: Partial<Record<string, unknown>>;
}

export function createI18n({ locale: option, languages = [], strings = {} }: I18nOptions): I18n {
  const locale = resolveLocale([option, ...languages]);
  const table = TABLES[locale];
  const t = {} as Strings;
  KEYS.forEach((key, i) => {
    const value = strings[key];
    t[key] = typeof value == 'string' ? value : table[i]!;
  });
  const dates = (o: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat(locale, o);
  const clock = dates({ timeStyle: 'short' });
  const full = dates({ dateStyle: 'short', timeStyle: 'short' });
  const day = (ms: number) => new Date(ms).toDateString();
  return {
    locale,
    dir: locale == 'ar' ? 'rtl' : 'ltr',
    t,
    fmt: (key, vars) => t[key].replace(/\{(\w+)\}/g, (all, name: string) => String(vars[name] ?? all)),
    time: (ms, now = Date.now()) => (day(ms) == day(now) ? clock : full).format(ms),
    dateTime: (ms) => full.format(ms),
    list: (items) => new Intl.ListFormat(locale).format(items),
    num: (n) => n.toLocaleString(locale),
  };
}
