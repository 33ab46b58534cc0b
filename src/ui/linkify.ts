// Splits message text into plain runs and http(s)/mailto links, so the UI builds text nodes and anchors
// itself: message text is never handed to an HTML parser. Rendering the tokens is MessageRow's job.

export type TextToken = { text: string; href?: string };

// Candidates only (so the scheme is one of the three); `new URL` below decides. `\b` keeps "xhttp://" from matching.
const CANDIDATE = /\b(?:https?:\/\/|mailto:)[^\s<>"]+/gi;

/** Drops trailing punctuation a sentence puts after a link, keeping a `)` the link itself opened. */
function trimTail(s: string): string {
  for (let last; (last = s.slice(-1)) && /[.,;:!?'*_~\]})]/.test(last); s = s.slice(0, -1))
    if (last == ')' && s.split('(').length >= s.split(')').length) break;
  return s;
}

/** An email address as the contract accepts one (widget-contract.md §1): something, one @, something; no spaces. */
export const EMAIL = /^[^\s@]+@[^\s@]+$/;

/** The normalized URL of an http(s) or mailto candidate if it has a host (http, https) or an address (mailto). */
export function safeHref(candidate: string): string | undefined {
  try {
    const { protocol, hostname, pathname, href } = new URL(candidate);
    if (protocol == 'mailto:' ? EMAIL.test(decodeURIComponent(pathname)) : hostname) return href;
  } catch {
    // Not a URL (or a malformed %-escape in a mailto): plain text.
  }
}

/** Text runs and links, in order; joining every token's `text` gives back `text` unchanged. */
export function tokenize(text: string): TextToken[] {
  const out: TextToken[] = [];
  let at = 0;
  for (const { 0: match, index } of text.matchAll(CANDIDATE)) {
    const raw = trimTail(match);
    const href = safeHref(raw);
    if (href) {
      out.push({ text: text.slice(at, index) }, { text: raw, href });
      at = index + raw.length;
    }
  }
  out.push({ text: text.slice(at) });
  return out.filter((tok) => tok.text);
}
