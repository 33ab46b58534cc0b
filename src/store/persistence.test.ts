import { describe, expect, it } from 'vitest';
import { createMemoryStorage, createRecordingLogger } from './fake-backend.test.helper';
import { createPersistence, decodeStoredChat, storageKey } from './persistence';

const chat = { conversationId: 'c', memberId: 'm', jwt: 'j', eventStreamUri: 'wss://x/chat/jwt/j' };

describe('persistence', () => {
  it('keys entries by organization and deployment', () => {
    expect(storageKey('o', 'd')).toBe('parley:chat:o:d');
    expect(storageKey('o', 'd')).not.toBe(storageKey('o', 'e'));
  });

  it('saves, loads and clears a chat', () => {
    const storage = createMemoryStorage();
    const p = createPersistence(storage, 'k', createRecordingLogger());
    p.save(chat);
    p.save({ lastMessageId: 'msg-9' });
    expect(createPersistence(storage, 'k', createRecordingLogger()).load()).toEqual({ ...chat, lastMessageId: 'msg-9' });
    p.clear();
    expect(storage.data.has('k')).toBe(false);
  });

  it('drops an entry that is not valid JSON or lacks a field', () => {
    for (const raw of ['{', 'null', '[]', '"x"', JSON.stringify({ ...chat, jwt: 5 }), JSON.stringify({ ...chat, memberId: '' })]) {
      const storage = createMemoryStorage({ k: raw });
      expect(createPersistence(storage, 'k', createRecordingLogger()).load(), raw).toBeUndefined();
      expect(storage.data.has('k')).toBe(false);
    }
    expect(decodeStoredChat(null)).toBeUndefined();
  });

  it('works without storage', () => {
    const p = createPersistence(undefined, 'k', createRecordingLogger());
    p.save(chat);
    expect(p.load()).toBeUndefined();
    p.clear();
  });

  it('survives a storage that throws, with a warning', () => {
    const logger = createRecordingLogger();
    const throwing = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
      removeItem: () => {
        throw new Error('SecurityError');
      },
    };
    const p = createPersistence(throwing, 'k', logger);
    expect(() => p.save(chat)).not.toThrow();
    expect(p.load()).toBeUndefined();
    expect(() => p.clear()).not.toThrow();
    expect(logger.lines.length).toBeGreaterThanOrEqual(3);
  });
});
