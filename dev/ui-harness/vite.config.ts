// Serves the UI harness: `npx vite dev/ui-harness --port 0`. Dev-only; the product build is elsewhere.
import { defineConfig } from 'vite';

export default defineConfig({
  oxc: { jsx: { runtime: 'automatic', importSource: 'preact' } },
  server: { host: '127.0.0.1' },
});
