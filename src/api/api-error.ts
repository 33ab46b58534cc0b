// The REST client's one error class: every failure of an API call reaches callers as an ApiError, built from the
// service's ErrorBody (webchat-v2.md §5) when there is one. Deciding what an error means for a chat is the store's job.

import type { ErrorBody } from '../protocol/models';

/** Statuses after which the same request may succeed: no answer, timeouts, rate limits and server errors. */
const RETRYABLE_STATUSES = [0, 408, 429, 500, 502, 503, 504];

export interface ApiErrorInit {
  status: number;
  code: string;
  message: string;
  retryAfterMs?: number | undefined;
  contextId?: string | null | undefined;
  body?: ErrorBody | undefined;
  /** Overrides the rule by status (a refused URL has status 0 but repeating it cannot help). */
  retryable?: boolean;
}

/**
 * A failed API call. `status` is the HTTP status, or 0 when no answer arrived. `code` is the ErrorBody's code (key on
 * it and on `status`, never on `message`), OAuth's `error`, `http.<status>` for a body that is neither, or one of the
 * client's own: `network.error` (no answer, status 0), `client.timeout` (none within the timeout, status 0),
 * `client.invalid.response` (a success whose body is not what the API defines) and `client.invalid.url` (a paging
 * link the client refuses to follow, status 0).
 */
export class ApiError extends Error {
  declare readonly status: number;
  declare readonly code: string;
  /** True when repeating the same request may succeed (status 0, 408, 429, 500, 502, 503, 504). */
  declare readonly retryable: boolean;
  /** From `Retry-After` (seconds or an HTTP date), when the answer carried one. */
  declare readonly retryAfterMs?: number;
  /** The `ININ-Correlation-Id` of the answer: what Genesys support asks for. */
  declare readonly contextId?: string;
  /** The decoded ErrorBody, when the answer carried one (for `details`). */
  declare readonly body?: ErrorBody;

  constructor(init: ApiErrorInit) {
    super(init.message);
    this.name = 'ApiError';
    this.retryable = RETRYABLE_STATUSES.includes(init.status);
    // Absent stays absent: no own `retryAfterMs: undefined` for callers that list an error's fields.
    for (const [k, v] of Object.entries(init)) if (v != null) (this as unknown as Record<string, unknown>)[k] = v;
  }
}
