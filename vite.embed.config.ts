// The script-tag bundle: dist/parley.js, one self-contained minified IIFE (Preact, signals, core, UI and
// styles inlined; no other request). Runs after vite.config.ts, so it must not empty dist/.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig, parseSync, Visitor, type Plugin } from 'vite';

// reconnecting-websocket publishes ES5 builds (transpiled classes and helpers: ~3 KB brotli) beside its own
// TypeScript source (~1.85 KB brotli once built as ES2022). Bundling the source saves ~1.1 KB of the 20 KB budget
// with the very same library version; type checking still uses the package's published .d.ts.
const require = createRequire(import.meta.url);
const rwsSource = join(dirname(require.resolve('reconnecting-websocket/package.json')), 'reconnecting-websocket.ts');

// @preact/signals and its core publish a modern build (`import` condition: ES2017, `const`, arrows) beside the ES5 one
// that the `browser` condition picks for this build; the same version in modern syntax is ~100 B brotli smaller.
const signalsBuild = (name: string, file: string) => ({ find: new RegExp(`^${name}$`), replacement: join(dirname(require.resolve(name)), file) });

// Its TypeScript-`private` members (`_ws`, `_listeners`, `_handleOpen`…): nothing outside the class can reach them, so
// they are renamed like locals (~180 B brotli). Read from the source so that only those names are ever touched; a
// JSON field or DOM property of ours that starts with `_` (`_genesys_url`) must keep its name.
const rwsPrivates = [...readFileSync(rwsSource, 'utf8').matchAll(/\bprivate (?:readonly )?(_\w+)/g)].map((m) => m[1]);

/**
 * Its `this._debug(...)` statements log only with its `debug` option, which socket.ts never sets: each is blanked
 * out (a `;` and spaces, so positions and source maps stay right), and its ~350 characters of messages go (~150 B
 * brotli). The library's code is otherwise untouched.
 */
const dropRwsDebug: Plugin = {
  name: 'parley:drop-rws-debug',
  transform(code, id) {
    if (id !== rwsSource) return;
    let out = code;
    new Visitor({
      ExpressionStatement({ expression: e, start, end }) {
        const debugCall =
          e.type === 'CallExpression' && e.callee.type === 'MemberExpression' && e.callee.object.type === 'ThisExpression' && e.callee.property.type === 'Identifier' && e.callee.property.name === '_debug';
        if (debugCall) out = out.slice(0, start) + ';'.padEnd(end - start) + out.slice(end);
      },
    }).visit(parseSync(id, code).program);
    // Nothing moved: the source map stays as it was.
    return { code: out, map: null };
  },
};

export default defineConfig({
  plugins: [dropRwsDebug],
  resolve: {
    alias: [
      { find: /^reconnecting-websocket$/, replacement: rwsSource },
      signalsBuild('@preact/signals', 'signals.mjs'),
      signalsBuild('@preact/signals-core', 'signals-core.mjs'),
    ],
  },
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
        minify: { compress: true, mangle: true, mangleProps: { include: new RegExp(`^(${rwsPrivates.join('|')})$`) } },
      },
    },
  },
});
