import { describe, expect, it } from 'vitest';
import type { ChatMessage } from '../store/types';
import { GROUP_GAP_MS, isShown, startsGroup } from './group-messages';

const msg = (over: Partial<ChatMessage>): ChatMessage => ({
  id: 'm',
  bodyType: 'standard',
  body: 'hi',
  senderId: 'a',
  timestamp: 1_000_000,
  own: false,
  status: 'sent',
  ...over,
});

describe('startsGroup', () => {
  it('opens a group for the first message', () => {
    expect(startsGroup(undefined, msg({}))).toBe(true);
  });

  it('continues the group for the same sender within the gap', () => {
    expect(startsGroup(msg({}), msg({ timestamp: 1_000_000 + GROUP_GAP_MS }))).toBe(false);
  });

  it('opens a group for another sender, after a long pause, or around notices and joins', () => {
    expect(startsGroup(msg({}), msg({ senderId: 'b' }))).toBe(true);
    expect(startsGroup(msg({}), msg({ timestamp: 1_000_001 + GROUP_GAP_MS }))).toBe(true);
    expect(startsGroup(msg({ bodyType: 'member-join', body: '' }), msg({}))).toBe(true);
    expect(startsGroup(msg({}), msg({ bodyType: 'notice' }))).toBe(true);
  });
});

describe('isShown', () => {
  it('hides media-request announcements and shows every other kind', () => {
    expect(isShown(msg({ bodyType: 'media-request', body: 'mr-1' }))).toBe(false);
    for (const bodyType of ['standard', 'notice', 'member-join', 'member-leave'] as const) expect(isShown(msg({ bodyType }))).toBe(true);
  });
});
