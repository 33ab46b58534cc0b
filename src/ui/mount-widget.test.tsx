// @vitest-environment happy-dom
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act } from 'preact/test-utils';
import { AGENT_ID, createFakeChat, type FakeChat, GUEST_ID } from './fake-chat';
import { mountWidget } from './mount-widget';
import type { WidgetConfig, WidgetHandle } from './types';

let host: HTMLElement;
let root: ShadowRoot;
let chat: FakeChat;
let widget: WidgetHandle;

const config = (over: Partial<WidgetConfig> = {}): WidgetConfig => ({
  theme: 'light',
  position: 'bottom-right',
  prechatFields: ['firstName', 'lastName', 'email'],
  locale: 'en',
  ...over,
});

async function mount(over: Partial<WidgetConfig> = {}) {
  await act(() => {
    widget = mountWidget(root, chat, config(over));
  });
}

const $ = <E extends Element = HTMLElement>(sel: string) => root.querySelector<E & HTMLElement>(sel);
const $$ = (sel: string) => [...root.querySelectorAll<HTMLElement>(sel)];
/** The element with this accessible name (aria-label, else its text, else its title), within `sel`. */
const named = (sel: string, name: string) =>
  $$(sel).find((el) => (el.getAttribute('aria-label') ?? (el.textContent?.trim() || el.title)) === name) ?? null;
const button = (name: string) => named('button', name) as HTMLButtonElement | null;
const dialog = () => $('[role=dialog]');
const log = () => $('[role=log]');
const composer = () => $<HTMLTextAreaElement>('textarea');
const key = (el: Element, k: string, init: KeyboardEventInit = {}) =>
  act(() => void el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true, cancelable: true, ...init })));
const click = (el: Element | null) => act(() => (el as HTMLElement).click());
const type = (el: HTMLTextAreaElement | HTMLInputElement, value: string) =>
  act(() => {
    el.value = value;
    el.dispatchEvent(new Event('input', { bubbles: true }));
  });

function activeChat() {
  chat.set.phase.value = { name: 'active' };
  chat.set.memberId.value = GUEST_ID;
  chat.member({ id: GUEST_ID, role: 'CUSTOMER', state: 'CONNECTED', name: 'Maria' });
  chat.member({ id: AGENT_ID, role: 'AGENT', state: 'CONNECTED', name: 'Grace' });
}

beforeEach(() => {
  document.title = 'Shop';
  host = document.createElement('div');
  document.body.appendChild(host);
  root = host.attachShadow({ mode: 'open' });
  chat = createFakeChat(() => Date.UTC(2026, 0, 5, 10));
});

afterEach(() => {
  widget?.unmount();
  host.remove();
});

describe('mounting', () => {
  it('styles the shadow root through an adopted stylesheet only, never a <style> element', async () => {
    await mount();
    expect(root.adoptedStyleSheets).toHaveLength(1);
    expect(root.adoptedStyleSheets[0]?.cssRules.length).toBeGreaterThan(50);
    expect($$('style, link')).toHaveLength(0);
  });

  it('shows a closed launcher named "Open chat" and a hidden dialog named by the title', async () => {
    await mount({ title: 'Acme help' });
    const launcher = button('Open chat');
    expect(launcher?.getAttribute('aria-expanded')).toBe('false');
    expect(dialog()?.hidden).toBe(true);
    expect(dialog()?.getAttribute('aria-labelledby')).toBe('p-title');
    expect($('#p-title')?.textContent).toBe('Acme help');
    expect(dialog()?.hasAttribute('aria-modal')).toBe(false);
  });

  it('lays out right to left in Arabic and carries the theme and position', async () => {
    await mount({ locale: 'ar', theme: 'dark', position: 'bottom-left' });
    const r = $('.r');
    expect(r?.getAttribute('dir')).toBe('rtl');
    expect(r?.getAttribute('lang')).toBe('ar');
    expect(r?.dataset.theme).toBe('dark');
    expect(r?.dataset.pos).toBe('bottom-left');
    expect(button('فتح المحادثة')).not.toBeNull();
  });

  it('sets a valid primary colour as --parley-primary and ignores one the browser does not take as a colour', async () => {
    await mount({ primaryColor: '#0a7d3b' });
    expect($('.r')?.style.getPropertyValue('--parley-primary')).toBe('#0a7d3b');
    widget.unmount();
    // happy-dom's CSS.supports says yes to anything; a browser says no to this value.
    const supports = vi.fn(() => false);
    vi.stubGlobal('CSS', { supports });
    await mount({ primaryColor: 'url(javascript:alert(1))' });
    expect(supports).toHaveBeenCalledWith('color', 'url(javascript:alert(1))');
    expect($('.r')?.style.getPropertyValue('--parley-primary')).toBe('');
    vi.unstubAllGlobals();
  });

  it('removes its DOM, stylesheet and title changes on unmount', async () => {
    await mount();
    widget.unmount();
    expect(root.childNodes).toHaveLength(0);
    expect(root.adoptedStyleSheets).toHaveLength(0);
  });
});

