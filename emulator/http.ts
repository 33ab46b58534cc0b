// HTTP plumbing shared by the API, OAuth and control routes: the request/response types, URL and route matching,
// and body reading with the spec's Content-Type (415) and size (413) rules. What each route does lives in routes/.

import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';
import { limits } from '../src/protocol/paths';
import { EmulatorError, fail } from './errors';

export interface ApiRequest {
  method: string;
  /** Path without query, not decoded. */
  path: string;
  /** Path and query exactly as requested (a message listing's `selfUri`). */
  pathAndQuery: string;
  query: URLSearchParams;
  /** Decoded path parameters of the matched route. */
  params: Record<string, string>;
  headers: IncomingHttpHeaders;
  /** `host:port` the client addressed (for `eventStreamUri`). */
  host: string;
  /** The body as JSON, `undefined` when empty. Throws 415 / 413 / 400 `bad.request`. */
  json(): Promise<unknown>;
  /** The body's bytes (for form bodies, or to enforce the size limit on a body that is ignored). */
  raw(): Promise<Buffer>;
}

export interface ApiResponse {
  status: number;
  /** Serialised as JSON unless `text` is given. */
  body?: unknown;
  text?: string;
  contentType?: string;
  headers?: Record<string, string>;
}

export const json = (status: number, body: unknown, headers?: Record<string, string>): ApiResponse => ({ status, body, ...(headers ? { headers } : {}) });
export const noContent = (): ApiResponse => ({ status: 204 });

export type Handler = (req: ApiRequest) => Promise<ApiResponse>;

export interface Route {
  method: string;
  /** Segments with `:name` parameters, e.g. `/api/v2/webchat/deployments/:id`. */
  pattern: string;
  handler: Handler;
}

export type RouteMatch = { kind: 'found'; route: Route; params: Record<string, string> } | { kind: 'none' } | { kind: 'method'; allow: string[] };

/** 404 when no pattern fits the path; 405 (with the methods it has) when one fits but not with this method. */
export function matchRoute(routes: readonly Route[], method: string, path: string): RouteMatch {
  const segments = path.split('/');
  const allow: string[] = [];
  for (const route of routes) {
    const params = matchPattern(route.pattern, segments);
    if (!params) continue;
    if (route.method === method) return { kind: 'found', route, params };
    allow.push(route.method);
  }
  return allow.length ? { kind: 'method', allow } : { kind: 'none' };
}

function matchPattern(pattern: string, segments: string[]): Record<string, string> | undefined {
  const parts = pattern.split('/');
  if (parts.length !== segments.length) return undefined;
  const params: Record<string, string> = {};
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i] as string;
    const seg = segments[i] as string;
    if (part.startsWith(':')) {
      if (seg === '') return undefined;
      try {
        params[part.slice(1)] = decodeURIComponent(seg);
      } catch {
        return undefined; // a garbled %-escape is no id of ours: 404
      }
    } else if (part !== seg) return undefined;
  }
  return params;
}

/** Splits a request target into path and query without trusting it to be a well-formed URL. */
export function splitUrl(url: string | undefined): { path: string; query: URLSearchParams; pathAndQuery: string } {
  let target = url ?? '/';
  if (!target.startsWith('/')) {
    // absolute-form (`GET http://host/path`): keep only path and query
    try {
      const u = new URL(target);
      target = u.pathname + u.search;
    } catch {
      target = '/';
    }
  }
  const q = target.indexOf('?');
  const path = q < 0 ? target : target.slice(0, q);
  return { path, query: new URLSearchParams(q < 0 ? '' : target.slice(q + 1)), pathAndQuery: target };
}

const JSON_TYPE = /^\s*(application\/json|text\/json|[a-z0-9!#$&^_.+-]+\/[a-z0-9!#$&^_.-]+\+json)\s*(;.*)?$/i;

/** `application/json`, `text/json` or `…+json`, any parameters, case-insensitive (webchat-v2.md §1). */
export const isJsonContentType = (value: string): boolean => JSON_TYPE.test(value);

export const hasBody = (req: IncomingMessage): boolean => {
  const length = req.headers['content-length'];
  if (length !== undefined) return Number(length) > 0;
  return req.headers['transfer-encoding'] !== undefined;
};

const tooLarge = () =>
  new EmulatorError(413, 'request.entity.too.large', { params: [limits.requestBodyMaxBytes], headers: { Connection: 'close' } });

/**
 * Reads the whole body, refusing with 413 as soon as it is known to exceed 1 MiB — from Content-Length before
 * reading anything, or mid-stream — without reading further (the rest is discarded unread-into-memory).
 */
export function readBody(req: IncomingMessage, maxBytes: number = limits.requestBodyMaxBytes): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > maxBytes) {
      req.resume();
      reject(tooLarge());
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) {
        cleanup();
        req.on('data', () => {});
        reject(tooLarge());
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks));
    };
    const onError = () => {
      cleanup();
      reject(fail.badRequest());
    };
    const cleanup = () => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/** Parses a JSON body; undefined when empty. Malformed JSON or bytes that are not UTF-8 → 400 `bad.request`. */
export function parseJson(bytes: Buffer): unknown {
  if (bytes.length === 0) return undefined;
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw fail.badRequest();
  }
  if (text.trim() === '') return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw fail.badRequest();
  }
}

/** Wraps a Node request into an ApiRequest; the body is read at most once, on first demand. */
export function toApiRequest(req: IncomingMessage, params: Record<string, string>, fallbackHost: string): ApiRequest {
  const { path, query, pathAndQuery } = splitUrl(req.url);
  let bytes: Promise<Buffer> | undefined;
  const raw = () => (bytes ??= readBody(req));
  const hostHeader = req.headers.host ?? '';
  return {
    method: req.method ?? 'GET',
    path,
    pathAndQuery,
    query,
    params,
    headers: req.headers,
    host: /^[A-Za-z0-9.\-:[\]]{1,255}$/.test(hostHeader) ? hostHeader : fallbackHost,
    raw,
    async json() {
      const type = req.headers['content-type'];
      if (type !== undefined && hasBody(req) && !isJsonContentType(type)) {
        req.resume();
        throw new EmulatorError(415, 'unsupported.media.type');
      }
      return parseJson(await raw());
    },
  };
}
