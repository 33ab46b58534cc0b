// The built package as its users get it: type declarations that a TypeScript app compiles against, a core that
// Node imports as ESM without a DOM, peers left to the app, and a script-tag bundle that stands alone.
import { execFile } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { expect, test } from './fixtures';

const run = promisify(execFile);
const root = fileURLToPath(new URL('..', import.meta.url));
const read = (path: string) => readFileSync(`${root}${path}`, 'utf8');

async function typecheck(project: string): Promise<string> {
  const tsc = `${root}node_modules/typescript/bin/tsc`;
  const result = await run(process.execPath, [tsc, '-p', `${root}e2e/consumer/${project}`], { cwd: root }).catch(
    (e: { stdout?: string; stderr?: string }) => ({ stdout: e.stdout ?? '', stderr: e.stderr ?? 'tsc failed' }),
  );
  return `${result.stdout}${result.stderr}`.trim();
}

test('a TypeScript app (bundler resolution) compiles against the declarations of all four entries', async () => {
  expect(await typecheck('tsconfig.json')).toBe('');
});

test('a Node app on NodeNext resolution compiles against parley-chat/core', async () => {
  expect(await typecheck('tsconfig.nodenext.json')).toBe('');
});

test('parley-chat/core imports in Node as ESM without touching a DOM', async () => {
  const script = `
    const before = Object.keys(globalThis).sort().join();
    const core = await import('parley-chat/core');
    const after = Object.keys(globalThis).sort().join();
    console.log(JSON.stringify({
      createChat: typeof core.createChat, createApiClient: typeof core.createApiClient, ApiError: typeof core.ApiError,
      document: typeof document, sameGlobals: before === after,
    }));`;
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], { cwd: root });
  expect(JSON.parse(stdout)).toEqual({ createChat: 'function', createApiClient: 'function', ApiError: 'function', document: 'undefined', sameGlobals: true });
});

test('the npm entries leave preact and @preact/signals-core to the app; only parley.js inlines them', () => {
  const files = ['dist/index.js', 'dist/preact.js', 'dist/element.js', 'dist/core.js', ...readdirSync(`${root}dist/chunks`).map((f) => `dist/chunks/${f}`)];
  const code = files.map(read).join('\n');
  expect(code).toMatch(/from "preact"/);
  expect(code).toMatch(/from "@preact\/signals-core"/);
  // Preact's own source would carry its option hooks and its renderer internals.
  expect(code).not.toMatch(/__PREACT_DEVTOOLS__|function diffChildren|function createElement\(/);
  const bundle = read('dist/parley.js');
  expect(bundle).not.toMatch(/\bimport\s*\(|^import |\bfrom\s*["']/m);
});

test('dist/parley.js carries the guest API only: no admin method reaches it', () => {
  const bundle = read('dist/parley.js');
  for (const name of ['listDeployments', 'createDeployment', 'getDeployment', 'updateDeployment', 'deleteDeployment', 'getSettings', 'updateSettings', 'deleteSettings', 'signData']) {
    expect(bundle, name).not.toContain(name);
  }
  for (const name of ['createConversation', 'listMembers', 'sendMessage', 'sendTyping', 'listMessages', 'updateMediaRequest']) {
    expect(bundle, name).toContain(name);
  }
  expect(read('dist/core.js')).toContain('listDeployments');
});
