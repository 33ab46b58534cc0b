// A Node service using the headless core (`parley-chat/core`), type-checked with NodeNext resolution.
import { ApiError, createApiClient, createChat, type Chat, type WebChatMessage } from 'parley-chat/core';

const chat: Chat = createChat({ organizationId: 'o', deploymentId: 'd', queue: 'q', persist: 'none' });
chat.on('message', (message: WebChatMessage) => message.body.length);
void chat.start({ displayName: 'Bot' }).catch((e: unknown) => (e instanceof ApiError ? e.status : 0));
chat.dispose();
export const client: unknown = createApiClient;
