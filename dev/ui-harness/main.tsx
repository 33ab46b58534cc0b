// The UI harness page: mounts the real widget UI in a shadow root over a fake Chat set to one state,
// chosen by URL parameters, so every state can be looked at, screenshotted and checked with axe.

import { mountWidget } from '../../src/ui/mount-widget';
import { AGENT_ID, createFakeChat, GUEST_ID, type FakeChat } from '../../src/ui/fake-chat';
import type { PrechatField, WidgetTheme } from '../../src/ui/types';

export const STATES = [
  'closed', 'prechat', 'prechat-errors', 'starting', 'queued', 'chat', 'typing', 'failed', 'media',
  'participants', 'reconnecting', 'ended', 'start-failed', 'long', 'unread', 'many',
] as const;

const params = new URLSearchParams(location.search);
const state = params.get('state') ?? 'chat';
const now = Date.now();
const min = 60_000;

function conversation(chat: FakeChat) {
  chat.set.phase.value = { name: 'active' };
  chat.set.memberId.value = GUEST_ID;
  chat.member({ id: GUEST_ID, role: 'CUSTOMER', state: 'CONNECTED', name: 'Maria Souza' });
  chat.member({ id: AGENT_ID, role: 'AGENT', state: 'CONNECTED', name: 'Grace Hopper' });
  chat.member({ id: 'bot', role: 'WORKFLOW', state: 'DISCONNECTED', name: 'Acme Assistant' });
  chat.add({ senderId: 'bot', bodyType: 'notice', body: 'Chats may be recorded to help us improve our service.', timestamp: now - 14 * min });
  chat.add({ bodyType: 'member-join', timestamp: now - 12 * min });
  chat.add({ body: 'Hi Maria! I’m Grace. How can I help you today?', timestamp: now - 12 * min });
  chat.add({ senderId: GUEST_ID, own: true, body: 'Hi! I can’t find the confirmation for my order.', timestamp: now - 11 * min });
  chat.add({ senderId: GUEST_ID, own: true, body: 'It’s order #4821', timestamp: now - 11 * min });
  chat.add({ body: 'Let me check that for you.', timestamp: now - 9 * min });
  chat.add({
    body: 'Found it — it shipped yesterday. You can track it here: https://example.com/orders/4821.\nAnything else I can do?',
    timestamp: now - 8 * min,
  });
  chat.add({ senderId: GUEST_ID, own: true, body: 'That’s perfect, thank you!', timestamp: now - 2 * min });
  chat.set.unreadCount.value = 0;
}

function scenario(chat: FakeChat): { fields?: PrechatField[]; open: boolean } {
  switch (state) {
    case 'closed':
      return { open: false };
    case 'unread':
      conversation(chat);
      chat.set.unreadCount.value = 3;
      return { open: false };
    case 'prechat':
    case 'prechat-errors':
      return { open: true };
    case 'start-failed':
      chat.set.phase.value = { name: 'failed', error: { code: 'network', message: 'fetch failed' } };
      return { open: true, fields: [] };
    case 'starting':
      chat.set.phase.value = { name: 'starting' };
      return { open: true };
    case 'queued':
      chat.set.phase.value = { name: 'queued' };
      chat.set.memberId.value = GUEST_ID;
      chat.member({ id: GUEST_ID, role: 'CUSTOMER', state: 'CONNECTED', name: 'Maria Souza' });
      chat.add({ senderId: GUEST_ID, own: true, body: 'Hello, is anyone there?', timestamp: now - min });
      return { open: true };
    case 'failed':
      conversation(chat);
      chat.add({ senderId: GUEST_ID, own: true, body: 'One more question about returns', status: 'failed', error: { code: 'server', message: '503' } });
      chat.add({ id: 'local:2', senderId: GUEST_ID, own: true, body: 'Are you still there?', status: 'sending' });
      return { open: true };
    case 'many': {
      // A long chat for timing: ?state=many&n=5000.
      conversation(chat);
      const n = Number(params.get('n') ?? 5000);
      const batch = [...chat.messages.peek()];
      for (let i = 0; i < n; i++)
        batch.push({ id: `h${i}`, bodyType: 'standard', body: `Message ${i}: the quick brown fox jumps over the lazy dog`, senderId: i % 3 ? AGENT_ID : GUEST_ID, own: !(i % 3), timestamp: now - (n - i) * 1000, status: 'sent' });
      chat.set.messages.value = batch;
      return { open: true };
    }
    case 'long':
      conversation(chat);
      chat.set.hasEarlier.value = true;
      chat.add({ body: 'averyveryveryverylongwordwithoutanyspacesthatmustwrapinsidethebubbleandnotoverflowit', timestamp: now - min });
      return { open: true };
    default:
      conversation(chat);
      if (state === 'typing' || state === 'chat') chat.set.typing.value = [AGENT_ID];
      if (state === 'media') chat.set.mediaRequests.value = [{ id: 'mr1', types: ['COBROWSE'], state: 'PENDING', answering: false }];
      if (state === 'reconnecting') chat.set.connection.value = { state: 'reconnecting', attempt: 2, delayMs: 2000 };
      if (state === 'ended') chat.set.phase.value = { name: 'ended', by: 'agent' };
      return { open: true };
  }
}

const chat = createFakeChat();
(window as unknown as { chat: FakeChat }).chat = chat;
const { open, fields } = scenario(chat);
if (params.get('hostile')) document.documentElement.classList.add('hostile');

const host = document.createElement('div');
host.id = 'parley-host';
document.body.appendChild(host);
performance.mark('mount-start');
const handle = mountWidget(host.attachShadow({ mode: 'open' }), chat, {
  theme: (params.get('theme') as WidgetTheme | null) ?? 'light',
  locale: params.get('locale') ?? undefined,
  position: params.get('position') === 'left' ? 'bottom-left' : 'bottom-right',
  prechatFields: fields ?? ['firstName', 'lastName', 'email'],
  open,
});
performance.measure('mount', 'mount-start');
(window as unknown as { widget: typeof handle }).widget = handle;

if (state === 'participants') {
  const root = host.shadowRoot;
  requestAnimationFrame(() => root?.querySelector<HTMLButtonElement>('.hd [aria-expanded]')?.click());
}
if (state === 'prechat-errors') {
  requestAnimationFrame(() => {
    const form = host.shadowRoot?.querySelector('form');
    const email = form?.querySelector<HTMLInputElement>('input[type=email]');
    if (email) email.value = 'maria.example.com';
    form?.requestSubmit();
  });
}

const nav = document.getElementById('controls');
for (const s of STATES) {
  const a = document.createElement('a');
  a.href = `?state=${s}&theme=${params.get('theme') ?? 'light'}${params.get('locale') ? `&locale=${params.get('locale')}` : ''}`;
  a.textContent = s;
  nav?.appendChild(a);
}
