import { describe, expect, it } from 'vitest';
import { ar } from './ar';
import { createI18n, LOCALES, resolveLocale } from './create-i18n';
import { de } from './de';
import { en, KEYS } from './en';
import { es } from './es';
import { fr } from './fr';
import { ja } from './ja';
import { ptBR } from './pt-br';

const enValues = en;

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('resolveLocale', () => {
  it('takes the locale option when it ships, whatever its case or separator', () => {
    expect(resolveLocale(['fr', 'de'])).toBe('fr');
    expect(resolveLocale(['PT-br'])).toBe('pt-BR');
    expect(resolveLocale(['pt_BR'])).toBe('pt-BR');
  });

  it('falls back to the base language: pt → pt-BR, pt-PT → pt-BR, es-MX → es, ar-EG → ar', () => {
    expect(resolveLocale(['pt'])).toBe('pt-BR');
    expect(resolveLocale(['pt-PT'])).toBe('pt-BR');
    expect(resolveLocale(['es-MX'])).toBe('es');
    expect(resolveLocale(['ar-EG'])).toBe('ar');
    expect(resolveLocale(['en-GB'])).toBe('en');
  });

  it('skips an option that does not ship and uses the browser languages in order', () => {
    expect(resolveLocale(['xx', 'sv-SE', 'ja-JP', 'de'])).toBe('ja');
    expect(resolveLocale([undefined, 'de-AT'])).toBe('de');
  });

  it('ends at English when nothing matches, or for empty and blank tags', () => {
    expect(resolveLocale([])).toBe('en');
    expect(resolveLocale(['', '  ', 'zz', undefined])).toBe('en');
  });
});

describe('the string tables', () => {
  const tables = { es, fr, de, 'pt-BR': ptBR, ja, ar };

  it('ship en, es, fr, de, pt-BR, ja and ar', () => {
    expect(LOCALES.sort()).toEqual(['ar', 'de', 'en', 'es', 'fr', 'ja', 'pt-BR']);
  });

  for (const [name, table] of Object.entries(tables)) {
    it(`${name} has a string for every key of en, none empty, each with en's placeholders`, () => {
      expect(table).toHaveLength(enValues.length);
      table.forEach((value, i) => {
        const key = KEYS[i];
        expect(value.trim(), key).not.toBe('');
        expect(placeholders(value), key).toEqual(placeholders(enValues[i] ?? ''));
      });
    });

    it(`${name} translates the contract's names rather than copying the English`, () => {
      // Words that are the same in several languages (Participants, Bot, Message, E-mail) aside.
      const same = table.filter((v, i) => v === enValues[i] && !['Participants', 'Bot', 'Message', 'Messages'].includes(v));
      expect(same).toEqual([]);
    });
  }

  it('keep the contract names of widget-contract.md §3 in English', () => {
    const t = createI18n({}).t;
    expect(KEYS).toHaveLength(en.length);
    expect(placeholders(t.typing)).toEqual(['name']);
    const names = ['Open chat', 'Close chat', 'Messages', 'Message', 'Send', 'Participants', 'Accept', 'Decline', 'End chat', 'End', 'Cancel', 'Retry', 'Load earlier messages', 'Start new chat', 'Minimize chat', 'Download transcript', 'Start chat', 'First name', 'Last name', 'Email', 'Phone number', 'Chat ended', 'Chat with us'];
    for (const n of names) expect(en).toContain(n);
    expect(t.reconnecting).toMatch(/^Reconnecting/);
  });
});

describe('createI18n', () => {
  it('resolves from the option, then the browser languages', () => {
    expect(createI18n({ locale: 'de' }).locale).toBe('de');
    expect(createI18n({ languages: ['pt-PT', 'en'] }).locale).toBe('pt-BR');
    expect(createI18n({}).t.open).toBe('Open chat');
  });

  it('lays Arabic out right to left and everything else left to right', () => {
    expect(createI18n({ locale: 'ar' }).dir).toBe('rtl');
    expect(createI18n({ locale: 'ja' }).dir).toBe('ltr');
  });

  it('applies string overrides over any locale and ignores non-strings and unknown keys', () => {
    const { t } = createI18n({ locale: 'es', strings: { title: 'Soporte Acme', send: 42, nope: 'x' } });
    expect(t.title).toBe('Soporte Acme');
    expect(t.send).toBe('Enviar');
    expect(t).not.toHaveProperty('nope');
  });

  it('does not change the shipped table when overriding', () => {
    createI18n({ strings: { open: 'Talk to us' } });
    expect(createI18n({}).t.open).toBe('Open chat');
  });

  it('fills placeholders and leaves unknown ones as written', () => {
    const i18n = createI18n({ strings: { typing: '{name} is typing… {who}' } });
    expect(i18n.fmt('typing', { name: 'Grace' })).toBe('Grace is typing… {who}');
    expect(i18n.fmt('openUnread', { n: 3 })).toBe('Open chat, 3 unread');
  });

  it('formats times through Intl: clock time today, with the date on another day', () => {
    const i18n = createI18n({ locale: 'en' });
    const now = new Date(2026, 2, 10, 15, 0).getTime();
    const today = new Date(2026, 2, 10, 9, 5).getTime();
    const before = new Date(2026, 2, 3, 9, 5).getTime();
    expect(i18n.time(today, now)).toBe('9:05 AM');
    expect(i18n.time(before, now)).toBe('3/3/26, 9:05 AM');
    expect(i18n.dateTime(today)).toBe('3/10/26, 9:05 AM');
    expect(createI18n({ locale: 'de' }).time(before, now)).toBe('03.03.26, 09:05');
  });

  it('joins lists and formats numbers the locale’s way', () => {
    expect(createI18n({}).list(['co-browse', 'share your screen'])).toBe('co-browse and share your screen');
    expect(createI18n({ locale: 'de' }).num(4000)).toBe('4.000');
  });
});
