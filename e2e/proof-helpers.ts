// Helpers of the proof suites (faults, hostile input, hostile host): a fixture with a fast-heartbeat emulator,
// traps that catch executed payloads, and readers of the widget's DOM and styles. The base fixture is fixtures.ts.

import type { Locator, Page } from '@playwright/test';
import { createEmulator } from '../emulator/index';
import { controlApi, finishAnimations, test } from './fixtures';

/** Heartbeat interval of the fault suite's emulator: short, so a silent socket is noticed within about a second. */
export const FAST_HEARTBEAT_MS = 300;

/** The base fixture with an emulator whose heartbeats come every FAST_HEARTBEAT_MS. */
export const fastHeartbeatTest = test.extend({
  // eslint-disable-next-line no-empty-pattern
  emulator: async ({}, use) => {
    const emulator = await createEmulator({ port: 0, agent: 'manual', heartbeatMs: FAST_HEARTBEAT_MS, logErrors: false });
    try {
      await use({ url: emulator.url, control: controlApi(emulator.url) });
    } finally {
      await emulator.close();
    }
  },
});

declare global {
  interface Window {
    __pwned?: (id: string) => void;
    __pwnedHits?: string[];
    __cspViolations?: { directive: string; blocked: string; sample: string }[];
  }
}

/**
 * Arms the traps before any page script runs: every payload of the corpus calls window.__pwned(id) when it
 * executes, and any dialog (alert/confirm/prompt) counts too. Read them with `trapHits`.
 */
export async function armTraps(page: Page): Promise<string[]> {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(`dialog(${d.type()}): ${d.message()}`);
    void d.dismiss().catch(() => undefined);
  });
  await page.addInitScript(() => {
    window.__pwnedHits = [];
    window.__pwned = (id: string) => void window.__pwnedHits?.push(String(id));
  });
  return dialogs;
}

export async function trapHits(page: Page, dialogs: string[]): Promise<string[]> {
  const hits = await page.evaluate(() => window.__pwnedHits ?? ['trap missing']);
  return [...hits.map((h) => `executed: ${h}`), ...dialogs];
}

/** Records every Content-Security-Policy violation of the page (the event is composed, so shadow DOM's reach it). */
export async function recordCspViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    const seen = new Set<Event>();
    const record = (e: Event) => {
      if (seen.has(e)) return;
      seen.add(e);
      const v = e as SecurityPolicyViolationEvent;
      window.__cspViolations?.push({ directive: v.violatedDirective, blocked: v.blockedURI, sample: v.sample });
    };
    document.addEventListener('securitypolicyviolation', record, true);
    window.addEventListener('securitypolicyviolation', record, true);
  });
}

export const cspViolations = (page: Page) => page.evaluate(() => window.__cspViolations ?? [{ directive: 'recorder missing', blocked: '', sample: '' }]);

/**
 * Everything in the widget's shadow roots that hostile text could have produced: elements that run or load
 * things, event-handler attributes, and URLs that are not http(s) (or mailto: on links).
 */
