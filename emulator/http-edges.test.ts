// HTTP behaviour around the routes: CORS (preflight and answers), correlation ids, unknown paths and methods,
// the 1 MiB body limit (413 without reading further), and requests that are not quite HTTP.

import { connect } from 'node:net';
import { request } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ErrorBody } from '../src/protocol/models';
import { createBody, createGuest, startEmulator, type TestEmulator } from './test-kit';

let emu: TestEmulator;
beforeEach(async () => {
  emu = await startEmulator();
});
afterEach(() => emu.close());

const CREATE = '/api/v2/webchat/guest/conversations';

/** Sends raw bytes and resolves with everything the server answers until it closes or `until` matches. */
function raw(port: number, data: string, until = /\r\n\r\n[\s\S]*\}$|\r\n\r\n$/): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.on('data', (d) => {
      text += d.toString();
      if (until.test(text)) {
        socket.destroy();
        resolve(text);
      }
    });
    socket.on('end', () => resolve(text));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
    socket.write(data);
  });
}

describe('CORS', () => {
  it.each([CREATE, '/api/v2/webchat/guest/conversations/x/mediarequests/y', '/api/v2/nowhere', '/oauth/token'])('answers a preflight on %s', async (path) => {
    const r = await fetch(emu.url + path, {
      method: 'OPTIONS',
      headers: { Origin: 'https://shop.example.com', 'Access-Control-Request-Method': 'PATCH', 'Access-Control-Request-Headers': 'authorization,content-type' },
    });
    expect(r.status).toBe(204);
    expect(r.headers.get('Access-Control-Allow-Origin')).toBe('https://shop.example.com');
    const methods = r.headers.get('Access-Control-Allow-Methods') ?? '';
    for (const m of ['GET', 'POST', 'PUT', 'PATCH', 'DELETE']) expect(methods).toContain(m);
    expect(r.headers.get('Access-Control-Allow-Headers')).toBe('Authorization, Content-Type, Accept');
  });

  it('echoes Origin and exposes ININ-Correlation-Id and Retry-After on answers, errors included', async () => {
    for (const [method, path] of [['POST', CREATE], ['GET', `${CREATE}/x/members`], ['GET', '/api/v2/nowhere']] as const) {
      const r = await emu.call(method, path, { headers: { Origin: 'http://localhost:5173' }, ...(method === 'POST' ? { body: createBody() } : {}) });
      expect(r.headers.get('Access-Control-Allow-Origin')).toBe('http://localhost:5173');
      expect(r.headers.get('Access-Control-Expose-Headers')).toBe('ININ-Correlation-Id, Retry-After');
      expect(r.headers.get('Vary')).toBe('Origin');
    }
  });

  it('sends no CORS headers without an Origin, and none on the control API', async () => {
    expect((await emu.call('POST', CREATE, { body: createBody() })).headers.get('Access-Control-Allow-Origin')).toBeNull();
    expect((await emu.call('GET', '/_emulator/health', { headers: { Origin: 'https://evil.example' } })).headers.get('Access-Control-Allow-Origin')).toBeNull();
  });
});

describe('correlation ids', () => {
  it('puts ININ-Correlation-Id on every answer and repeats it as the ErrorBody contextId', async () => {
    const ok = await emu.call('POST', CREATE, { body: createBody() });
    const err = await emu.call<ErrorBody>('GET', '/api/v2/nowhere');
    expect(ok.headers.get('ININ-Correlation-Id')).toMatch(/^[0-9a-f-]{36}$/);
    expect(err.body.contextId).toBe(err.headers.get('ININ-Correlation-Id'));
    expect(ok.headers.get('ININ-Correlation-Id')).not.toBe(err.headers.get('ININ-Correlation-Id'));
  });
});

describe('unknown paths and methods', () => {
  it.each(['/api/v2/nowhere', '/api/v2/webchat/guest/conversations/a/b/c/d/e/f', `${CREATE}/`, '/api/v2/webchat/guest/conversations/%E0%A4%A/members', '/nothing', '/'])(
    'answers 404 not.found ErrorBody to %s',
    async (path) => {
      const r = await emu.call<ErrorBody>('GET', path);
      expect(r.status).toBe(404);
      expect(r.headers.get('Content-Type')).toBe('application/json');
      expect(r.body).toMatchObject({ status: 404, code: 'not.found', message: 'The requested resource was not found.' });
    },
  );

  it.each([
    ['GET', CREATE, 'POST'],
    ['PUT', CREATE, 'POST'],
    ['POST', `${CREATE}/c/messages`, 'GET'],
    ['PUT', `${CREATE}/c/members/m`, 'GET, DELETE'],
    ['DELETE', `${CREATE}/c/mediarequests/r`, 'GET, PATCH'],
    ['PATCH', '/api/v2/webchat/settings', 'GET, PUT, DELETE'],
    ['GET', '/oauth/token', 'POST'],
  ])('answers %s %s with 405 and an ErrorBody naming what is allowed', async (method, path, allow) => {
    const r = await emu.call<ErrorBody>(method, path);
    expect(r.status).toBe(405);
    expect(r.headers.get('Allow')).toBe(allow);
    expect(r.body).toMatchObject({ status: 405, code: 'method.not.allowed' });
  });
});

