// Helpers of the UI specs (e2e/ui-*.spec.ts): the rest of the widget's parts by role and name, axe-core with the
// contract's tags, control-API calls the base fixture lacks, and a switch for the tab's visibility. Base: fixtures.ts.

import { createRequire } from 'node:module';
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { expect, finishAnimations, startChatAs, widget, type ConversationDetail, type ConversationSummary, type Emulator, type Site } from './fixtures';

/** Every part of widget-contract.md §3 (English), found by role and accessible name only. */
export function ui(page: Page) {
  const log = page.getByRole('log', { name: /^messages$/i });
  const mediaPrompt = page.getByRole('alertdialog');
  return {
    ...widget(page),
    closeLauncher: page.getByRole('button', { name: /^close chat$/i }),
    participantsToggle: page.getByRole('button', { name: /^participants$/i }),
    participantsList: page.getByRole('list', { name: /^participants$/i }),
    transcript: page.getByRole('button', { name: /^download transcript$/i }),
    cancelEnd: page.getByRole('button', { name: /^cancel$/i }),
    mediaPrompt,
    accept: mediaPrompt.getByRole('button', { name: /^accept$/i }),
    decline: mediaPrompt.getByRole('button', { name: /^decline$/i }),
    retry: log.getByRole('button', { name: /^retry$/i }),
    earlier: page.getByRole('button', { name: /^load earlier messages$/i }),
    startNew: page.getByRole('button', { name: /^start new chat$/i }),
    waiting: page.getByRole('status').filter({ hasText: /waiting for an agent/i }),
    typing: (name: string) => page.getByRole('status').filter({ hasText: new RegExp(`^${escapeRegExp(name)} is typing…$`, 'i') }),
    reconnecting: page.getByRole('status').filter({ hasText: /reconnecting/i }),
    alerts: page.getByRole('alert'),
  };
}

export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The tags widget-contract.md §4 names. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'];

/** axe-core's source, the very copy @axe-core/playwright depends on (resolved from it, not hoisting). */
const AXE_SOURCE = ((): string => {
  const fromHere = createRequire(import.meta.url);
  const fromAxePlaywright = createRequire(fromHere.resolve('@axe-core/playwright'));
  return (fromAxePlaywright('axe-core') as { source: string }).source;
})();

/**
 * Runs axe-core over the whole page (it walks open shadow roots) and expects no violation; `state` names the
 * widget's state in the failure message, with each violation's rule, impact and first nodes.
 */
export async function expectAccessible(page: Page, state: string): Promise<void> {
  expect(await axeViolations(page), `axe-core violations in state "${state}"`).toEqual([]);
}

/**
 * axe-core's violations on the page now, one readable line each: rule id, impact, help, the first nodes.
 *
 * Cost (docs/decisions/071): AxeBuilder evaluates axe's ~0.5 MB source in the page twice per scan, and by default
 * finishes each scan in a new blank page; on a busy 2-core machine that is seconds per scan while the scan itself
 * takes a tenth of a second. So the source goes in once per document, the builder gets a no-op source, and legacy
 * mode runs `axe.run` in the page (our pages have no frames, so it checks the same nodes).
 */
export async function axeViolations(page: Page): Promise<string[]> {
  // Caught in CI: a scan during the window's opening fade saw half-transparent text as low contrast.
  await finishAnimations(page);
  if (!(await page.evaluate(() => typeof (window as { axe?: { run?: unknown } }).axe?.run === 'function'))) await page.evaluate(AXE_SOURCE);
  const { violations } = await new AxeBuilder({ page, axeSource: 'void 0' }).withTags(AXE_TAGS).setLegacyMode(true).analyze();
  return violations.map(
    (v) => `${v.id} (${v.impact ?? '?'}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => `${n.target.join(' ')} ${n.failureSummary ?? ''}`.replace(/\s+/g, ' ')).join(' | ')}`,
  );
}

/** What the control API answers for one conversation; `mediaRequests` is the emulator's (beyond the spec's table). */
export interface ConversationWithMedia extends ConversationDetail {
  mediaRequests?: { id: string; types: string[]; state: string }[];
}

