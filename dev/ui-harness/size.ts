// Measures the UI's share of the bundle: `npx tsx dev/ui-harness/size.ts`. Builds src/ui/mount-widget
// (ui + i18n + CSS; preact, signals and the store's types external) and prints bytes at brotli quality 11;
// OUT=<dir> also writes each minified build there.

import { writeFileSync } from 'node:fs';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

const here = fileURLToPath(new URL('.', import.meta.url));
const entries = {
  'ui+i18n+css': '../../src/ui/mount-widget.tsx',
  '+ preact, signals': '../../src/ui/mount-widget.tsx',
  'i18n only': '../../src/i18n/create-i18n.ts',
  'css only': '../../src/ui/styles.ts',
};

const brotli = (code: string) =>
  brotliCompressSync(Buffer.from(code), { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } }).length;

for (const [name, entry] of Object.entries(entries)) {
  const out = await build({
    configFile: false,
    logLevel: 'silent',
    root: here,
    oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
    build: {
      write: false,
      minify: true,
      // Not lib mode: Vite leaves the whitespace of ES libraries unminified, which a bundle never ships.
      rolldownOptions: {
        input: fileURLToPath(new URL(entry, import.meta.url)),
        preserveEntrySignatures: 'exports-only',
        external: name.startsWith('+') ? [] : [/^preact/, /^@preact\//],
        output: { format: 'es' },
      },
    },
  });
  const outputs = (Array.isArray(out) ? out : [out]) as { output: { type: string; code?: string }[] }[];
  const code = outputs.flatMap((o) => o.output).map((c) => (c.type === 'chunk' ? c.code ?? '' : '')).join('');
  // OUT=dir keeps each minified build, to see where the bytes go.
  if (process.env.OUT) writeFileSync(`${process.env.OUT}/${name.replace(/\W+/g, '_')}.js`, code);
  console.log(`${name.padEnd(18)} min ${String(code.length).padStart(6)}  gzip ${String(gzipSync(code, { level: 9 }).length).padStart(5)}  brotli-11 ${String(brotli(code)).padStart(5)}`);
}