describe('opening and closing', () => {
  it('opens from the launcher, names it "Close chat" and focuses the first field', async () => {
    await mount();
    const onOpen = vi.fn();
    widget.on('open', onOpen);
    await click(button('Open chat'));
    expect(widget.isOpen.value).toBe(true);
    expect(dialog()?.hidden).toBe(false);
    expect(button('Close chat')?.getAttribute('aria-expanded')).toBe('true');
    expect(root.activeElement).toBe($('#p-firstName'));
    expect(onOpen).toHaveBeenCalledTimes(1);
  });

  it('focuses the composer when opening a live chat', async () => {
    activeChat();
    await mount();
    await act(() => widget.open());
    expect(root.activeElement).toBe(composer());
  });

  it('focuses a waiting media request first, and "Start new chat" after the end', async () => {
    activeChat();
    chat.set.mediaRequests.value = [{ id: 'r1', types: ['COBROWSE'], state: 'PENDING', answering: false }];
    await mount();
    await act(() => widget.open());
    expect(root.activeElement).toBe(button('Decline'));
    await act(() => widget.close());
    await act(() => {
      chat.set.mediaRequests.value = [];
      chat.set.phase.value = { name: 'ended', by: 'agent' };
    });
    await act(() => widget.open());
    expect(root.activeElement).toBe(button('Start new chat'));
  });

  it('closes on Escape anywhere in the window and returns focus to the launcher', async () => {
    activeChat();
    await mount();
    const onClose = vi.fn();
    widget.on('close', onClose);
    await act(() => widget.open());
    await key(composer()!, 'Escape');
    expect(widget.isOpen.value).toBe(false);
    expect(root.activeElement).toBe(button('Open chat'));
    expect(onClose).toHaveBeenCalledTimes(1);
  });

  it('closes on Escape on the open launcher and from "Minimize chat"', async () => {
    await mount({ open: true });
    await key(button('Close chat')!, 'Escape');
    expect(widget.isOpen.value).toBe(false);
    await act(() => widget.open());
    await click(button('Minimize chat'));
    expect(widget.isOpen.value).toBe(false);
    expect(root.activeElement).toBe(button('Open chat'));
  });

  it('does not take focus when opened by the open option at mount', async () => {
    await mount({ open: true });
    expect(widget.isOpen.value).toBe(true);
    expect(root.activeElement).toBeNull();
  });

  it('toggles and stops calling listeners once unsubscribed', async () => {
    await mount();
    const fn = vi.fn();
    const off = widget.on('open', fn);
    await act(() => widget.toggle());
    await act(() => widget.toggle());
    off();
    await act(() => widget.toggle());
    expect(fn).toHaveBeenCalledTimes(1);
    expect(widget.isOpen.value).toBe(true);
  });
});

