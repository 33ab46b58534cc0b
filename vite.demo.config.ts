// The demo's custom-element page script (demo/element-page.ts), bundled as an app would bundle
// `parley-chat/element` (through the package's own exports, Preact included once). Used by scripts/start.ts.
import { defineConfig } from 'vite';

export default defineConfig({
  logLevel: 'warn',
  build: {
    outDir: 'node_modules/.cache/parley-demo',
    emptyOutDir: true,
    copyPublicDir: false,
    rolldownOptions: {
      input: { 'element-page': 'demo/element-page.ts' },
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: '[name]-[hash].js' },
    },
  },
});
