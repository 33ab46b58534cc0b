import { describe, expect, it } from 'vitest';
import { tokenize } from './linkify';

const links = (text: string) => tokenize(text).filter((t) => t.href);
const rejoin = (text: string) => tokenize(text).map((t) => t.text).join('');

describe('tokenize', () => {
  it('gives plain text back as one run', () => {
    expect(tokenize('hello there')).toEqual([{ text: 'hello there' }]);
    expect(tokenize('')).toEqual([]);
  });

  it('links http, https and mailto, keeping the text around them', () => {
    expect(tokenize('see https://example.com/a?b=1#c now')).toEqual([
      { text: 'see ' },
      { text: 'https://example.com/a?b=1#c', href: 'https://example.com/a?b=1#c' },
      { text: ' now' },
    ]);
    expect(links('http://x.org and mailto:help@acme.com')).toEqual([
      { text: 'http://x.org', href: 'http://x.org/' },
      { text: 'mailto:help@acme.com', href: 'mailto:help@acme.com' },
    ]);
    expect(links('HTTPS://EXAMPLE.COM')).toHaveLength(1);
  });

  it('never links other schemes', () => {
    for (const bad of ['javascript:alert(1)', 'data:text/html,<b>x</b>', 'ftp://x.org', 'vbscript:msgbox', 'file:///etc/passwd', 'JaVaScRiPt:alert(1)'])
      expect(links(`look ${bad}`), bad).toEqual([]);
  });

  it('does not link a scheme glued to a word, an empty host or a mailto without an address', () => {
    expect(links('xhttps://example.com')).toEqual([]);
    expect(links('http:// nothing')).toEqual([]);
    expect(links('mailto:nobody')).toEqual([]);
    expect(links('mailto:%E0%A4%A')).toEqual([]);
  });

  it('leaves sentence punctuation after a link outside it', () => {
    expect(links('Go to https://example.com/orders/4821.')[0]?.text).toBe('https://example.com/orders/4821');
    expect(links('(https://example.com/x), ok')[0]?.text).toBe('https://example.com/x');
    expect(links('"https://example.com/q?a=1!"')[0]?.text).toBe('https://example.com/q?a=1');
  });

  it('keeps a closing parenthesis the link itself opened', () => {
    expect(links('https://en.wikipedia.org/wiki/Grace_(name) is it')[0]?.text).toBe('https://en.wikipedia.org/wiki/Grace_(name)');
  });

  it('stops a link at markup characters and spaces so HTML in text stays text', () => {
    const text = '<a href="https://evil.example">x</a> <img src=x onerror=alert(1)>';
    expect(rejoin(text)).toBe(text);
    expect(links(text).map((l) => l.text)).toEqual(['https://evil.example']);
  });

  it('gives the text back unchanged when the tokens are joined', () => {
    for (const text of ['a https://b.c/d. e', 'mailto:a@b.c!', 'line\nhttps://x.y/z\n', 'http://a.b http://c.d', '👋 https://例え.jp/パス'])
      expect(rejoin(text)).toBe(text);
  });
});