describe('unread count and read receipts', () => {
  it('puts the unread count in the launcher’s name while closed', async () => {
    activeChat();
    await mount();
    await act(() => {
      chat.add({ body: 'one' });
      chat.add({ body: 'two' });
      chat.add({ bodyType: 'notice', body: 'three' });
    });
    expect(button('Open chat, 3 unread')).not.toBeNull();
    expect($('.badge')?.textContent).toBe('3');
  });

  it('marks read while the window is open and the tab visible', async () => {
    activeChat();
    await mount({ open: true });
    await act(() => void chat.add({ body: 'hello' }));
    expect(chat.calls).toContainEqual(['markRead']);
    expect(chat.unreadCount.value).toBe(0);
  });

  it('flashes the document title when an agent writes while the tab is hidden, until it is visible', async () => {
    activeChat();
    await mount({ open: true });
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    await act(() => void document.dispatchEvent(new Event('visibilitychange')));
    await act(() => void chat.add({ body: 'are you there?' }));
    expect(document.title).toBe('(1) Chat with us · Shop');
    expect(chat.unreadCount.value).toBe(1);
    visibility.mockReturnValue('visible');
    await act(() => void document.dispatchEvent(new Event('visibilitychange')));
    expect(document.title).toBe('Shop');
    expect(chat.unreadCount.value).toBe(0);
    visibility.mockRestore();
  });
});

describe('pre-chat form', () => {
  it('labels its fields with the contract names and marks only the first name required', async () => {
    await mount({ open: true, prechatFields: ['firstName', 'lastName', 'email', 'phoneNumber'] });
    const labels = $$('label').map((l) => l.textContent?.replace('*', '').trim());
    expect(labels).toEqual(['First name', 'Last name', 'Email', 'Phone number']);
    expect($$('input[required]').map((i) => i.id)).toEqual(['p-firstName']);
    expect($<HTMLInputElement>('#p-email')?.type).toBe('email');
  });

  it('refuses an empty first name and a malformed email, linking and announcing each error', async () => {
    await mount({ open: true });
    await type($<HTMLInputElement>('#p-email')!, 'maria.example.com');
    await click(button('Start chat'));
    const first = $('#p-firstName')!;
    expect(first.getAttribute('aria-invalid')).toBe('true');
    expect($(`#${first.getAttribute('aria-describedby')}`)?.textContent).toBe('Please enter your first name.');
    expect($('#p-email')?.getAttribute('aria-describedby')).toBe('p-email-err');
    expect($('#p-email-err')?.getAttribute('role')).toBe('alert');
    expect(root.activeElement).toBe(first);
    expect(chat.calls.filter((c) => c[0] === 'start')).toHaveLength(0);
  });

  it('starts the chat with the fields, the joined display name, and focus kept in the window', async () => {
    await mount({ open: true });
    await type($<HTMLInputElement>('#p-firstName')!, ' Maria ');
    await type($<HTMLInputElement>('#p-lastName')!, 'Souza');
    await type($<HTMLInputElement>('#p-email')!, 'maria@example.com');
    await click(button('Start chat'));
    expect(chat.calls).toContainEqual(['start', { firstName: 'Maria', lastName: 'Souza', email: 'maria@example.com', displayName: 'Maria Souza' }]);
    expect(root.activeElement).toBe(dialog());
    await act(() => void (chat.set.phase.value = { name: 'queued' }));
    expect(root.activeElement).toBe(composer());
  });

  it('accepts an empty optional email', async () => {
    await mount({ open: true, prechatFields: ['firstName', 'email'] });
    await type($<HTMLInputElement>('#p-firstName')!, 'Ana');
    await click(button('Start chat'));
    expect(chat.calls).toContainEqual(['start', { firstName: 'Ana', displayName: 'Ana' }]);
  });

  it('shows a failed start as a localized alert above the refilled form', async () => {
    await mount({ open: true });
    await type($<HTMLInputElement>('#p-firstName')!, 'Maria');
    await click(button('Start chat'));
    await act(() => void (chat.set.phase.value = { name: 'failed', error: { code: 'rate-limited', message: 'HTTP 429 from server' } }));
    expect($('.alert')?.textContent).toBe('Couldn’t connect. Please try again.');
    expect(root.textContent).not.toContain('HTTP 429');
    expect($<HTMLInputElement>('#p-firstName')?.value).toBe('Maria');
  });

  it('starts at once with the localized "Guest" when there is no form', async () => {
    await mount({ prechatFields: [], locale: 'es' });
    expect(chat.calls.filter((c) => c[0] === 'start')).toHaveLength(0);
    await act(() => widget.open());
    expect(chat.calls).toContainEqual(['start', { displayName: 'Invitado' }]);
  });
});

