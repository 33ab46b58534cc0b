// Reads what the store needs from a failed API call (status, code, Retry-After) and turns it into a ChatError.
// The store may not import api/ at runtime, so it recognises an ApiError by its shape, never by its class.

import type { ChatError, ChatErrorCode } from './types';

/**
 * What the store knows about a failure: `status` 0 means no answer (or not an API error at all). An ApiError is one
 * as it is (`retryAfterMs` parsed from Retry-After, `retryable` false for a request refused before it left).
 */
export interface FailureInfo {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly retryAfterMs?: number | undefined;
  readonly retryable?: boolean | undefined;
}

/** Reads an ApiError-shaped value (`{ status, code, message, retryable, retryAfterMs? }`) out of anything thrown. */
export const failureInfo = (e: unknown): FailureInfo => {
  const o = Object(e) as Partial<FailureInfo>;
  return typeof o.status === 'number' && typeof o.code === 'string'
    ? (o as FailureInfo)
    : { status: 0, code: 'unknown', message: String((e as Error | null | undefined)?.message ?? e) };
};

/** 5xx and no answer: the service may have done the work (webchat-v2.md §13), so a POST must be verified first. */
export const isAmbiguous = ({ status, retryable }: FailureInfo): boolean =>
  status ? status === 408 || status >= 500 : retryable !== false;

/**
 * 401/403/404 on the guest's own conversation: the JWT no longer opens it, the chat is over (webchat-v2.md §2, §13).
 * A 404 `chat.error.not.found` names a missing sub-resource (another member, a media request), not the conversation,
 * unless the call was about one of our own resources (`own`: our member, our listings).
 */
export const isSessionGone = ({ status, code }: FailureInfo, own?: boolean): boolean =>
  status === 401 || status === 403 || (status === 404 && (own || code !== 'chat.error.not.found'));

/** API error codes with a code of their own for the UI; other 4xx are `rejected` (a 404 `not-found`). */
const CODES = new Map<string, ChatErrorCode>([
  ['origin.not.allowed', 'origin-not-allowed'],
  ['chat.deployment.disabled', 'deployment-disabled'],
  ['chat.deployment.require.auth', 'auth-required'],
  ['chat.deployment.bad.auth', 'auth-failed'],
  ['credentials.expired', 'auth-failed'],
  ['chat.error.invalid.queue', 'not-found'],
]);

export function toChatError(e: unknown): ChatError {
  const { status, code, message } = failureInfo(e);
  return chatError(
    !status ? 'network' : status === 429 ? 'rate-limited' : status >= 500 || status === 408 ? 'server' : (CODES.get(code) ?? (status === 404 ? 'not-found' : 'rejected')),
    message,
    status,
  );
}

/** A ChatError; `status` 0 (no answer) or none leaves `status` out. */
export const chatError = (code: ChatErrorCode, message: string, status?: number): ChatError => {
  const error: ChatError = { code, message };
  if (status) error.status = status;
  return error;
};
