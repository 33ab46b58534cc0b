// Builds a chat model over the fake backend, the way create-chat wires the real one, for the store's tests.

import { createChatModel, type ChatModelDeps, type ChatModelOptions } from './chat-model';
import { createFakeBackend, createMemoryStorage, createRecordingLogger, type FakeBackend } from './fake-backend.test.helper';
import type { Chat, ChatEvents } from './types';

export const ORG = 'org-1';
export const DEPLOYMENT = 'dep-1';

export interface Harness {
  b: FakeBackend;
  chat: Chat;
  storage: ReturnType<typeof createMemoryStorage>;
  logger: ReturnType<typeof createRecordingLogger>;
  events: Array<{ [E in keyof ChatEvents]: { event: E; detail: ChatEvents[E] } }[keyof ChatEvents]>;
  eventsOf<E extends keyof ChatEvents>(event: E): ChatEvents[E][];
}

export function makeChat(
  overrides: Partial<Omit<ChatModelDeps, 'api' | 'openStream'>> & {
    backend?: FakeBackend;
    storage?: ReturnType<typeof createMemoryStorage>;
    options?: Partial<ChatModelOptions>;
  } = {},
): Harness {
  const { backend, options, ...deps } = overrides;
  const b = backend ?? createFakeBackend();
  const storage = overrides.storage ?? createMemoryStorage();
  const logger = createRecordingLogger();
  const chat = createChatModel({
    api: b.api,
    openStream: (uri, heartbeatIntervalMs) => b.openStream(uri, heartbeatIntervalMs === undefined ? {} : { heartbeatIntervalMs }),
    clock: b.clock,
    storage,
    logger,
    random: () => 0.5,
    ...deps,
    organizationId: ORG,
    deploymentId: DEPLOYMENT,
    queue: 'Support',
    ...options,
  });
  const events: Harness['events'] = [];
  const names: Array<keyof ChatEvents> = ['started', 'message', 'typing', 'members', 'mediarequest', 'connection', 'ended', 'error'];
  for (const event of names) chat.on(event, (detail) => events.push({ event, detail } as Harness['events'][number]));
  return {
    b,
    chat,
    storage,
    logger,
    events,
    eventsOf: <E extends keyof ChatEvents>(event: E) => events.filter((e) => e.event === event).map((e) => e.detail as ChatEvents[E]),
  };
}

/** A started chat whose stream opened and whose first catch-up ran. */
export async function startedChat(overrides: Parameters<typeof makeChat>[0] = {}): Promise<Harness> {
  const h = makeChat(overrides);
  await h.chat.start({ firstName: 'Ann' });
  h.b.lastStream().open();
  await h.b.flush();
  return h;
}

/** A started chat with an agent connected. */
export async function activeChat(overrides: Parameters<typeof makeChat>[0] = {}) {
  const h = await startedChat(overrides);
  const agent = h.b.addAgent('Alice');
  await h.b.flush();
  return { ...h, agent };
}

export const bodies = (chat: Chat) => chat.messages.value.filter((m) => m.bodyType === 'standard').map((m) => m.body);
