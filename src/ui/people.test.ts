import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/create-i18n';
import { avatarSrc, initials, memberName } from './people';

const en = createI18n({ locale: 'en' }).t;

describe('memberName', () => {
  it('uses the display name, then the fallback, then the role’s name', () => {
    expect(memberName({ id: 'a', role: 'AGENT', state: 'CONNECTED', name: ' Grace ' }, en)).toBe('Grace');
    expect(memberName({ id: 'a', role: 'CUSTOMER', state: 'CONNECTED' }, en, 'Maria')).toBe('Maria');
    expect(memberName({ id: 'a', role: 'WORKFLOW', state: 'CONNECTED', name: '  ' }, en)).toBe('Bot');
    expect(memberName(undefined, en)).toBe('Agent');
  });
});

describe('initials', () => {
  it('takes the first letters of the first and last words, upper-cased', () => {
    expect(initials('grace brewster hopper')).toBe('GH');
    expect(initials('Ada')).toBe('A');
    expect(initials('  ')).toBe('');
  });

  it('keeps astral characters whole', () => {
    expect(initials('😀 𝒜lice')).toBe('😀𝒜');
  });
});

describe('avatarSrc', () => {
  it('accepts absolute http and https URLs only', () => {
    expect(avatarSrc('https://cdn.example.com/a.png')).toBe('https://cdn.example.com/a.png');
    expect(avatarSrc('http://x.org/a.png')).toBe('http://x.org/a.png');
    for (const bad of ['javascript:alert(1)', 'data:image/png;base64,AAAA', '/relative.png', '//proto-relative.example/a.png', 'ftp://x.org/a', '', undefined])
      expect(avatarSrc(bad), String(bad)).toBeUndefined();
  });
});
