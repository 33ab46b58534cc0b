// One message as an article: sender, time and text (or a join/leave/notice line), with the guest's own
// sending/failed state and Retry. Re-renders only when its own props change (Pure), and keeps no vnodes for its
// content (see MessageRow).

import { Component, createRef, render } from 'preact';
import type { I18n } from '../i18n/create-i18n';
import type { ChatMessage } from '../store/types';
import { tokenize } from './linkify';
import { avatar } from './people';

export interface MessageRowProps {
  m: ChatMessage;
  /** Opens a group: shows the name, avatar and time. Continuations keep the name for screen readers only. */
  first: boolean;
  name: string;
  /** The sender's avatar URL (unchecked); undefined for the guest's own messages. */
  pic: string | undefined;
  i18n: I18n;
  retry: (id: string) => Promise<void>;
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
 * A component that re-renders only when one of its props changed; an array prop (a block's slice of messages)
 * counts as changed only when one of its elements did. Callers keep function props the same across renders.
 */
export abstract class Pure<P extends object> extends Component<P> {
  override shouldComponentUpdate(next: P): boolean {
    const p = this.props as Record<string, unknown>;
    return Object.entries(next).some(([k, v]) => {
      const was = p[k];
      return Array.isArray(v) && Array.isArray(was) ? was.length != v.length || v.some((x, i) => x != was[i]) : was != v;
    });
  }
}

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
 * Preact keeps only the article element: the row is drawn by Preact into a detached node and patched into it, so
 * that no vnodes stay behind for the content (they held most of a long chat's memory: docs/decisions/043).
 */
export class MessageRow extends Pure<MessageRowProps> {
  private readonly article = createRef<HTMLElement>();

  override render() {
    return <article ref={this.article} />;
  }

  override componentDidMount() {
    this.componentDidUpdate();
  }

  override componentDidUpdate() {
    const box = document.createElement('div');
    render(draw(this.props), box);
    const [article, drawn] = [this.article.current!, box.firstChild as Element];
    article.className = drawn.className;
    patch(article, drawn);
  }
}

/** The whole article, as the props show it. */
function draw({ m, first, name, pic, i18n, retry }: MessageRowProps) {
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
