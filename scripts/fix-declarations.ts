// Last step of `npm run build`: adds `.js` to the relative specifiers of dist/types/**/*.d.ts. The sources import
// extensionless (moduleResolution Bundler), but a consumer on `moduleResolution: node16/nodenext` (a Node app
// using `parley-chat/core`) reads the package as ESM and rejects extensionless relative imports in declarations.
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const typesDir = fileURLToPath(new URL('../dist/types', import.meta.url));

function* declarations(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) yield* declarations(path);
    else if (entry.name.endsWith('.d.ts')) yield path;
  }
}

/** `from './x'` / `import('./x')` → './x.js' (or './x/index.js' for a folder). */
export function withExtensions(source: string, file: string): string {
  return source.replace(/(\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+)(['"])(\.{1,2}\/[^'"]*)\2/gm, (all, lead: string, quote: string, spec: string) => {
    if (/\.(js|mjs|cjs|json)$/.test(spec)) return all;
    const target = resolve(dirname(file), spec);
    const fixed = existsSync(`${target}.d.ts`) ? `${spec}.js` : existsSync(join(target, 'index.d.ts')) ? `${spec}/index.js` : undefined;
    if (!fixed) throw new Error(`${file}: cannot resolve "${spec}"`);
    return `${lead}${quote}${fixed}${quote}`;
  });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  if (!existsSync(typesDir)) {
    console.error('fix-declarations: dist/types is missing (run tsc -p tsconfig.build.json first)');
    process.exit(1);
  }
  let changed = 0;
  for (const file of declarations(typesDir)) {
    const before = readFileSync(file, 'utf8');
    const after = withExtensions(before, file);
    if (after !== before) {
      writeFileSync(file, after);
      changed++;
    }
  }
  console.log(`fix-declarations: ${changed} declaration files now use .js specifiers`);
}
