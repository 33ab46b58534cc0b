import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/create-i18n';
import type { ChatMessage } from '../store/types';
import { buildTranscript } from './transcript';

const i18n = createI18n({ locale: 'en' });
const at = Date.UTC(2026, 0, 5, 10, 30);
const msg = (over: Partial<ChatMessage>): ChatMessage => ({ id: 'm', bodyType: 'standard', body: '', senderId: 'a', timestamp: at, own: false, status: 'sent', ...over });
const names: Record<string, string> = { a: 'Grace', g: 'Maria' };

describe('buildTranscript', () => {
  it('writes one line per message with time, sender name and text, joins and leaves as sentences', () => {
    const text = buildTranscript(
      [
        msg({ bodyType: 'member-join' }),
        msg({ body: 'Hello <b>there</b>' }),
        msg({ senderId: 'g', own: true, body: 'Hi!' }),
        msg({ bodyType: 'media-request', body: 'mr-1' }),
        msg({ bodyType: 'member-leave' }),
      ],
      (id) => names[id] ?? '?',
      i18n,
    );
    const stamp = `[${i18n.dateTime(at)}]`;
    expect(text.split('\n')).toEqual([
      `${stamp} Grace joined the chat`,
      `${stamp} Grace: Hello <b>there</b>`,
      `${stamp} Maria: Hi!`,
      `${stamp} Grace left the chat`,
      '',
    ]);
  });

  it('indents the continuation lines of a multi-line message', () => {
    const text = buildTranscript([msg({ body: 'one\r\ntwo\nthree' })], () => 'Grace', i18n);
    expect(text).toContain('Grace: one\n    two\n    three\n');
  });

  it('is empty for an empty chat', () => {
    expect(buildTranscript([], () => '', i18n)).toBe('');
  });
});
