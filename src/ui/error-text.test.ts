import { describe, expect, it } from 'vitest';
import { createI18n } from '../i18n/create-i18n';
import type { ChatErrorCode } from '../store/types';
import { errorText } from './error-text';

const en = createI18n({ locale: 'en' }).t;

describe('errorText', () => {
  it('gives every error code a localized sentence, "try again" only where trying again can help', () => {
    const codes: ChatErrorCode[] = ['network', 'rejected', 'origin-not-allowed', 'deployment-disabled', 'auth-required', 'auth-failed', 'not-found', 'rate-limited', 'server', 'session-expired'];
    const texts = new Set(Object.values(en));
    for (const code of codes) expect(texts.has(errorText(en, code)), code).toBe(true);
    for (const code of ['network', 'server', 'rate-limited'] as const) expect(errorText(en, code)).toBe(en.errRetry);
    for (const code of ['origin-not-allowed', 'deployment-disabled', 'not-found', 'auth-required', 'auth-failed', 'rejected'] as const)
      expect(errorText(en, code)).toBe(en.errSetup);
  });

  it('falls back to "not available" for a code it does not know', () => {
    expect(errorText(en, 'brand-new' as ChatErrorCode)).toBe(en.errSetup);
    expect(errorText(en, undefined)).toBe(en.errSetup);
  });
});
