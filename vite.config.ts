// The npm package build (`parley-chat`, `/preact`, `/element`, `/core`): ESM in dist/, peers left external.
// The script-tag bundle is vite.embed.config.ts; `npm run build` runs both, then the type declarations.
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { defineConfig } from 'vite';

// reconnecting-websocket publishes ES5 builds (transpiled classes and helpers: ~3 KB brotli) beside its own
// TypeScript source (~1.85 KB brotli once built as ES2022). Bundling the source saves ~1.1 KB of the 20 KB budget
// with the very same library version; type checking still uses the package's published .d.ts.
const rwsSource = join(dirname(createRequire(import.meta.url).resolve('reconnecting-websocket/package.json')), 'reconnecting-websocket.ts');

// The host app's single copy of Preact and signals (peer dependencies): never bundled into the npm entries.
const peers = [/^preact(\/.*)?$/, /^@preact\/signals(-core)?(\/.*)?$/];

export default defineConfig({
  resolve: { alias: [{ find: /^reconnecting-websocket$/, replacement: rwsSource }] },
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    sourcemap: false,
    // Readable for the app's own bundler to minify; identifiers are kept so stack traces in apps make sense.
    minify: false,
    lib: {
      entry: {
        index: 'src/index.ts',
        preact: 'src/preact.tsx',
        element: 'src/element.ts',
        core: 'src/core.ts',
      },
      formats: ['es'],
      fileName: (_format, entry) => `${entry}.js`,
    },
    rolldownOptions: {
      external: peers,
      output: { chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
});
