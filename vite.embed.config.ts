// The script-tag bundle: dist/parley.js, one self-contained minified IIFE (Preact, signals, core, UI and
// styles inlined; no other request). Runs after vite.config.ts, so it must not empty dist/.
import { defineConfig } from 'vite';

export default defineConfig({
  // Classic `h(type, props, ...children)` calls: shorter than the automatic runtime's `jsx(type, { children: [...] })`,
  // and Preact's createElement is in the bundle anyway (~130 B brotli). Same vnodes; the npm builds keep the automatic
  // runtime, and type checking is unaffected.
  oxc: { jsx: { runtime: 'classic', pragma: 'h', pragmaFrag: 'Fragment' }, jsxInject: "import { h, Fragment } from 'preact'" },
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
      // Imported constants written where they are used instead of referenced (~100 B brotli, mostly from the stylesheet
      // landing next to the markup that uses its class names; `npm run size:report` then counts it under mount-widget).
      optimization: { inlineConst: { mode: 'all' } },
      output: {
        codeSplitting: false,
        minify: { compress: true, mangle: true },
      },
    },
  },
});