describe('request body limit', () => {
  it('answers 413 from Content-Length alone, before the body is sent', async () => {
    const answer = await raw(emu.port, `POST ${CREATE} HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: 2000000\r\n\r\n{"a":`);
    expect(answer).toMatch(/^HTTP\/1\.1 413 /);
    expect(answer).toMatch(/connection: close/i);
    const body = JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4)) as ErrorBody;
    expect(body).toMatchObject({ status: 413, code: 'request.entity.too.large', message: 'The request is over the size limit. Maximum bytes: 1048576' });
  });

  it('answers 413 to a chunked body as soon as it passes 1 MiB, without waiting for the rest', async () => {
    const { status, written } = await new Promise<{ status: number; written: number }>((resolve, reject) => {
      const req = request(`${emu.url}${CREATE}`, { method: 'POST', headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' } });
      let written = 0;
      let answered = false;
      const chunk = Buffer.alloc(64 * 1024, 0x20);
      const pump = () => {
        while (!answered && written < 8 * 1024 * 1024) {
          written += chunk.length;
          if (!req.write(chunk)) return void req.once('drain', pump);
        }
      };
      req.on('response', (res) => {
        answered = true;
        res.resume();
        resolve({ status: res.statusCode ?? 0, written });
        req.destroy();
      });
      req.on('error', (e) => (answered ? undefined : reject(e)));
      pump();
    });
    expect(status).toBe(413);
    expect(written).toBeLessThan(8 * 1024 * 1024);
  });

  it('accepts a body of exactly 1 MiB', async () => {
    const json = JSON.stringify(createBody());
    const padded = json + ' '.repeat(1_048_576 - Buffer.byteLength(json));
    const r = await emu.call('POST', CREATE, { rawBody: padded, headers: { 'Content-Type': 'application/json' } });
    expect(r.status).toBe(200);
  });

  it('applies the limit to guest messages too, and keeps what was stored', async () => {
    const g = await createGuest(emu);
    await emu.call('POST', `${g.base}/members/${g.memberId}/messages`, { token: g.jwt, body: { body: 'kept' } });
    const r = await emu.call<ErrorBody>('POST', `${g.base}/members/${g.memberId}/messages`, { token: g.jwt, body: { body: 'x'.repeat(1_100_000) } });
    expect([r.status, r.body.code]).toEqual([413, 'request.entity.too.large']);
    const typing = await emu.call<ErrorBody>('POST', `${g.base}/members/${g.memberId}/typing`, { token: g.jwt, rawBody: 'x'.repeat(1_100_000) });
    expect(typing.status).toBe(413);
    const list = await emu.call<{ entities: Array<{ body: string }> }>('GET', `${g.base}/messages`, { token: g.jwt });
    expect(list.body.entities.map((m) => m.body)).toEqual(['kept']);
  });
});

describe('odd requests', () => {
  it('answers an absolute-form request target by its path', async () => {
    const answer = await raw(emu.port, `GET http://127.0.0.1:${emu.port}/_emulator/health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 200 /);
  });

  it.each([
    ['bytes that are not HTTP', 'HELLO THERE\r\n\r\n'],
    ['non-ASCII bytes in the request target', 'GET /api/v2/\u00ff\u00fe/x HTTP/1.1\r\nHost: x\r\n\r\n'],
  ])('answers %s with a 400 ErrorBody and keeps serving', async (_n, request) => {
    const answer = await raw(emu.port, request);
    expect(answer).toMatch(/^HTTP\/1\.1 400 /);
    expect(answer).toMatch(/content-type: application\/json/i);
    expect(JSON.parse(answer.slice(answer.indexOf('\r\n\r\n') + 4))).toMatchObject({ status: 400, code: 'bad.request' });
    expect((await emu.call('GET', '/_emulator/health')).status).toBe(200);
  });

  it('answers a WebSocket upgrade on an API path with 404', async () => {
    const answer = await raw(emu.port, `GET ${CREATE} HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n\r\n`);
    expect(answer).toMatch(/^HTTP\/1\.1 404 /);
  });
});
