// The server's messages of one chat: deduplicated by id and ordered by timestamp, ties in the order the
// service gave them (webchat-v2.md §3.1 item 7: ids carry no order, never compare them). Drafts are chat-model's.

import type { WebChatMessage } from '../protocol/models';
import type { ChatMessage } from './types';

export interface ServerEntry {
  /**
   * The message as decoded, kept only until chat-model has emitted its `message` event (or knows it never will):
   * the view holds all the UI needs, and a long chat should not carry every decoded copy (sender and conversation
   * objects, the ISO timestamp) twice.
   */
  message?: WebChatMessage | undefined;
  /** `timestamp` in ms, parsed once. */
  readonly at: number;
  /**
   * True once the message was seen on the stream or in a REST listing, i.e. in the service's own ordered
   * transcript. A message known only from its POST answer may have unseen messages before it, so it never serves
   * as the catch-up cursor.
   */
  proven: boolean;
  view: ChatMessage;
}

export interface MessageList {
  get(id: string): ServerEntry | undefined;
  /**
   * Adds the messages not known yet and returns them (in list order). `older`: a history page, placed before
   * known messages of the same time (news goes after them). `proven` marks the batch as coming from the service's
   * ordered transcript (stream or REST); known messages are upgraded to proven, never changed otherwise.
   */
  merge(messages: readonly WebChatMessage[], proven: boolean, older?: boolean): ServerEntry[];
  /** The entries in order (the list's own array: read, never keep). */
  entries(): readonly ServerEntry[];
  /** The newest message seen in the service's transcript: everything up to it is known once a catch-up ended. */
  newestProven(): ServerEntry | undefined;
  clear(): void;
}

/** Milliseconds of an ISO timestamp; an unreadable one sorts as "now" rather than at the epoch. */
export function parseTimestamp(ts: string, fallback: number): number {
  const at = Date.parse(ts);
  return at === at ? at : fallback; // NaN is the only value unequal to itself
}

export function createMessageList(view: (m: WebChatMessage, at: number) => ChatMessage, now: () => number): MessageList {
  let list: ServerEntry[] = [];
  const byId = new Map<string, ServerEntry>();

  return {
    get: (id) => byId.get(id),
    entries: () => list,
    clear() {
      list = [];
      byId.clear();
    },
    newestProven() {
      for (let i = list.length; i--; ) if (list[i]?.proven) return list[i];
    },
    merge(messages, proven, older) {
      const fresh = new Set<ServerEntry>();
      /** The batch as entries (known ones included): its order is the service's, the only tie-breaker there is. */
      const batch: ServerEntry[] = [];
      for (const m of messages) {
        let e = byId.get(m.id);
        if (!e) {
          const at = parseTimestamp(m.timestamp, now());
          byId.set(m.id, (e = { message: m, at, proven, view: view(m, at) }));
          fresh.add(e);
        } else if (proven) e.proven = true;
        if (!batch.includes(e)) batch.push(e);
      }
      batch.forEach((e, i) => {
        if (!fresh.has(e)) return;
        // By timestamp, and among equal timestamps by the batch's order: right before the next batch entry already
        // placed with the same time, else right after the previous one (placed already: known, or fresh and
        // inserted just before), else after every entry of that time for news and before them for history.
        const { at } = e;
        let k = -1;
        for (let j = i + 1; k < 0 && batch[j]?.at === at; j++) k = list.indexOf(batch[j] as ServerEntry);
        const previous = batch[i - 1];
        if (k < 0 && previous?.at === at) k = list.indexOf(previous) + 1;
        if (k < 0) k = list.findIndex((x) => (older ? x.at >= at : x.at > at));
        list.splice(k < 0 ? list.length : k, 0, e);
      });
      return list.filter((e) => fresh.has(e));
    },
  };
}
