// The injected faults of emulator-control.md that concern HTTP requests: failRequests (with its glob and
// afterEffect), latencyMs and rejectSockets. Socket drops and stalls are actions on the stream hub.

import { EmulatorError } from './errors';

export const FAULT_STATUSES = [429, 500, 502, 503, 504] as const;
export type FaultStatus = (typeof FAULT_STATUSES)[number];

export interface FailRequests {
  status: FaultStatus;
  count: number;
  retryAfterSec?: number;
  match?: string;
  afterEffect: boolean;
}

export interface Faults {
  failRequests(spec: FailRequests): void;
  setLatency(ms: number): void;
  latencyMs(): number;
  rejectSockets(n: number): void;
  /** Consumes one rejection if any is left. */
  takeSocketRejection(): boolean;
  /** Consumes one failure if the request matches; returns what to answer. */
  takeRequestFailure(method: string, path: string): { error: EmulatorError; afterEffect: boolean } | undefined;
  clear(): void;
  describe(): object;
}

/** `*` matches any characters but `/`, `**` any characters including `/`; everything else is literal. */
export function globToRegExp(glob: string): RegExp {
  let source = '';
  for (let i = 0; i < glob.length; i++) {
    const ch = glob[i] as string;
    if (ch === '*') {
      if (glob[i + 1] === '*') {
        source += '.*';
        i++;
      } else source += '[^/]*';
    } else source += ch.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${source}$`, 's');
}

export function faultError(status: FaultStatus, retryAfterSec: number | undefined): EmulatorError {
  switch (status) {
    case 429:
      return retryAfterSec !== undefined
        ? new EmulatorError(429, 'too.many.requests.retry.after', { params: [retryAfterSec], headers: { 'Retry-After': String(retryAfterSec) } })
        : // Uncertain: the real limits are unpublished (§14.11); these numbers only fill the template.
          new EmulatorError(429, 'too.many.requests', { params: [180, 60] });
    case 500:
      return new EmulatorError(500, 'internal.server.error');
    case 502:
      return new EmulatorError(502, 'bad.gateway');
    case 503:
      return new EmulatorError(503, 'service.unavailable');
    case 504:
      return new EmulatorError(504, 'request.timeout');
  }
}

export function createFaults(): Faults {
  let fail: (FailRequests & { pattern?: RegExp }) | undefined;
  let latency = 0;
  let rejections = 0;
  return {
    failRequests(spec) {
      fail = spec.count > 0 ? { ...spec, ...(spec.match !== undefined ? { pattern: globToRegExp(spec.match) } : {}) } : undefined;
    },
    setLatency: (ms) => void (latency = ms),
    latencyMs: () => latency,
    rejectSockets: (n) => void (rejections = n),
    takeSocketRejection() {
      if (rejections <= 0) return false;
      rejections--;
      return true;
    },
    takeRequestFailure(method, path) {
      if (!fail || (fail.pattern && !fail.pattern.test(`${method.toUpperCase()} ${path}`))) return undefined;
      const spec = fail;
      if (--spec.count <= 0) fail = undefined;
      return { error: faultError(spec.status, spec.retryAfterSec), afterEffect: spec.afterEffect };
    },
    clear() {
      fail = undefined;
      latency = 0;
      rejections = 0;
    },
    describe: () => ({
      latencyMs: latency,
      rejectSockets: rejections,
      ...(fail
        ? { failRequests: { status: fail.status, count: fail.count, afterEffect: fail.afterEffect, ...(fail.match !== undefined ? { match: fail.match } : {}), ...(fail.retryAfterSec !== undefined ? { retryAfterSec: fail.retryAfterSec } : {}) } }
        : {}),
    }),
  };
}