describe('message log', () => {
  it('is a polite log named "Messages" with each message as an article holding sender and text', async () => {
    activeChat();
    chat.add({ bodyType: 'member-join', body: '' });
    chat.add({ body: 'Hi, I am Grace' });
    chat.add({ senderId: GUEST_ID, own: true, body: 'Hello' });
    chat.add({ bodyType: 'media-request', body: 'mr-1' });
    await mount({ open: true });
    expect(log()?.getAttribute('aria-label')).toBe('Messages');
    expect(log()?.getAttribute('aria-live')).toBe('polite');
    const articles = $$('[role=log] article');
    expect(articles.map((a) => a.textContent)).toEqual([
      expect.stringContaining('Grace joined the chat'),
      expect.stringMatching(/Grace.*Hi, I am Grace/),
      expect.stringMatching(/Maria.*Hello/),
    ]);
  });

  it('renders bodies as text and only http(s)/mailto as safe anchors', async () => {
    activeChat();
    chat.add({ body: '<img src=x onerror="alert(1)"> see https://example.com/x. or javascript:alert(1)' });
    await mount({ open: true });
    const bubble = $('.bub')!;
    expect(bubble.querySelector('img')).toBeNull();
    expect(bubble.textContent).toContain('<img src=x onerror="alert(1)">');
    const anchors = [...bubble.querySelectorAll('a')];
    expect(anchors.map((a) => [a.getAttribute('href'), a.target, a.rel])).toEqual([['https://example.com/x', '_blank', 'noopener noreferrer']]);
  });

  it('groups consecutive messages: the name shows once but stays in every article for screen readers', async () => {
    activeChat();
    chat.add({ body: 'one' });
    chat.add({ body: 'two' });
    await mount({ open: true });
    const [a, b] = $$('article');
    expect(a?.querySelector('.meta')?.textContent).toContain('Grace');
    expect(b?.querySelector('.meta')).toBeNull();
    expect(b?.querySelector('.sr')?.textContent).toContain('Grace');
    expect($$('.av')).toHaveLength(1);
  });

  it('shows an avatar image only for http(s) URLs, initials otherwise', async () => {
    activeChat();
    chat.member({ id: AGENT_ID, role: 'AGENT', state: 'CONNECTED', name: 'Grace Hopper', avatarImageUrl: 'javascript:alert(1)' });
    chat.add({ body: 'x' });
    await mount({ open: true });
    expect($('img')).toBeNull();
    expect($('.av')?.textContent).toBe('GH');
    await act(() => chat.member({ id: AGENT_ID, role: 'AGENT', state: 'CONNECTED', name: 'Grace Hopper', avatarImageUrl: 'https://cdn.example.com/g.png' }));
    const img = $<HTMLImageElement>('.av img')!;
    expect(img.getAttribute('src')).toBe('https://cdn.example.com/g.png');
    expect(img.getAttribute('alt')).toBe('');
    // A picture that fails to load gives way to the initials under it.
    await act(() => void img.dispatchEvent(new Event('error')));
    expect(img.hidden).toBe(true);
    expect($('.av')?.textContent).toBe('GH');
  });

  /** Watches the log through the next change: the articles it adds, and the articles there before that it touches. */
  const watchRows = () => {
    const before = $$('article');
    const records: MutationRecord[] = [];
    const observer = new MutationObserver((r) => records.push(...r));
    observer.observe($('[role=log]')!, { subtree: true, childList: true, attributes: true, characterData: true });
    return () => {
      records.push(...observer.takeRecords());
      observer.disconnect();
      const added = records.flatMap((r) => [...r.addedNodes]).filter((n) => n.nodeName == 'ARTICLE');
      const touched = before.filter((a) => records.some((r) => a.contains(r.target)));
      return { added, touched };
    };
  };

  it('draws one new row for a new message and leaves the existing rows alone', async () => {
    activeChat();
    for (let i = 0; i < 50; i++) chat.add({ body: `m${i}`, timestamp: Date.UTC(2026, 0, 5, 9) + i });
    await mount({ open: true });
    const firstNode = $('article');
    const changes = watchRows();
    await act(() => void chat.add({ body: 'new' }));
    const { added, touched } = changes();
    expect(added).toHaveLength(1);
    expect(touched).toEqual([]);
    expect($$('article')).toHaveLength(51);
    expect($('article')).toBe(firstNode);
    expect($$('article').at(-1)?.textContent).toContain('new');
  });

  it('keeps every existing row when earlier history is put on top', async () => {
    activeChat();
    const at = Date.UTC(2026, 0, 5, 9);
    for (let i = 0; i < 150; i++) chat.add({ id: `n${i}`, body: `m${i}`, timestamp: at + i * 1000 });
    await mount({ open: true });
    const oldFirst = $('article');
    const changes = watchRows();
    const history = Array.from({ length: 30 }, (_, i) => ({ ...chat.messages.value[0]!, id: `h${i}`, body: `h${i}`, timestamp: at - (30 - i) * 1000 }));
    await act(() => void (chat.set.messages.value = [...history, ...chat.messages.value]));
    expect($$('article')).toHaveLength(180);
    expect($$('article')[30]).toBe(oldFirst);
    expect($$('article').map((a) => a.querySelector('.bub')?.textContent)).toEqual([...history.map((m) => m.body), ...Array.from({ length: 150 }, (_, i) => `m${i}`)]);
    // The 30 new rows, and the old first row, which now continues the group above it (patched in place).
    const { added, touched } = changes();
    expect(added).toHaveLength(30);
    expect(touched).toEqual([oldFirst]);
  });

  it('keeps the rows in the store’s order when a message lands between known ones, and drops rows that went', async () => {
    activeChat();
    const at = Date.UTC(2026, 0, 5, 9);
    for (let i = 0; i < 5; i++) chat.add({ id: `n${i}`, body: `m${i}`, timestamp: at + i * 1000 });
    await mount({ open: true });
    const nodes = $$('article');
    const [a, b, c, , e] = chat.messages.value;
    const late = { ...b!, id: 'late', body: 'late', timestamp: at + 1500 };
    await act(() => void (chat.set.messages.value = [a!, b!, late, c!, e!]));
    expect($$('article').map((x) => x.querySelector('.bub')?.textContent)).toEqual(['m0', 'm1', 'late', 'm2', 'm4']);
    expect($$('article')).toEqual([nodes[0], nodes[1], expect.anything(), nodes[2], nodes[4]]);
    await act(() => void (chat.set.messages.value = [e!, a!]));
    expect($$('article').map((x) => x.querySelector('.bub')?.textContent)).toEqual(['m4', 'm0']);
    // Two rows with one key (never meant to happen): both are shown, each in its own article.
    await act(() => void (chat.set.messages.value = [e!, a!, { ...a!, id: 'other', localId: a!.id, body: 'twin' }]));
    expect($$('article').map((x) => x.querySelector('.bub')?.textContent)).toEqual(['m4', 'm0', 'twin']);
  });

  it('keeps a draft’s DOM node when the server id replaces its local id', async () => {
    activeChat();
    await mount({ open: true });
    await type(composer()!, 'hello');
    await key(composer()!, 'Enter');
    const node = $('article');
    const draft = chat.messages.value[0]!;
    await act(() => void (chat.set.messages.value = [{ ...draft, id: 'server-1', localId: draft.id, status: 'sent' }]));
    expect($('article')).toBe(node);
  });

  it('patches a row in place as its status changes: the text node stays, the status line comes and goes', async () => {
    activeChat();
    await mount({ open: true });
    await type(composer()!, 'see https://example.com/a');
    await key(composer()!, 'Enter');
    const article = $('article')!;
    const bubble = article.querySelector('.bub')!;
    const link = bubble.querySelector('a')!;
    expect(article.textContent).toContain('Sending…');
    const draft = chat.messages.value[0]!;
    const setStatus = (status: 'failed' | 'sent') =>
      act(() => void (chat.set.messages.value = [{ ...draft, status, ...(status == 'failed' && { error: { code: 'server' as const, message: '503' } }) }]));
    await setStatus('failed');
    expect(article.textContent).not.toContain('Sending…');
    expect(button('Retry')?.closest('article')).toBe(article);
    await setStatus('sent');
    expect(button('Retry')).toBeNull();
    expect(article.querySelectorAll('.st')).toHaveLength(0);
    // What did not change was kept, not redrawn: a screen reader's live log does not re-read it.
    expect($('article')).toBe(article);
    expect(article.querySelector('.bub')).toBe(bubble);
    expect(bubble.querySelector('a')).toBe(link);
    expect(link.getAttribute('href')).toBe('https://example.com/a');
  });

  it('shows a failed own message with a Retry button inside its article', async () => {
    activeChat();
    const m = chat.add({ senderId: GUEST_ID, own: true, body: 'lost', status: 'failed', error: { code: 'server', message: '503' } });
    await mount({ open: true });
    const retry = button('Retry')!;
    expect(retry.closest('article')?.textContent).toContain('lost');
    expect(retry.closest('article')?.textContent).toContain('Not sent');
    await click(retry);
    expect(chat.calls).toContainEqual(['retry', m.id]);
  });

  it('offers "Load earlier messages" while history remains', async () => {
    activeChat();
    chat.set.hasEarlier.value = true;
    await mount({ open: true });
    await click(button('Load earlier messages'));
    expect(chat.calls).toContainEqual(['loadEarlier']);
    await act(() => void (chat.set.hasEarlier.value = false));
    expect(button('Load earlier messages')).toBeNull();
  });

  it('announces agent typing as a status', async () => {
    activeChat();
    await mount({ open: true });
    await act(() => void (chat.set.typing.value = [AGENT_ID]));
    expect($$('[role=status]').map((s) => s.textContent)).toContain('Grace is typing…');
    await act(() => void (chat.set.typing.value = []));
    expect($('.typing')?.textContent).toBe('');
  });
});

