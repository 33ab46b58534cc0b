// What survives a page reload: the five values the official widget keeps (webchat-v2.md §13), one entry per
// deployment. Which storage (session, local, none) is create-chat's choice; a storage that throws is ignored.

import type { Logger } from '../lib/log';

/** The part of the Web Storage API the store uses; create-chat passes sessionStorage, localStorage or nothing. */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface StoredChat {
  conversationId: string;
  memberId: string;
  jwt: string;
  eventStreamUri: string;
  /** The catch-up cursor when the page went away (kept as the official widget keeps it; informational). */
  lastMessageId?: string | undefined;
  /** The heartbeat interval learned so far: it belongs to the chat, so a reload need not relearn it (§6.7). */
  heartbeatIntervalMs?: number | undefined;
}

export interface Persistence {
  load(): StoredChat | undefined;
  /** Saves these fields over the chat saved (or loaded) last: a new chat passes them all. */
  save(fields: Partial<StoredChat>): void;
  clear(): void;
}

export const storageKey = (organizationId: string, deploymentId: string): string => `parley:chat:${organizationId}:${deploymentId}`;

/** Reads a stored entry from unknown JSON; anything malformed is treated as absent. */
export function decodeStoredChat(raw: string | null): StoredChat | undefined {
  try {
    const { conversationId, memberId, jwt, eventStreamUri, lastMessageId, heartbeatIntervalMs: hb } = JSON.parse(raw as string) as Record<string, unknown>;
    // Checked right here: the four are non-empty strings.
    if ([conversationId, memberId, jwt, eventStreamUri].every((v) => typeof v === 'string' && v)) {
      return {
        conversationId,
        memberId,
        jwt,
        eventStreamUri,
        lastMessageId: typeof lastMessageId === 'string' ? lastMessageId : undefined,
        heartbeatIntervalMs: typeof hb === 'number' && hb > 0 ? hb : undefined, // JSON has no Infinity or NaN
      } as StoredChat;
    }
  } catch {
    // Not JSON, or null (no entry, or JSON null): absent.
  }
  return undefined;
}

export function createPersistence(storage: KeyValueStorage | undefined, key: string, logger: Logger): Persistence {
  let current: Partial<StoredChat> | undefined;
  // Storage can throw at any call (Safari private mode, quota, a sandboxed iframe): persistence is best effort.
  // The error (SecurityError, QuotaExceededError…) says which call failed and why.
  const use = <T>(fn: (s: KeyValueStorage) => T): T | undefined => {
    try {
      return storage && fn(storage);
    } catch (e) {
      logger.warn('storage failed', e);
    }
  };
  const clear = () => {
    current = undefined;
    use((s) => s.removeItem(key));
  };
  return {
    load() {
      const raw = use((s) => s.getItem(key)) ?? null;
      const chat = (current = decodeStoredChat(raw));
      if (raw !== null && !chat) clear();
      return chat;
    },
    save(fields) {
      const chat = (current = { ...current, ...fields });
      use((s) => s.setItem(key, JSON.stringify(chat)));
    },
    clear,
  };
}