export function scanWidgetDom(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const BANNED = new Set(['script', 'iframe', 'object', 'embed', 'style', 'link', 'meta', 'base', 'frame', 'frameset', 'applet', 'math', 'foreignobject', 'animate', 'set', 'template', 'noscript', 'xmp', 'marquee', 'plaintext', 'listing', 'portal', 'video', 'audio', 'source', 'track']);
    const URL_ATTRS = new Set(['href', 'xlink:href', 'src', 'srcset', 'action', 'formaction', 'data', 'srcdoc', 'background', 'poster', 'codebase', 'dynsrc', 'lowsrc', 'ping', 'cite', 'longdesc', 'manifest']);
    const problems: string[] = [];
    const roots: ShadowRoot[] = [];
    const collect = (scope: Document | ShadowRoot) => {
      for (const el of scope.querySelectorAll('*')) {
        if (el.shadowRoot) {
          roots.push(el.shadowRoot);
          collect(el.shadowRoot);
        }
      }
    };
    collect(document);
    if (roots.length === 0) problems.push('no shadow root found');
    for (const root of roots) {
      for (const el of root.querySelectorAll('*')) {
        const tag = el.localName.toLowerCase();
        const where = `<${tag}${el.className && typeof el.className === 'string' ? ` class="${el.className}"` : ''}>`;
        if (BANNED.has(tag)) problems.push(`element ${where}`);
        for (const attr of el.attributes) {
          const name = attr.name.toLowerCase();
          const value = attr.value.trim();
          if (name.startsWith('on')) problems.push(`${where} has ${name}="${attr.value}"`);
          if (name === 'style' && /url\(|expression\(|javascript:|@import|behavior:/i.test(value)) problems.push(`${where} style="${attr.value}"`);
          if (!URL_ATTRS.has(name)) continue;
          if (tag === 'a' && name === 'href') {
            if (!/^(https?:|mailto:)/i.test(value)) problems.push(`${where} href="${attr.value}"`);
          } else if (tag === 'img' && name === 'src') {
            if (!/^https?:/i.test(value)) problems.push(`${where} src="${attr.value}"`);
          } else if (/^\s*(javascript|vbscript|data|blob|file):/i.test(value) || name !== 'href') {
            problems.push(`${where} ${name}="${attr.value}"`);
          }
        }
        if (tag === 'a' && el.hasAttribute('href')) {
          const rel = (el.getAttribute('rel') ?? '').split(/\s+/);
          if (el.getAttribute('target') !== '_blank' || !rel.includes('noopener') || !rel.includes('noreferrer')) problems.push(`${where} href without target=_blank rel="noopener noreferrer"`);
        }
      }
    }
    // The host page must not have gained anything that runs or frames either.
    for (const el of document.querySelectorAll('iframe, object, embed, frame')) problems.push(`light DOM gained <${el.localName}>`);
    return problems;
  });
}

/**
 * The articles of the widget's log by CSS, not by role: articles far from the viewport may be skipped by
 * `content-visibility: auto` (allowed by the contract), and role queries treat skipped content as hidden.
 */
export function logArticles(page: Page): Locator {
  return page.getByRole('log', { name: /^messages$/i }).locator('article, [role="article"]');
}

/** The text of every article of the widget's log, in DOM order. */
export function articleTexts(page: Page): Promise<string[]> {
  return logArticles(page).allTextContents();
}

const STYLE_PROPS = [
  'color', 'background-color', 'background-image', 'font-family', 'font-size', 'font-weight', 'font-style', 'line-height',
  'letter-spacing', 'word-spacing', 'text-transform', 'text-align', 'text-decoration-line', 'text-shadow', 'direction',
  'display', 'position', 'box-sizing', 'max-width', 'min-height',
  'margin-top', 'margin-right', 'margin-bottom', 'margin-left', 'padding-top', 'padding-right', 'padding-bottom', 'padding-left',
  'border-top-width', 'border-top-style', 'border-top-color', 'border-bottom-width', 'border-left-width', 'border-right-width',
  'border-radius', 'outline-style', 'outline-width', 'box-shadow', 'opacity', 'visibility', 'cursor', 'z-index', 'overflow-y', 'white-space',
];

/**
 * Computed styles of every element in the widget's shadow roots, in document order (for a page-to-page diff).
 * Used sizes and offsets are left out: an in-flow wrapper takes its width from the page's <body>, which the page
 * may style as it likes; where things land on screen is compared by bounding boxes and screenshots instead.
 */
export async function widgetStyles(page: Page): Promise<{ el: string; style: Record<string, string> }[]> {
  await finishAnimations(page);
  return page.evaluate((props) => {
    const out: { el: string; style: Record<string, string> }[] = [];
    const walk = (scope: Document | ShadowRoot, prefix: string) => {
      for (const el of scope.querySelectorAll('*')) {
        if (el.shadowRoot) {
          const rootStyle = getComputedStyle(el);
          out.push({ el: `${prefix}host<${el.localName}>`, style: Object.fromEntries(['position', 'z-index', 'display'].map((p) => [p, rootStyle.getPropertyValue(p)])) });
          walk(el.shadowRoot, `${prefix}${el.localName}>>`);
        } else if (scope !== document) {
          const s = getComputedStyle(el);
          out.push({ el: `${prefix}${el.localName}.${typeof el.className === 'string' ? el.className : ''}`, style: Object.fromEntries(props.map((p) => [p, s.getPropertyValue(p)])) });
        }
      }
    };
    walk(document, '');
    return out;
  }, STYLE_PROPS);
}

