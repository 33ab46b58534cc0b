// The npm package build (`parley-chat`, `/preact`, `/element`, `/core`): ESM in dist/, peers left external.
// The script-tag bundle is vite.embed.config.ts; `npm run build` runs both, then the type declarations.
import { defineConfig } from 'vite';

// The host app's single copy of Preact and signals (peer dependencies): never bundled into the npm entries.
const peers = [/^preact(\/.*)?$/, /^@preact\/signals(-core)?(\/.*)?$/];

export default defineConfig({
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
