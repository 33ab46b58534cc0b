// One message as an article: sender, time and text (or a join/leave/notice line), with the guest's own
// sending/failed state and Retry; and syncRows, which keeps a block's articles in step with its messages without a
// component, vnodes or element references per row (docs/decisions/043).

import { render } from 'preact';
import type { I18n } from '../i18n/create-i18n';
import type { ChatMessage } from '../store/types';
import { tokenize } from './linkify';
import { avatar } from './people';

/** What one article is drawn from. */
export interface RowProps {
  /** The draft's local id once it has one (kept after the server id replaces it), else the message id. */
  key: string;
  m: ChatMessage;
  /** Opens a group: shows the name, avatar and time. Continuations keep the name for screen readers only. */
  first: boolean;
  name: string;
  /** The sender's avatar URL (unchecked); undefined for the guest's own messages. */
  pic: string | undefined;
}

/** Message text as text nodes and anchors built from linkify's tokens; never through an HTML parser. */
const rich = (text: string) =>
  tokenize(text).map(({ text, href }) =>
    href ? (
      <a href={href} target="_blank" rel="noopener noreferrer">
        {text}
      </a>
    ) : (
      text
    ),
  );

/**
 * Makes the children of `to` look like those of `from` (a fresh drawing of the same row). Nodes that still match
 * (tag, attributes, text) are kept and their children patched; one that changed in place is replaced alone; others
 * are inserted or removed. Updates (a status, a name that arrived) thus touch only what changed, as Preact would,
 * and do not re-add the rest of the row to the live log. A kept Retry button keeps its first handler, which is
 * right: a failed draft's id does not change.
 */
function patch(to: Node, from: Node) {
  let old = to.firstChild;
  for (const node of [...from.childNodes]) {
    if (old?.cloneNode().isEqualNode(node.cloneNode())) {
      patch(old, node);
      old = old.nextSibling;
      continue;
    }
    to.insertBefore(node, old);
    if (old?.nodeName == node.nodeName) old = drop(old);
  }
  while (old) old = drop(old);
}

/** Removes `node`; returns its next sibling. */
const drop = (node: ChildNode) => {
  const next = node.nextSibling;
  node.remove();
  return next;
};

/**
 * Makes the articles in `box` those of `next`, given the rows they were last drawn from (`drawn`, in DOM order),
 * and returns `next` to be passed as `drawn` the next time. A row whose message, group start, name and avatar are
 * the same is not touched; a changed one is drawn again and patched in place; a new one is drawn and inserted;
 * rows that went are removed. Each row is drawn with Preact into a detached node, so no vnodes stay behind, and
 * nothing per row is kept but its RowProps: articles are found by position, so no element is referenced from JS
 * either (a kept reference would keep its wrapper alive). Together these were most of a long chat's heap.
 */
export function syncRows(box: Element, drawn: readonly RowProps[], next: readonly RowProps[], i18n: I18n, retry: (id: string) => Promise<void>) {
  const els = [...box.children];
  const at = new Map(drawn.map((row, i) => [row.key, i]));
  next.forEach((row, i) => {
    const j = at.get(row.key);
    // Taken once: should two rows ever share a key (a draft and its echo in one passing state), the second gets an
    // article of its own instead of pulling the first one's away.
    at.delete(row.key);
    const was = j == null ? undefined : drawn[j];
    let el = j == null ? undefined : els[j];
    if (!el || !was || was.m != row.m || was.first != row.first || was.name != row.name || was.pic != row.pic) {
      const holder = document.createElement('div');
      render(draw(row, i18n, retry), holder);
      const fresh = holder.firstChild as Element;
      if (el) {
        el.className = fresh.className;
        patch(el, fresh);
      } else el = fresh;
    }
    if (box.children[i] != el) box.insertBefore(el, box.children[i] ?? null);
  });
  // Every kept or new article now stands at its place, in order: whatever follows them went.
  while (box.children.length > next.length) box.lastElementChild!.remove();
  return next;
}

/** The whole article, as the props show it. */
function draw({ m, first, name, pic }: RowProps, i18n: I18n, retry: (id: string) => Promise<void>) {
  const { t } = i18n;
  const { bodyType: type, own } = m;
  const time = <time>{i18n.time(m.timestamp)}</time>;
  if (type != 'standard') {
    const join = type == 'member-join' ? 'joined' : type == 'member-leave' ? 'leftChat' : 0;
    return (
      <article class={join ? 'sys' : 'sys note'}>
        <p>
          {join ? i18n.fmt(join, { name }) : [<span class="sr">{name}: </span>, rich(m.body)]}
          {' · '}
          {time}
        </p>
      </article>
    );
  }
  return (
    <article class={`msg${own ? ' own' : ''}${first ? ' first' : ''}`}>
      {!own && first && avatar(name, pic)}
      <div class="col">
        <p class={first ? 'meta' : 'sr'}>
          <span class={own ? 'sr' : 'who'}>{name}</span> {time}
        </p>
        <p class="bub" dir="auto">
          {rich(m.body)}
        </p>
        {m.status == 'sending' && <p class="st late">{t.sending}</p>}
        {m.status == 'failed' && (
          <p class="st err">
            {t.failed}
            <button class="btn retry" onClick={() => retry(m.id).catch(() => {})}>
              {t.retry}
            </button>
          </p>
        )}
      </div>
    </article>
  );
}
