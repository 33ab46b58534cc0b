// The message log: every message in the DOM, in order, as rows inside memoized blocks, so a new message draws
// one new row and compares one block; "Load earlier messages" on top; and following
// the newest message unless the guest scrolled up.

import { createRef, type RefObject } from 'preact';
import type { I18n } from '../i18n/create-i18n';
import type { ChatMember, ChatMessage } from '../store/types';
import { isShown, startsGroup } from './group-messages';
import { type RowProps, syncRows } from './MessageRow';
import { type Own, Pure, reactive } from './reactive';
import type { Ui } from './ui';

const BLOCK_SIZE = 64;

/** A draft keeps its local id as key after the server id replaces it, so its row keeps its DOM node. */
const keyOf = (m: ChatMessage | undefined) => m && (m.localId ?? m.id);

interface BlockProps {
  items: readonly ChatMessage[];
  /** The message just before this block, for grouping its first row. */
  prev: ChatMessage | undefined;
  /** What names depend on: the members and the guest's own member id. */
  members: ReadonlyMap<string, ChatMember>;
  me: string | undefined;
  nameOf: (senderId: string) => string;
  i18n: I18n;
  retry: (id: string) => Promise<void>;
}

/**
 * A run of up to BLOCK_SIZE rows that updates only when one of its own messages, the message before it, the
 * members or the guest's member id changed: a new message at the end touches the last block only. Preact renders
 * only the block's element; its articles are syncRows' (see there for why).
 */
class Block extends Pure<BlockProps> {
  private readonly box = createRef<HTMLDivElement>();
  /** The rows as last drawn, in DOM order. */
  private drawn: readonly RowProps[] = [];

  override render() {
    return <div ref={this.box} />;
  }

  override componentDidMount() {
    this.componentDidUpdate();
  }

  override componentDidUpdate() {
    const { items, prev, members, nameOf, i18n, retry } = this.props;
    // Names per sender, not per message: a block holds few senders.
    const names = new Map<string, string>();
    const rows = items.map((m, i): RowProps => {
      const id = m.senderId;
      let name = names.get(id);
      if (name == null) names.set(id, (name = nameOf(id)));
      return { key: keyOf(m)!, m, first: startsGroup(i ? items[i - 1] : prev, m), name, pic: m.own ? undefined : members.get(id)?.avatarImageUrl };
    });
    this.drawn = syncRows(this.box.current!, this.drawn, rows, i18n, retry);
  }
}

/**
 * `stick`: follow the bottom; `auto`: the last scroll was ours, not the guest's.
 * `first`/`shift`: blocks are numbered from the first message ever shown, so history loaded on top
 * gets blocks of its own (negative numbers) and the existing blocks and rows keep their DOM.
 */
interface View {
  stick: boolean;
  auto: boolean;
  first: string;
  shift: number;
}

export const MessageList = reactive(({ ui }: { ui: Ui }, own: Own<{ log: RefObject<HTMLDivElement | null>; view: View }>) => {
  const { chat, i18n } = ui;
  const log = (own.log ??= createRef());
  const view = (own.view ??= { stick: true, auto: false, first: '', shift: 0 });

  // The list grows with new messages and when rows render at their real height (content-visibility), and the log
  // itself gets shorter when something takes room below or above it (the ended notice, the reconnecting banner):
  // stay at the bottom through all of it. History put on top keeps its place by scroll anchoring.
  own.layout(() => {
    const el = log.current!;
    const ro = new ResizeObserver(() => {
      if (!view.stick) return;
      const top = el.scrollTop;
      el.scrollTop = el.scrollHeight;
      // Only a scroll that happened sends a scroll event to be recognised as ours; a flag set for none would make
      // the guest's next scroll count as ours.
      if (el.scrollTop != top) view.auto = true;
    });
    ro.observe(el.lastElementChild!);
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const shown = chat.messages.value.filter(isShown);
  const first = keyOf(shown[0]) ?? '';
  if (first != view.first) {
    const moved = shown.findIndex((m) => keyOf(m) == view.first);
    if (moved > 0) view.shift += moved;
    view.first = first;
  }
  const blocks = [];
  for (let start = 0; start < shown.length; ) {
    const n = Math.floor((start - view.shift) / BLOCK_SIZE);
    const end = Math.min(shown.length, view.shift + (n + 1) * BLOCK_SIZE);
    blocks.push(
      <Block
        key={n}
        items={shown.slice(start, end)}
        prev={shown[start - 1]}
        members={chat.members.value}
        me={chat.memberId.value}
        // The same functions every render (the Chat's and the Ui's own), so memoized blocks can skip.
        nameOf={ui.nameOf}
        i18n={i18n}
        retry={chat.retry}
      />,
    );
    start = end;
  }

  return (
    <div
      ref={log}
      class="log"
      role="log"
      aria-label={i18n.t.messages}
      aria-live="polite"
      // Focusable so keyboard users can scroll it (WCAG 2.1.1).
      tabIndex={0}
      onScroll={() => {
        const el = log.current!;
        // Our own scroll to the bottom says nothing about where the guest wants to be.
        if (view.auto) view.auto = false;
        else view.stick = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
      }}
    >
      {chat.hasEarlier.value && (
        <button
          class="btn ghost earlier"
          disabled={chat.loadingEarlier.value}
          onClick={() => {
            view.stick = false;
            chat.loadEarlier().catch(() => {});
          }}
        >
          {i18n.t.earlier}
        </button>
      )}
      <div>{blocks}</div>
    </div>
  );
});
