// A Chat whose signals the caller sets directly, recording every action: the UI's tests and the dev
// harness (dev/ui-harness) drive the widget through it. Not shipped: no entry imports it.

import { signal } from '@preact/signals-core';
import type { Chat, ChatEvents, ChatMediaRequest, ChatMember, ChatMessage, ChatPhase } from '../store/types';

type Writable<T> = { -readonly [K in keyof T]: T[K] };
type Settable<T> = T extends { readonly value: infer V } ? { value: V; peek(): V } : never;

export type FakeChatState = { [K in 'phase' | 'connection' | 'messages' | 'members' | 'typing' | 'mediaRequests' | 'unreadCount' | 'hasEarlier' | 'loadingEarlier' | 'memberId' | 'conversationId']: Settable<Chat[K]> };

export interface FakeChat extends Chat {
  /** The same signals as the Chat's, writable. */
  readonly set: FakeChatState;
  /** Every action called, in order: `['send', 'hi']`. */
  readonly calls: unknown[][];
  /** Adds a message (an agent's `standard` by default) and counts it unread as the store would. */
  add(m: Partial<ChatMessage> & { body?: string }): ChatMessage;
  member(m: ChatMember): void;
}

export const GUEST_ID = 'guest-member';
export const AGENT_ID = 'agent-member';

export function createFakeChat(now: () => number = Date.now): FakeChat {
  let seq = 0;
  const set: FakeChatState = {
    phase: signal<ChatPhase>({ name: 'idle' }),
    connection: signal<Chat['connection']['value']>({ state: 'open' }),
    messages: signal<readonly ChatMessage[]>([]),
    members: signal<ReadonlyMap<string, ChatMember>>(new Map()),
    typing: signal<readonly string[]>([]),
    mediaRequests: signal<readonly ChatMediaRequest[]>([]),
    unreadCount: signal(0),
    hasEarlier: signal(false),
    loadingEarlier: signal(false),
    memberId: signal<string | undefined>(undefined),
    conversationId: signal<string | undefined>(undefined),
  };
  const calls: unknown[][] = [];
  const record =
    <A extends unknown[]>(name: string, then?: (...args: A) => void) =>
    (...args: A) => {
      calls.push([name, ...args]);
      then?.(...args);
      return Promise.resolve();
    };
  const listeners = new Map<string, Set<(detail: never) => void>>();

  const chat: Writable<FakeChat> = {
    ...(set as unknown as Pick<Chat, keyof FakeChatState>),
    set,
    calls,
    add(partial) {
      const m: ChatMessage = {
        id: `m${++seq}`,
        bodyType: 'standard',
        body: '',
        senderId: AGENT_ID,
        timestamp: now(),
        own: false,
        status: 'sent',
        ...partial,
      };
      set.messages.value = [...set.messages.peek(), m];
      if (!m.own && (m.bodyType === 'standard' || m.bodyType === 'notice')) set.unreadCount.value = set.unreadCount.peek() + 1;
      return m;
    },
    member(m) {
      set.members.value = new Map(set.members.peek()).set(m.id, m);
    },
    start: record('start', () => {
      set.phase.value = { name: 'starting' };
      set.memberId.value = GUEST_ID;
    }),
    send: record('send', (text: string) => {
      chat.add({ id: `local:${++seq}`, body: text, senderId: GUEST_ID, own: true, status: 'sending' });
    }),
    retry: record('retry'),
    startTyping: () => void calls.push(['startTyping']),
    acceptMediaRequest: record('acceptMediaRequest'),
    declineMediaRequest: record('declineMediaRequest'),
    loadEarlier: record('loadEarlier'),
    markRead: () => {
      calls.push(['markRead']);
      set.unreadCount.value = 0;
    },
    end: record('end', () => (set.phase.value = { name: 'ended', by: 'guest' })),
    on<E extends keyof ChatEvents>(event: E, fn: (detail: ChatEvents[E]) => void) {
      const fns = listeners.get(event) ?? new Set();
      listeners.set(event, fns);
      fns.add(fn as (detail: never) => void);
      return () => void fns.delete(fn as (detail: never) => void);
    },
    dispose: () => void calls.push(['dispose']),
  };
  return chat;
}