describe('composer', () => {
  it('sends on Enter, clears itself and keeps focus', async () => {
    activeChat();
    await mount();
    await act(() => widget.open());
    await type(composer()!, '  hello there  ');
    await key(composer()!, 'Enter');
    expect(chat.calls).toContainEqual(['send', 'hello there']);
    expect(composer()?.value).toBe('');
  });

  it('does not send on Shift+Enter, during IME composition, or when blank', async () => {
    activeChat();
    await mount({ open: true });
    await type(composer()!, 'line one');
    await key(composer()!, 'Enter', { shiftKey: true });
    await key(composer()!, 'Enter', { isComposing: true });
    await type(composer()!, '   ');
    await key(composer()!, 'Enter');
    expect(chat.calls.filter((c) => c[0] === 'send')).toHaveLength(0);
  });

  it('sends from the Send button', async () => {
    activeChat();
    await mount({ open: true });
    expect(button('Send')?.disabled).toBe(true);
    await type(composer()!, 'hi');
    await click(button('Send'));
    expect(chat.calls).toContainEqual(['send', 'hi']);
  });

  it('reports typing through the core on input', async () => {
    activeChat();
    await mount({ open: true });
    await type(composer()!, 'h');
    expect(chat.calls).toContainEqual(['startTyping']);
  });

  it('counts UTF-16 units against the 4000 limit, shows the counter near the end and refuses to send over it', async () => {
    activeChat();
    await mount({ open: true });
    await type(composer()!, 'a'.repeat(3600));
    expect($('#p-count')?.textContent).toBe('3,600/4,000');
    expect(composer()?.getAttribute('aria-describedby')).toBe('p-count');
    await type(composer()!, `${'a'.repeat(3999)}😀`);
    expect($('#p-count')?.textContent).toBe('4,001/4,000');
    expect($('#p-count')?.className).toContain('over');
    expect(composer()?.getAttribute('aria-invalid')).toBe('true');
    expect(button('Send')?.disabled).toBe(true);
    await key(composer()!, 'Enter');
    expect(chat.calls.filter((c) => c[0] === 'send')).toHaveLength(0);
    await type(composer()!, 'short');
    expect($('#p-count')).toBeNull();
  });

  it('is enabled while queued and disabled with a visible reason once the chat ended', async () => {
    activeChat();
    chat.set.phase.value = { name: 'queued' };
    await mount({ open: true });
    expect(composer()?.disabled).toBe(false);
    await act(() => void (chat.set.phase.value = { name: 'ended', by: 'agent' }));
    expect(composer()?.disabled).toBe(true);
    expect(composer()?.placeholder).toBe('Chat ended');
  });
});