/** Computed styles of the host page's own elements (everything but the widget's host). */
export function hostStyles(page: Page): Promise<{ el: string; style: Record<string, string> }[]> {
  return page.evaluate((props) => {
    const all = [document.documentElement, ...document.querySelectorAll('body, body *')].filter((el) => !el.shadowRoot && el.localName !== 'script');
    return all.map((el, i) => {
      const s = getComputedStyle(el);
      return { el: `${i}:${el.localName}${el.id ? `#${el.id}` : ''}`, style: Object.fromEntries(props.map((p) => [p, s.getPropertyValue(p)])) };
    });
  }, STYLE_PROPS);
}

/** Differences between two style readings, as readable lines (at most `limit`). */
export function styleDiff(a: { el: string; style: Record<string, string> }[], b: { el: string; style: Record<string, string> }[], limit = 20): string[] {
  const out: string[] = [];
  if (a.length !== b.length) out.push(`element count ${a.length} vs ${b.length}`);
  for (let i = 0; i < Math.min(a.length, b.length) && out.length < limit; i++) {
    const x = a[i];
    const y = b[i];
    if (!x || !y) continue;
    if (x.el !== y.el) {
      out.push(`#${i}: ${x.el} vs ${y.el}`);
      continue;
    }
    for (const [prop, value] of Object.entries(x.style)) {
      if (y.style[prop] !== value) out.push(`${x.el} ${prop}: ${value} → ${y.style[prop]}`);
    }
  }
  return out.slice(0, limit);
}

/**
 * Compares two PNG screenshots pixel by pixel, decoded by the browser (`page` must allow data: images). Returns how
 * many pixels differ by more than `tolerance` (0–255, per channel) and the largest difference seen. A tolerance
 * absorbs anti-aliasing of rounded corners, which can shift by a level or two when a layout differs by a fraction of
 * a pixel (seen: up to 30 on a focus ring's corner); any real change of colour, font or position differs by far more
 * and over many pixels.
 */
export function pixelDiff(page: Page, a: Buffer, b: Buffer, tolerance = 40): Promise<{ size: string; differing: number; maxDelta: number }> {
  return page.evaluate(
    async ({ a, b, tolerance }) => {
      const load = (base64: string) =>
        new Promise<HTMLImageElement>((resolve, reject) => {
          const img = new Image();
          img.onload = () => resolve(img);
          img.onerror = () => reject(new Error('not an image'));
          img.src = `data:image/png;base64,${base64}`;
        });
      const pixels = (img: HTMLImageElement) => {
        const canvas = document.createElement('canvas');
        canvas.width = img.width;
        canvas.height = img.height;
        const ctx = canvas.getContext('2d');
        if (!ctx) throw new Error('no 2d context');
        ctx.drawImage(img, 0, 0);
        return ctx.getImageData(0, 0, img.width, img.height).data;
      };
      const [ia, ib] = await Promise.all([load(a), load(b)]);
      if (ia.width !== ib.width || ia.height !== ib.height) return { size: `${ia.width}×${ia.height} vs ${ib.width}×${ib.height}`, differing: Number.POSITIVE_INFINITY, maxDelta: 255 };
      const [da, db] = [pixels(ia), pixels(ib)];
      let differing = 0;
      let maxDelta = 0;
      for (let i = 0; i < da.length; i += 4) {
        let d = 0;
        for (let c = 0; c < 4; c++) d = Math.max(d, Math.abs((da[i + c] ?? 0) - (db[i + c] ?? 0)));
        maxDelta = Math.max(maxDelta, d);
        if (d > tolerance) differing++;
      }
      return { size: `${ia.width}×${ia.height}`, differing, maxDelta };
    },
    { a: a.toString('base64'), b: b.toString('base64'), tolerance },
  );
}
