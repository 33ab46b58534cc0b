// Turns a ChatError code into the guest's language. Server messages are never shown: they are English,
// technical, and not ours to vouch for.

import type { Strings } from '../i18n/create-i18n';
import type { ChatErrorCode } from '../store/types';

/** Worth trying again (network, overload) or not (this site or deployment cannot chat now). */
export const errorText = (t: Strings, code: ChatErrorCode | undefined): string =>
  code == 'network' || code == 'server' || code == 'rate-limited' ? t.errRetry : t.errSetup;
