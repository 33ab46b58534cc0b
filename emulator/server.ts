// The node:http server: correlation ids, CORS, route dispatch (API, OAuth, control API, agent console), the
// request faults and latency, and turning every error into an answer — never a crash, never a hang.
// What each path does lives in routes/, control.ts and agent-console.ts.

import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { delay, type TimerScope } from './clock';
import { EmulatorError, errorBody } from './errors';
import type { Faults } from './faults';
import { matchRoute, splitUrl, toApiRequest, type ApiResponse, type Route } from './http';
import type { StreamHub } from './stream-hub';

export interface ServerOptions {
  apiRoutes: Route[];
  oauthRoutes: Route[];
  controlRoutes: Route[];
  /** The agent console page (served at /agent). */
  consolePage(): string;
  hub: StreamHub;
  faults: Faults;
  timers: TimerScope;
  /** Demanded by the control API and console when bound off loopback; undefined = open. */
  controlToken: string | undefined;
  /** `host:port` used when a request's Host header is unusable. */
  fallbackHost(): string;
  log(message: string): void;
}

const CORS_ALLOW_METHODS = 'GET, POST, PUT, PATCH, DELETE, OPTIONS';
// Inferred (§10): exactly what the official widget needs. A client that sends other headers would fail against
// the real service's preflight too, so the emulator does not echo Access-Control-Request-Headers.
const CORS_ALLOW_HEADERS = 'Authorization, Content-Type, Accept';
const CORS_EXPOSE_HEADERS = 'ININ-Correlation-Id, Retry-After';

export function isControlAllowed(req: IncomingMessage, token: string | undefined): boolean {
  if (token === undefined) return true;
  const header = typeof req.headers.authorization === 'string' ? req.headers.authorization : '';
  const m = /^\s*bearer\s+(\S+)\s*$/i.exec(header);
  const given = m?.[1] ?? splitUrl(req.url).query.get('token') ?? '';
  return given === token;
}

