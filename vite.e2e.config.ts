// Test pages that bundle the npm entries as an app would (e2e/pages/*.html → node_modules/.cache/parley-e2e-pages,
// served under /pages/ by e2e/fixtures.ts). Built once by e2e/global-setup.ts, after `npm run build`.
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const pagesDir = fileURLToPath(new URL('./e2e/pages/', import.meta.url));
const input = Object.fromEntries(
  readdirSync(pagesDir)
    .filter((f) => f.endsWith('.html'))
    .map((f) => [f.replace(/\.html$/, ''), `${pagesDir}${f}`]),
);

export default defineConfig({
  root: pagesDir,
  base: '/pages/',
  logLevel: 'warn',
  publicDir: false,
  build: {
    outDir: fileURLToPath(new URL('./node_modules/.cache/parley-e2e-pages', import.meta.url)),
    emptyOutDir: true,
    minify: false,
    // Unhashed, so a test can register its own HTML that loads a page's script (`/pages/assets/element.js`).
    rolldownOptions: { input, output: { entryFileNames: 'assets/[name].js', chunkFileNames: 'assets/[name].js' } },
  },
});
