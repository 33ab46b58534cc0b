// Runs once before the end-to-end tests: checks that `npm run build` ran, then bundles e2e/pages/ (pages that
// import the npm entries as an app would) into node_modules/.cache/parley-e2e-pages.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';

export default async function globalSetup(): Promise<void> {
  const root = fileURLToPath(new URL('..', import.meta.url));
  for (const file of ['dist/parley.js', 'dist/index.js', 'dist/element.js', 'dist/core.js']) {
    if (!existsSync(root + file)) throw new Error(`${file} is missing: run \`npm run build\` before the end-to-end tests.`);
  }
  await build({ configFile: `${root}vite.e2e.config.ts`, logLevel: 'warn' });
}
