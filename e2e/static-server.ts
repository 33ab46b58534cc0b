// A tiny static server for the end-to-end tests: dist/, prebuilt test pages, and HTML pages a test registers,
// on port 0 of 127.0.0.1 (another origin than the emulator, as a customer's site is).
import { createReadStream, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
};

export interface StaticPage {
  body: string;
  /** Extra response headers, e.g. a Content-Security-Policy. */
  headers?: Record<string, string>;
}

export interface StaticServer {
  readonly origin: string;
  /** Serves `page` at `path` (starting with `/`) until the server closes. */
  setPage(path: string, page: StaticPage): string;
  /** How many times each path was requested (e.g. to prove the script tag loads nothing else). */
  readonly hits: ReadonlyMap<string, number>;
  close(): Promise<void>;
}

/** `mounts`: URL prefix (ending in `/`) → directory. */
export async function startStaticServer(mounts: Record<string, string>): Promise<StaticServer> {
  const pages = new Map<string, StaticPage>();
  const hits = new Map<string, number>();
  const prefixes = Object.entries(mounts).sort((a, b) => b[0].length - a[0].length);

  const serveFile = (res: ServerResponse, file: string): boolean => {
    try {
      if (!statSync(file).isFile()) return false;
    } catch {
      return false;
    }
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' });
    createReadStream(file).pipe(res);
    return true;
  };

  const handle = (req: IncomingMessage, res: ServerResponse): void => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const page = pages.get(path);
    if (page) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store', ...page.headers });
      res.end(page.body);
      return;
    }
    for (const [prefix, dir] of prefixes) {
      if (!path.startsWith(prefix)) continue;
      const file = normalize(join(dir, path.slice(prefix.length)));
      if ((file === dir || file.startsWith(dir.endsWith(sep) ? dir : dir + sep)) && serveFile(res, file)) return;
    }
    res.writeHead(404, { 'Content-Type': 'text/plain' });
    res.end('not found');
  };

  const server = createServer(handle);
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    hits,
    setPage(path, page) {
      pages.set(path, page);
      return origin + path;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
