// A small TypeScript app consuming the published types of the four entries (through package.json "exports").
// Compiled, never run, by e2e/embed-package.spec.ts after `npm run build`.
import { h, render } from 'preact';
import { mount, type GuestInfo, type ParleyEvents, type ParleyInstance, type ParleyOptions, type WebChatMessage } from 'parley-chat';
import { ParleyChat, type ParleyChatProps } from 'parley-chat/preact';
import { defineParleyChat, type ParleyChatElement } from 'parley-chat/element';
import { createChat, ApiError, type Chat, type ChatOptions } from 'parley-chat/core';

const options: ParleyOptions = {
  organizationId: 'c0ffee00-0000-4000-8000-000000000001',
  deploymentId: 'c0ffee00-0000-4000-8000-000000000002',
  queue: 'Support',
  environment: 'mypurecloud.ie',
  theme: 'dark',
  position: 'bottom-left',
  prechatFields: ['firstName', 'email'],
  customFields: { plan: 'gold' },
  persist: 'local',
  memberAuthToken: async () => 'signed-jwt',
};

const instance: ParleyInstance = mount(document.body, options);
const guest: GuestInfo = { firstName: 'Ada', customFields: { order: 'A-1' } };
void instance.start(guest).then(() => instance.send('hello'));
const off: () => void = instance.on('message', (message: WebChatMessage) => message.body.toUpperCase());
instance.on('started', ({ conversationId, memberId }) => conversationId + memberId);
instance.on('connection', (state) => (state === 'reconnecting' ? 1 : 0));
instance.on('error', ({ code, message }) => `${code}: ${message}`);
instance.on('ready', (detail: ParleyEvents['ready']) => detail);
// @ts-expect-error not an event of the contract
instance.on('nope', () => {});
// @ts-expect-error theme is an enum
const badTheme: ParleyOptions = { ...options, theme: 'blue' };
off();
instance.destroy();

const props: ParleyChatProps = { ...options, onInstance: (i) => i?.open() };
render(h(ParleyChat, props), document.body);

defineParleyChat();
const el: ParleyChatElement = document.createElement('parley-chat');
el.setAttribute('queue', 'Support');
el.on('open', () => el.close());

const chatOptions: ChatOptions = { organizationId: options.organizationId, deploymentId: options.deploymentId, queue: 'Support', apiBase: 'http://127.0.0.1:8787' };
const chat: Chat = createChat(chatOptions);
const count: number = chat.messages.value.length + chat.unreadCount.value;
chat.phase.value.name satisfies 'idle' | 'starting' | 'queued' | 'active' | 'ended' | 'failed';
void chat.start().catch((e: unknown) => (e instanceof ApiError ? e.status : count));
chat.dispose();
export { badTheme };