describe('header actions', () => {
  it('asks before ending: Cancel keeps the chat and returns focus, End ends it', async () => {
    activeChat();
    await mount({ open: true });
    await click(button('End chat'));
    expect(root.activeElement).toBe(button('Cancel'));
    expect($('[role=group]')?.textContent).toContain('End this chat?');
    await click(button('Cancel'));
    expect($('[role=group]')).toBeNull();
    expect(root.activeElement).toBe(button('End chat'));
    expect(chat.calls.filter((c) => c[0] === 'end')).toHaveLength(0);
    await click(button('End chat'));
    await click(button('End'));
    expect(chat.calls).toContainEqual(['end']);
    expect($$('[role=status]').map((s) => s.textContent)).toContain('Chat ended');
    expect(button('End chat')).toBeNull();
  });

  it('starts a new chat with the same guest after the end', async () => {
    await mount({ open: true });
    await type($<HTMLInputElement>('#p-firstName')!, 'Maria');
    await click(button('Start chat'));
    await act(() => void (chat.set.phase.value = { name: 'ended', by: 'agent' }));
    await click(button('Start new chat'));
    expect(chat.calls.filter((c) => c[0] === 'start')).toEqual([
      ['start', { firstName: 'Maria', displayName: 'Maria' }],
      ['start', { firstName: 'Maria', displayName: 'Maria' }],
    ]);
  });

  it('shows a chat that could not be resumed as ended, with a way to start again', async () => {
    chat.set.phase.value = { name: 'ended', by: 'system', notice: { code: 'session-expired', message: '404' } };
    await mount({ open: true });
    expect($('#p-ended')?.textContent).toBe('Chat ended');
    expect(button('Start new chat')).not.toBeNull();
  });

  it('lists connected participants with name and role', async () => {
    activeChat();
    chat.member({ id: 'gone', role: 'AGENT', state: 'DISCONNECTED', name: 'Alan' });
    await mount({ open: true });
    const toggle = button('Participants')!;
    expect(toggle.getAttribute('aria-expanded')).toBe('false');
    await click(toggle);
    expect(toggle.getAttribute('aria-expanded')).toBe('true');
    expect(toggle.getAttribute('aria-controls')).toBe('p-people');
    const list = $('[role=list]')!;
    expect($(`#${list.getAttribute('aria-labelledby')}`)?.textContent).toBe('Participants');
    expect([...list.querySelectorAll('li')].map((li) => li.textContent)).toEqual(['MMariaGuest', 'GGraceAgent']);
    expect(log()?.closest('[inert]')).not.toBeNull();
    await act(() => void (chat.set.phase.value = { name: 'ended', by: 'agent' }));
    expect($('[role=list]')).toBeNull();
  });

  it('shows the connection banner while reconnecting', async () => {
    activeChat();
    await mount({ open: true });
    expect($('.banner')?.textContent).toBe('');
    await act(() => void (chat.set.connection.value = { state: 'reconnecting', attempt: 1, delayMs: 1000 }));
    expect($('.banner')?.getAttribute('role')).toBe('status');
    expect($('.banner')?.textContent).toBe('Reconnecting…');
  });

  it('downloads a plain-text transcript', async () => {
    activeChat();
    chat.add({ body: 'hello' });
    await mount({ open: true });
    const create = vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:x');
    await click(button('Download transcript'));
    const blob = create.mock.calls[0]?.[0] as Blob;
    expect(blob.type).toBe('text/plain;charset=utf-8');
    expect(await blob.text()).toMatch(/^\[.+\] Grace: hello\n$/);
    create.mockRestore();
  });
});

