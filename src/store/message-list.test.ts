import { describe, expect, it } from 'vitest';
import type { WebChatMessage } from '../protocol/models';
import { createMessageList, parseTimestamp } from './message-list';
import type { ChatMessage } from './types';

const msg = (id: string, timestamp: string, body = id): WebChatMessage => ({
  id,
  conversation: { id: 'c' },
  sender: { id: 's' },
  body,
  bodyType: 'standard',
  timestamp,
});
const view = (m: WebChatMessage, at: number): ChatMessage => ({ id: m.id, bodyType: m.bodyType, body: m.body, senderId: m.sender.id, timestamp: at, own: false, status: 'sent' });
const T = (s: number) => new Date(Date.UTC(2026, 0, 1, 0, 0, s)).toISOString();
const ids = (l: ReturnType<typeof createMessageList>) => l.entries().map((e) => e.view.id);

describe('message list', () => {
  it('keeps one copy of a message delivered several times, the first one', () => {
    const l = createMessageList(view, () => 0);
    expect(l.merge([msg('a', T(1), 'first')], true)).toHaveLength(1);
    expect(l.merge([msg('a', T(1), 'again'), msg('a', T(1), 'again')], true)).toHaveLength(0);
    expect(l.entries().map((e) => e.view.body)).toEqual(['first']);
  });

  it('drops duplicates inside one batch', () => {
    const l = createMessageList(view, () => 0);
    l.merge([msg('a', T(1)), msg('a', T(1))], true);
    expect(ids(l)).toEqual(['a']);
  });

  it('orders by timestamp whatever the arrival order', () => {
    const l = createMessageList(view, () => 0);
    l.merge([msg('c', T(3))], true);
    l.merge([msg('a', T(1))], true);
    l.merge([msg('b', T(2))], true);
    expect(ids(l)).toEqual(['a', 'b', 'c']);
  });

  it('keeps the order the service gave for equal timestamps, never comparing ids', () => {
    const l = createMessageList(view, () => 0);
    l.merge([msg('z', T(1)), msg('m', T(1))], true);
    l.merge([msg('a', T(1))], true);
    expect(ids(l)).toEqual(['z', 'm', 'a']);
  });

  it('puts an older page before known messages with the same timestamp', () => {
    const l = createMessageList(view, () => 0);
    l.merge([msg('new', T(5)), msg('newer', T(6))], true);
    l.merge([msg('old1', T(4)), msg('old2', T(5))], true, true);
    expect(ids(l)).toEqual(['old1', 'old2', 'new', 'newer']);
  });

  it('places new equal-time messages of a page by the page’s order around messages already known', () => {
    const l = createMessageList(view, () => 0);
    l.merge([msg('seen-early', T(1)), msg('live', T(1))], true);
    // The page says: seen-early, lost1, lost2, live, after.
    l.merge([msg('seen-early', T(1)), msg('lost1', T(1)), msg('lost2', T(1)), msg('live', T(1)), msg('after', T(1))], true);
    expect(ids(l)).toEqual(['seen-early', 'lost1', 'lost2', 'live', 'after']);
  });

  it('returns what it added in list order', () => {
    const l = createMessageList(view, () => 0);
    l.merge([msg('b', T(2))], true);
    const added = l.merge([msg('c', T(3)), msg('a', T(1))], true);
    expect(added.map((e) => e.view.id)).toEqual(['a', 'c']);
  });

  it('slots a late message between known ones by its timestamp', () => {
    const l = createMessageList(view, () => 0);
    l.merge([msg('a', T(1)), msg('c', T(3))], true);
    l.merge([msg('b', T(2))], true);
    expect(ids(l)).toEqual(['a', 'b', 'c']);
  });

  it('serves only messages seen in the transcript as the newest proven, and upgrades them when seen', () => {
    const l = createMessageList(view, () => 0);
    l.merge([msg('a', T(1))], true);
    l.merge([msg('posted', T(2))], false);
    expect(l.newestProven()?.view.id).toBe('a');
    l.merge([msg('posted', T(2))], true);
    expect(l.newestProven()?.view.id).toBe('posted');
  });

  it('clears everything', () => {
    const l = createMessageList(view, () => 0);
    l.merge([msg('a', T(1))], true);
    l.clear();
    expect(l.entries()).toHaveLength(0);
    expect(l.get('a')).toBeUndefined();
    expect(l.newestProven()).toBeUndefined();
  });

  it('sorts an unreadable timestamp as now rather than at the epoch', () => {
    expect(parseTimestamp('not a date', 1234)).toBe(1234);
    expect(parseTimestamp('2026-01-01T00:00:01.000Z', 0)).toBe(Date.UTC(2026, 0, 1, 0, 0, 1));
    const l = createMessageList(view, () => Date.UTC(2030, 0, 1));
    l.merge([msg('bad', 'garbage'), msg('ok', T(1))], true);
    expect(ids(l)).toEqual(['ok', 'bad']);
  });
});
