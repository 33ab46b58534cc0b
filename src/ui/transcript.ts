// The plain-text transcript: one line per message (time, sender, text) and the browser download of it.
// What counts as a message and how senders are named comes from the caller.

import type { I18n } from '../i18n/create-i18n';
import type { ChatMessage } from '../store/types';
import { isShown } from './group-messages';

export const buildTranscript = (messages: readonly ChatMessage[], nameOf: (senderId: string) => string, { fmt, dateTime }: I18n): string =>
  messages
    .filter(isShown)
    .map(({ bodyType: type, senderId, body, timestamp }) => {
      const name = nameOf(senderId);
      const text =
        type == 'member-join'
          ? fmt('joined', { name })
          : type == 'member-leave'
            ? fmt('leftChat', { name })
            : // Continuation lines are indented so every message still starts its own line.
              `${name}: ${body.replace(/\r?\n/g, '\n    ')}`;
      return `[${dateTime(timestamp)}] ${text}\n`;
    })
    .join('');

/** Starts a download of `text` as chat-transcript.txt (an anchor with `download`; no navigation, no popup). */
export function download(parent: Element, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/plain;charset=utf-8' }));
  const a = parent.appendChild(document.createElement('a'));
  a.href = url;
  a.download = 'chat-transcript.txt';
  a.click();
  a.remove();
  // Revoking at once can cancel the download in some browsers; a minute is plenty for it to start.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
