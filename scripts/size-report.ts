// `npm run size:report`: where the bytes of dist/parley.js come from. Builds the script bundle with a source map
// into a temporary folder, attributes every minified byte to its source file, and prints each file's share of
// the brotli total (proportional to its minified share: an estimate, but a stable one to steer size work by).
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { measure } from './check-size';

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/** Decodes one source-map `mappings` line into segments [generatedColumn, sourceIndex]. */
function* segments(mappings: string): Generator<{ line: number; column: number; source: number }> {
  let source = 0;
  let line = 0;
  for (const lineText of mappings.split(';')) {
    let column = 0;
    for (const seg of lineText.split(',')) {
      if (!seg) continue;
      const values: number[] = [];
      let value = 0;
      let shift = 0;
      for (const ch of seg) {
        const digit = B64.indexOf(ch);
        value += (digit & 31) << shift;
        if (digit & 32) shift += 5;
        else {
          values.push(value & 1 ? -(value >>> 1) : value >>> 1);
          value = 0;
          shift = 0;
        }
      }
      column += values[0] ?? 0;
      if (values.length >= 4) {
        source += values[1] ?? 0;
        yield { line, column, source };
      }
    }
    line++;
  }
}

async function main(): Promise<void> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const out = mkdtempSync(join(tmpdir(), 'parley-size-'));
  try {
    await build({
      configFile: join(root, 'vite.embed.config.ts'),
      logLevel: 'warn',
      build: { outDir: out, emptyOutDir: true, sourcemap: true },
    });
    const code = readFileSync(join(out, 'parley.js'), 'utf8');
    const map = JSON.parse(readFileSync(join(out, 'parley.js.map'), 'utf8')) as { sources: string[]; mappings: string };
    const lines = code.split('\n');
    const lineStarts: number[] = [];
    let offset = 0;
    for (const l of lines) {
      lineStarts.push(offset);
      offset += l.length + 1;
    }
    const bytes = new Map<string, number>();
    const all = [...segments(map.mappings)];
    for (let i = 0; i < all.length; i++) {
      const s = all[i]!;
      const next = all[i + 1];
      const start = (lineStarts[s.line] ?? 0) + s.column;
      const end = next && next.line === s.line ? (lineStarts[next.line] ?? 0) + next.column : (lineStarts[s.line] ?? 0) + (lines[s.line]?.length ?? 0);
      const name = normalise(map.sources[s.source] ?? '?', out, root);
      bytes.set(name, (bytes.get(name) ?? 0) + Math.max(0, end - start));
    }
    const total = measure(Buffer.from(code));
    const attributed = [...bytes.values()].reduce((a, b) => a + b, 0);
    const rows = [...bytes.entries()].sort((a, b) => b[1] - a[1]);
    const groups = new Map<string, number>();
    for (const [name, n] of rows) {
      const group = name.startsWith('node_modules/') ? name.split('/').slice(1, name.includes('/@') ? 3 : 2).join('/') : name.split('/').slice(0, 2).join('/');
      groups.set(group, (groups.get(group) ?? 0) + n);
    }
    const est = (n: number) => Math.round((n / attributed) * total.brotli);
    console.log(`dist/parley.js: raw ${total.raw} B, brotli ${total.brotli} B (estimated shares below)\n`);
    console.log('by folder / package');
    for (const [g, n] of [...groups.entries()].sort((a, b) => b[1] - a[1])) console.log(`  ${String(est(n)).padStart(6)} B  ${g}`);
    console.log('\nby file (top 40)');
    for (const [name, n] of rows.slice(0, 40)) console.log(`  ${String(est(n)).padStart(6)} B  ${String(n).padStart(6)} min  ${name}`);
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

function normalise(source: string, out: string, root: string): string {
  const abs = source.startsWith('/') ? source : join(out, source);
  const rel = relative(root, abs);
  const nm = rel.lastIndexOf('node_modules/');
  return nm >= 0 ? rel.slice(nm) : rel;
}

void main();
