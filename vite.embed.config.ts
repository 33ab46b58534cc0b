// The script-tag bundle: dist/parley.js, one self-contained minified IIFE (Preact, signals, core, UI and
// styles inlined; no other request). Runs after vite.config.ts, so it must not empty dist/.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig } from 'vite';

// reconnecting-websocket publishes ES5 builds (transpiled classes and helpers: ~3 KB brotli) beside its own
// TypeScript source (~1.85 KB brotli once built as ES2022). Bundling the source saves ~1.1 KB of the 20 KB budget
// with the very same library version; type checking still uses the package's published .d.ts.
const rwsSource = join(dirname(createRequire(import.meta.url).resolve('reconnecting-websocket/package.json')), 'reconnecting-websocket.ts');

export default defineConfig({
  resolve: { alias: [{ find: /^reconnecting-websocket$/, replacement: rwsSource }] },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: false,
    // Baseline-widely-available (Vite's default: Chrome/Edge 111, Firefox 114, Safari 16.4) is also where
    // constructable stylesheets exist, so nothing older could run the widget anyway; no lowering to pay for.
    minify: 'oxc',
    sourcemap: false,
    // Every byte counts here (widget-contract.md §4): one file, nothing split out, CSS inside the JS.
    cssCodeSplit: false,
    assetsInlineLimit: Number.MAX_SAFE_INTEGER,
    lib: {
      entry: 'src/embed.ts',
      name: 'ParleyEmbed',
      formats: ['iife'],
      fileName: () => 'parley.js',
    },
    rolldownOptions: {
      output: { codeSplitting: false },
    },
  },
});