describe('media request prompt', () => {
  const request = (id: string, types: ('COBROWSE' | 'SCREENSHARE')[] = ['COBROWSE']) => ({ id, types, state: 'PENDING' as const, answering: false });

  it('names the request, takes focus on Decline, holds Tab inside and gives focus back after', async () => {
    activeChat();
    await mount();
    await act(() => widget.open());
    expect(root.activeElement).toBe(composer());
    await act(() => void (chat.set.mediaRequests.value = [request('r1')]));
    const prompt = $('[role=alertdialog]')!;
    expect(composer()?.closest('[inert]')).not.toBeNull();
    expect($(`#${prompt.getAttribute('aria-labelledby')}`)?.textContent).toBe('Agent requests to co-browse');
    expect(root.activeElement).toBe(button('Decline'));
    await key(button('Decline')!, 'Tab', { shiftKey: true });
    expect(root.activeElement).toBe(button('Accept'));
    await key(button('Accept')!, 'Tab');
    expect(root.activeElement).toBe(button('Decline'));
    await click(button('Accept'));
    expect(chat.calls).toContainEqual(['acceptMediaRequest', 'r1']);
    await act(() => void (chat.set.mediaRequests.value = []));
    expect($('[role=alertdialog]')).toBeNull();
    expect(composer()?.closest('[inert]')).toBeNull();
    expect(root.activeElement).toBe(composer());
  });

  it('gives focus to the composer after answering a prompt that was waiting when the window opened', async () => {
    activeChat();
    chat.set.mediaRequests.value = [request('r1')];
    await mount();
    await click(button('Open chat'));
    expect(root.activeElement).toBe(button('Decline'));
    await click(button('Decline'));
    await act(() => void (chat.set.mediaRequests.value = []));
    expect(root.activeElement).toBe(composer());
  });

  it('queues several requests and names both kinds when asked for both', async () => {
    activeChat();
    chat.set.mediaRequests.value = [request('r1', ['COBROWSE', 'SCREENSHARE']), request('r2', ['SCREENSHARE'])];
    await mount({ open: true });
    expect($('[role=alertdialog]')?.textContent).toContain('Agent requests to co-browse and share your screen');
    await click(button('Decline'));
    expect(chat.calls).toContainEqual(['declineMediaRequest', 'r1']);
    await act(() => void (chat.set.mediaRequests.value = [request('r2', ['SCREENSHARE'])]));
    expect($('[role=alertdialog]')?.textContent).toContain('Agent requests to share your screen');
  });

  it('ignores answers while one is under way and shows a failed answer', async () => {
    activeChat();
    chat.set.mediaRequests.value = [{ ...request('r1'), answering: true }];
    await mount({ open: true });
    await click(button('Accept'));
    expect(chat.calls.filter((c) => c[0] === 'acceptMediaRequest')).toHaveLength(0);
    await act(() => void (chat.set.mediaRequests.value = [{ ...request('r1'), error: { code: 'network', message: 'x' } }]));
    expect($('[role=alertdialog]')?.getAttribute('aria-describedby')).toBe('p-media-err');
    expect($('#p-media-err')?.textContent).toBe('Couldn’t connect. Please try again.');
  });
});