async function control<T>(emulator: Emulator, method: string, path: string, body?: unknown): Promise<T> {
  const res = await fetch(`${emulator.url}/_emulator${path}`, {
    method,
    headers: body === undefined ? {} : { 'Content-Type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (!res.ok) throw new Error(`control ${method} ${path} → ${res.status} ${await res.text()}`);
  return (res.status === 204 ? undefined : await res.json()) as T;
}

/** The agent posts a message of another body type (e.g. a `notice`); the base fixture only sends `standard`. */
export const agentPosts = (emulator: Emulator, conversationId: string, body: string, bodyType: 'standard' | 'notice') =>
  control<{ id: string }>(emulator, 'POST', `/conversations/${encodeURIComponent(conversationId)}/agent/messages`, { body, bodyType });

export const conversationWithMedia = (emulator: Emulator, conversationId: string) =>
  control<ConversationWithMedia>(emulator, 'GET', `/conversations/${encodeURIComponent(conversationId)}`);

/** The guest's member as the emulator holds it. */
export async function guestMember(emulator: Emulator, conversationId: string) {
  const c = await emulator.control.conversation(conversationId);
  return c.members.find((m) => m.role === 'CUSTOMER');
}

/**
 * Keeps the agent's typing indicator alive (the widget shows one for ~4 s after a frame) while a slow check such
 * as axe-core runs; a keep-alive driver, not a wait. Call the returned function to stop.
 */
export function keepAgentTyping(emulator: Emulator, conversationId: string, everyMs = 1000): () => void {
  const send = () => void emulator.control.agentTyping(conversationId).catch(() => undefined);
  send();
  const timer = setInterval(send, everyMs);
  return () => clearInterval(timer);
}

/**
 * Makes `document.visibilityState` (and `document.hidden`) switchable from the test, before any page script runs.
 * Headless Chromium keeps every page "visible" (a second tab, bringToFront and a minimized window change nothing,
 * and CDP has no visibility command; see docs/decisions/070), so the test does what the browser does on a tab switch:
 * the state changes, then `visibilitychange` fires on the document.
 */
export async function emulateVisibility(page: Page): Promise<void> {
  await page.addInitScript(() => {
    let state: DocumentVisibilityState = 'visible';
    Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
    Object.defineProperty(document, 'hidden', { configurable: true, get: () => state === 'hidden' });
    (window as unknown as { __setVisibility: (s: DocumentVisibilityState) => void }).__setVisibility = (s) => {
      if (s === state) return;
      state = s;
      document.dispatchEvent(new Event('visibilitychange', { bubbles: true }));
    };
  });
}

export const setVisibility = (page: Page, state: DocumentVisibilityState) =>
  page.evaluate((s) => (window as unknown as { __setVisibility: (v: DocumentVisibilityState) => void }).__setVisibility(s), state);

/**
 * The common opening of the stories: a customer page with the snippet, the guest "Ada" starts through the form,
 * the agent "Grace" joins and the join line is on screen. Returns the conversation.
 */
export async function chatWithGrace(
  page: Page,
  site: Site,
  emulator: Emulator,
  attributes: Record<string, string | null> = {},
  agent: { displayName?: string; avatarImageUrl?: string } = { displayName: 'Grace' },
): Promise<ConversationSummary> {
  await page.goto(site.embed(attributes));
  const conversation = await startChatAs(page, emulator, 'Ada');
  await emulator.control.joinAgent(conversation.id, agent);
  await expect(ui(page).article(new RegExp(`${escapeRegExp(agent.displayName ?? 'Agent')} joined`, 'i'))).toBeVisible();
  return conversation;
}

/** Agent lines that exercise the message styles: a group of two, a link, a notice. */
export async function agentTalks(emulator: Emulator, conversationId: string) {
  await emulator.control.agentSays(conversationId, 'Hello Ada, I am looking at your order.');
  await emulator.control.agentSays(conversationId, 'Tracking: https://example.com/track/1234 (or mailto:help@example.com)');
  await agentPosts(emulator, conversationId, 'Grace changed the topic to Shipping', 'notice');
}

/** Scans while the agent is typing (kept alive for the scan) with messages, a link and the guest's own line. */
export async function scanChatting(page: Page, emulator: Emulator, conversationId: string, state: string, typer = /grace/i) {
  const stop = keepAgentTyping(emulator, conversationId);
  try {
    await expect(page.getByRole('status').filter({ hasText: typer })).toBeVisible();
    await expect(page.getByRole('log').getByRole('link').first()).toBeVisible();
    await expectAccessible(page, state);
  } finally {
    stop();
  }
}
