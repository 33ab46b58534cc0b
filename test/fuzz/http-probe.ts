// Sends one raw-ish HTTP request with node:http (any method, unescaped bytes in the path, any body) on a fresh
// connection and reports what came back, or that nothing did. Judging the answer is the fuzz test's job.

import http from 'node:http';

export interface ProbeRequest {
  method: string;
  /** Sent as given: may hold percent-escapes that do not decode, or latin-1 bytes. */
  path: string;
  headers?: Record<string, string | string[]>;
  body?: Buffer | string;
  /** Send the body with chunked transfer encoding instead of a Content-Length. */
  chunked?: boolean;
}

export type ProbeResult =
  | { ok: true; status: number; headers: http.IncomingHttpHeaders; body: string }
  | { ok: false; error: string };

export function probe(origin: string, req: ProbeRequest, timeoutMs = 5_000): Promise<ProbeResult> {
  const url = new URL(origin);
  return new Promise((resolve) => {
    let settled = false;
    const settle = (r: ProbeResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(r);
    };
    const headers: Record<string, string | string[]> = { ...req.headers };
    const body = req.body === undefined ? undefined : Buffer.isBuffer(req.body) ? req.body : Buffer.from(req.body, 'utf8');
    const declared = Object.keys(headers).some((h) => h.toLowerCase() === 'content-length');
    // A declared length is kept as given: some cases lie about it on purpose.
    if (body !== undefined && !req.chunked && !declared) headers['Content-Length'] = String(body.length);
    // A fresh connection per request: a server that drops a connection must not be hidden by a retrying agent.
    const r = http.request({ host: url.hostname, port: url.port, method: req.method, path: req.path, headers, agent: false });
    const timer = setTimeout(() => {
      settle({ ok: false, error: `no answer within ${timeoutMs} ms` });
      r.destroy();
    }, timeoutMs);
    // A 101 is an answer too (a websocket accepted where it should not be): report it and hang up.
    r.on('upgrade', (res, socket) => {
      socket.destroy();
      settle({ ok: true, status: res.statusCode ?? 101, headers: res.headers, body: '' });
    });
    r.on('response', (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => settle({ ok: true, status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', (e) => settle({ ok: false, error: `response broke off: ${e.message}` }));
    });
    // A server may answer (413) before it has read the whole body and then close: only an error with no
    // answer at all counts as a dropped connection.
    r.on('error', (e) => {
      setTimeout(() => settle({ ok: false, error: `connection failed before an answer: ${e.message}` }), 50);
    });
    if (body !== undefined) {
      if (req.chunked) {
        const step = 64 * 1024;
        for (let i = 0; i < body.length; i += step) r.write(body.subarray(i, i + step));
      } else {
        r.write(body);
      }
    }
    r.end();
  });
}
