// The demo site's server: demo/ pages (with the emulator's URL filled in), dist/parley.js, and the bundle of
// the custom-element page. A separate origin from the emulator's, like a real customer's site.
import { readFile, stat } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
export const DEMO_DIR = join(root, 'demo');
export const DEMO_BUILD_DIR = join(root, 'node_modules', '.cache', 'parley-demo');
const DIST_DIR = join(root, 'dist');

/** The emulator's default world (emulator-control.md), which the demo pages embed. */
export const demoWorld = {
  organizationId: 'c0ffee00-0000-4000-8000-000000000001',
  deploymentId: 'c0ffee00-0000-4000-8000-000000000002',
  queue: 'Support',
};

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
};

export interface DemoServer {
  url: string;
  close(): Promise<void>;
}

export interface DemoServerOptions {
  port: number;
  host: string;
  /** The emulator's origin, written into the pages' `data-api-base` / `api-base`. */
  apiBase: string;
}

/** Resolves `path` inside `dir`, or undefined when it escapes it. */
function inside(dir: string, path: string): string | undefined {
  const file = normalize(join(dir, path));
  return file.startsWith(dir + sep) ? file : undefined;
}

async function isFile(file: string | undefined): Promise<boolean> {
  if (!file) return false;
  try {
    return (await stat(file)).isFile();
  } catch {
    return false;
  }
}

export async function startDemoServer(options: DemoServerOptions): Promise<DemoServer> {
  const values: Record<string, string> = {
    API_BASE: options.apiBase,
    AGENT_CONSOLE: `${options.apiBase}/agent`,
    ORGANIZATION_ID: demoWorld.organizationId,
    DEPLOYMENT_ID: demoWorld.deploymentId,
    QUEUE: demoWorld.queue,
  };

  const locate = async (path: string): Promise<string | undefined> => {
    if (path === '/parley.js') return join(DIST_DIR, 'parley.js');
    if (path.startsWith('/assets/')) {
      const built = inside(DEMO_BUILD_DIR, path.slice('/assets/'.length));
      if (await isFile(built)) return built;
    }
    const page = inside(DEMO_DIR, path === '/' ? 'index.html' : path);
    if (await isFile(page)) return page;
    const html = inside(DEMO_DIR, `${path}.html`);
    return (await isFile(html)) ? html : undefined;
  };

  const handle = async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    const file = await locate(path);
    if (!file || !(await isFile(file))) {
      res.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end(file ? 'dist/parley.js is missing: run npm run build' : 'Not found');
      return;
    }
    let body: Buffer | string = await readFile(file);
    if (extname(file) === '.html') body = body.toString('utf8').replace(/%PARLEY_([A-Z_]+)%/g, (m, key: string) => values[key] ?? m);
    res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-cache' });
    res.end(body);
  };

  const server = createServer((req, res) => {
    handle(req, res).catch(() => {
      if (!res.headersSent) res.writeHead(500);
      res.end();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host}:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