export function createHttpServer(options: ServerOptions): Server {
  const { faults, timers } = options;
  const server = createServer({ requestTimeout: 60_000 });

  async function dispatch(routes: Route[], req: IncomingMessage, path: string): Promise<ApiResponse> {
    const method = req.method ?? 'GET';
    const match = matchRoute(routes, method, path);
    if (match.kind === 'none') throw new EmulatorError(404, 'not.found');
    if (match.kind === 'method') {
      throw new EmulatorError(405, 'method.not.allowed', { params: [method.slice(0, 20)], headers: { Allow: match.allow.join(', ') } });
    }
    return match.route.handler(toApiRequest(req, match.params, options.fallbackHost()));
  }

  const errorResponse = (e: unknown, correlationId: string): ApiResponse => {
    let error: EmulatorError;
    if (e instanceof EmulatorError) error = e;
    else {
      options.log(`emulator: unexpected error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      error = new EmulatorError(500, 'internal.server.error');
    }
    return { status: error.status, body: errorBody(error, correlationId), headers: error.headers };
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<ApiResponse> {
    const correlationId = res.getHeader('ININ-Correlation-Id') as string;
    const { path } = splitUrl(req.url);
    const method = req.method ?? 'GET';
    const isApi = path.startsWith('/api/');
    const isOauth = path.startsWith('/oauth/');

    if (method === 'OPTIONS' && (isApi || isOauth)) {
      return {
        status: 204,
        headers: { 'Access-Control-Allow-Methods': CORS_ALLOW_METHODS, 'Access-Control-Allow-Headers': CORS_ALLOW_HEADERS, 'Access-Control-Max-Age': '600' },
      };
    }

    try {
      if (path === '/favicon.ico') return { status: 204 }; // keeps the console's browser log clean
      if (path === '/agent' || path === '/agent/') {
        if (!isControlAllowed(req, options.controlToken)) {
          return { status: 401, text: 'This agent console needs ?token=<controlToken> (printed at start-up).', contentType: 'text/plain; charset=utf-8' };
        }
        return { status: 200, text: options.consolePage(), contentType: 'text/html; charset=utf-8', headers: { 'Cache-Control': 'no-store' } };
      }
      if (path === '/_emulator' || path.startsWith('/_emulator/')) {
        if (!isControlAllowed(req, options.controlToken)) {
          return { status: 401, body: { message: 'A control token is required: Authorization: Bearer <controlToken>.', code: 'bad.credentials', status: 401 } };
        }
        return await dispatch(options.controlRoutes, req, path);
      }
      if (isOauth) return await dispatch(options.oauthRoutes, req, path);
      if (!isApi) throw new EmulatorError(404, 'not.found');
    } catch (e) {
      return errorResponse(e, correlationId);
    }

    // The WebChat API: faults apply here (and only here), preflights excepted.
    const fault = path.startsWith('/api/v2/') ? faults.takeRequestFailure(method, path) : undefined;
    let response: ApiResponse;
    if (fault && !fault.afterEffect) response = errorResponse(fault.error, correlationId);
    else {
      try {
        response = await dispatch(options.apiRoutes, req, path);
      } catch (e) {
        response = errorResponse(e, correlationId);
      }
      // afterEffect: the work is done, then the gateway answers as if it timed out or failed.
      if (fault) response = errorResponse(fault.error, correlationId);
    }
    // Uncertain: latency delays the answer after the work is done (an event may arrive before the answer).
    const latency = path.startsWith('/api/v2/') ? faults.latencyMs() : 0;
    if (latency > 0) await delay(timers, latency);
    return response;
  }

  function send(res: ServerResponse, r: ApiResponse): void {
    if (res.headersSent || res.destroyed) return;
    for (const [k, v] of Object.entries(r.headers ?? {})) res.setHeader(k, v);
    if (r.status === 204) {
      res.writeHead(204).end();
      return;
    }
    const payload = r.text ?? JSON.stringify(r.body ?? {});
    res.writeHead(r.status, { 'Content-Type': r.contentType ?? 'application/json', 'Content-Length': Buffer.byteLength(payload) });
    res.end(payload);
  }

  server.on('request', (req: IncomingMessage, res: ServerResponse) => {
    req.on('error', () => {});
    res.on('error', () => {});
    const correlationId = randomUUID();
    res.setHeader('ININ-Correlation-Id', correlationId);
    const origin = req.headers.origin;
    const { path } = splitUrl(req.url);
    if (typeof origin === 'string' && (path.startsWith('/api/') || path.startsWith('/oauth/'))) {
      // The emulator answers CORS for every origin on the API; allowedDomains is enforced by create's 403 only (§10).
      try {
        res.setHeader('Access-Control-Allow-Origin', origin);
        res.setHeader('Access-Control-Expose-Headers', CORS_EXPOSE_HEADERS);
        res.setHeader('Vary', 'Origin');
      } catch {
        res.removeHeader('Access-Control-Allow-Origin');
      }
    }
    const safeSend = (r: ApiResponse) => {
      try {
        send(res, r);
      } catch (e) {
        options.log(`emulator: could not answer: ${String(e)}`);
        res.destroy();
      }
    };
    handle(req, res).then(safeSend, (e: unknown) => safeSend(errorResponse(e, correlationId)));
  });

  server.on('upgrade', (req: IncomingMessage, socket, head: Buffer) => options.hub.handleUpgrade(req, socket, head));

  // Bytes Node's parser refuses (a garbled request line, non-ASCII in the target, huge headers) never reach a
  // route; they still get an ErrorBody, then the connection closes.
  server.on('clientError', (err: NodeJS.ErrnoException, socket) => {
    if (!socket.writable) {
      socket.destroy();
      return;
    }
    const tooLarge = err.code === 'HPE_HEADER_OVERFLOW';
    const error = tooLarge ? new EmulatorError(431, 'bad.request', { message: 'The request headers are too large.' }) : new EmulatorError(400, 'bad.request');
    const correlationId = randomUUID();
    const body = JSON.stringify(errorBody(error, correlationId));
    socket.end(
      `HTTP/1.1 ${tooLarge ? '431 Request Header Fields Too Large' : '400 Bad Request'}\r\nContent-Type: application/json\r\n` +
        `ININ-Correlation-Id: ${correlationId}\r\nConnection: close\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
  });

  return server;
}
