// Bundle sizes: dist/parley.js as shipped, and each npm entry (peers external) both as published (the entry
// and the chunks it imports) and as an app's bundler would ship it (re-bundled and minified).

import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { build, type Rolldown } from 'vite';

export interface Sizes {
  raw: number;
  gzip: number;
  brotli: number;
}

export interface EntrySizes {
  entry: string;
  file: string;
  /** The entry file plus every chunk it imports statically (as npm ships them, not minified). */
  published: Sizes;
  /** The same re-bundled and minified with peers external: what an app's bundle gains. */
  minified: Sizes;
}

export function measure(code: Buffer | string): Sizes {
  const buf = Buffer.isBuffer(code) ? code : Buffer.from(code);
  return {
    raw: buf.length,
    gzip: gzipSync(buf, { level: 9 }).length,
    brotli: brotliCompressSync(buf, {
      params: {
        [constants.BROTLI_PARAM_QUALITY]: 11,
        [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        [constants.BROTLI_PARAM_SIZE_HINT]: buf.length,
      },
    }).length,
  };
}

const PEERS = [/^preact(\/.*)?$/, /^@preact\/signals(-core)?(\/.*)?$/];

/** The ESM file of each export of package.json (`import` or `default` condition), else the four known entries. */
export function npmEntries(root: string): { entry: string; file: string }[] {
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { exports?: Record<string, unknown> };
  const found: { entry: string; file: string }[] = [];
  const pickFile = (target: unknown): string | undefined => {
    if (typeof target === 'string') return target.endsWith('.js') ? target : undefined;
    if (typeof target !== 'object' || target === null) return undefined;
    const t = target as Record<string, unknown>;
    return pickFile(t.import) ?? pickFile(t.default) ?? pickFile(t.browser);
  };
  for (const [key, target] of Object.entries(pkg.exports ?? {})) {
    const file = pickFile(target);
    // The script-tag bundle is exported too, but it is measured apart: it inlines the peers.
    if (file && key !== './package.json' && !file.endsWith('/parley.js')) found.push({ entry: key === '.' ? 'parley-chat' : `parley-chat/${key.replace(/^\.\//, '')}`, file: resolve(root, file) });
  }
  if (found.length > 0) return found;
  return ['index', 'preact', 'element', 'core'].map((n) => ({ entry: n === 'index' ? 'parley-chat' : `parley-chat/${n}`, file: join(root, 'dist', `${n}.js`) }));
}

/** The entry and the relative modules it imports statically, each once. */
function closure(file: string): Buffer {
  const seen = new Set<string>();
  const parts: Buffer[] = [];
  const visit = (f: string) => {
    if (seen.has(f) || !existsSync(f)) return;
    seen.add(f);
    const code = readFileSync(f);
    parts.push(code);
    const text = code.toString('utf8');
    for (const m of text.matchAll(/(?:\bfrom\s*|\bimport\s*)["'](\.{1,2}\/[^"']+)["']/g)) visit(resolve(dirname(f), m[1] as string));
  };
  visit(file);
  return Buffer.concat(parts);
}

async function minifiedBundle(file: string): Promise<Buffer> {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    build: {
      write: false,
      minify: true,
      lib: { entry: file, formats: ['es'], fileName: 'entry' },
      rolldownOptions: { external: PEERS },
    },
  });
  const outputs = (Array.isArray(out) ? out : [out]) as Rolldown.RolldownOutput[];
  const code = outputs.flatMap((o) => o.output).map((c) => (c.type === 'chunk' ? c.code : ''));
  return Buffer.from(code.join('\n'));
}

export async function measureSizes(root: string): Promise<{ script: Sizes; entries: EntrySizes[] }> {
  const script = measure(readFileSync(join(root, 'dist', 'parley.js')));
  const entries: EntrySizes[] = [];
  for (const { entry, file } of npmEntries(root)) {
    if (!existsSync(file)) throw new Error(`${entry}: ${file} does not exist after the build`);
    entries.push({ entry, file: file.slice(root.length + 1), published: measure(closure(file)), minified: measure(await minifiedBundle(file)) });
  }
  return { script, entries };
}
