// How the UI names and pictures members: display names with role fallbacks, initials, safe avatar URLs.
// Who is a member and what their record holds is the store's business.

import type { Strings } from '../i18n/create-i18n';
import type { ChatMember } from '../store/types';
import { safeHref } from './linkify';

/** A member's display name, or their role's name ("Agent") while the lookup is pending or when none is set. */
export const memberName = (member: ChatMember | undefined, t: Strings, fallback?: string): string =>
  member?.name?.trim() || fallback || t[member?.role ?? 'AGENT'];

/** Up to two initials ("Grace Hopper" → "GH"), by code point so emoji and astral letters stay whole. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/);
  const first = (w = '') => [...w][0] ?? '';
  return (first(words[0]) + (words[1] ? first(words.at(-1)) : '')).toLocaleUpperCase();
}

/** The avatar URL if it is absolute http(s); anything else (javascript:, data:, relative) is dropped. */
export const avatarSrc = (url = '') => (/^https?:\/\//i.test(url) ? safeHref(url) : undefined);

/**
 * The member's initials with their picture over them; a picture that fails to load hides and the initials show.
 * Decorative: the name is always written next to it.
 */
export const avatar = (name: string, url: string | undefined) => {
  const src = avatarSrc(url);
  return (
    <span class="av" aria-hidden>
      {initials(name)}
      {src && <img src={src} alt="" referrerpolicy="no-referrer" onError={(e) => (e.currentTarget.hidden = true)} />}
    </span>
  );
};
