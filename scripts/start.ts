// `npm start`: builds Parley, starts the emulator (auto agent) in-process, serves the demo site from another
// origin, prints both URLs, and stops everything on Ctrl+C. The demo pages themselves are demo/'s.
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { createEmulator } from '../emulator/index';
import { startDemoServer } from './demo-server';

const root = fileURLToPath(new URL('..', import.meta.url));

interface Flags {
  port: number;
  emulatorPort: number;
  host: string;
  build: boolean;
  agentDelayMs: number | undefined;
}

function parseFlags(argv: readonly string[]): Flags {
  const flags: Flags = {
    port: Number(process.env['DEMO_PORT'] ?? 8080),
    emulatorPort: Number(process.env['EMULATOR_PORT'] ?? 8787),
    host: '127.0.0.1',
    build: true,
    agentDelayMs: undefined,
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = (): string => {
      const v = argv[++i];
      if (v === undefined) fail(`${arg} needs a value`);
      return v;
    };
    const port = (): number => {
      const v = value();
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 65535) fail(`${arg} must be a port number (0 picks a free one), got "${v}"`);
      return n;
    };
    if (arg === '--port') flags.port = port();
    else if (arg === '--emulator-port') flags.emulatorPort = port();
    else if (arg === '--no-build') flags.build = false;
    else if (arg === '--agent-delay-ms') flags.agentDelayMs = Number(value());
    else if (arg === '--help' || arg === '-h') {
      console.log('npm start -- [--port N (demo site, default 8080)] [--emulator-port N (default 8787)] [--no-build] [--agent-delay-ms N]');
      process.exit(0);
    } else fail(`unknown flag ${arg} (try --help)`);
  }
  return flags;
}

function fail(message: string): never {
  console.error(`npm start: ${message}`);
  process.exit(1);
}

const inUse = (error: unknown) => (error as { code?: unknown } | undefined)?.code === 'EADDRINUSE' || /EADDRINUSE|in use/i.test(String(error));

/** Tries `port`; when it is taken, a free one, saying which. */
async function onFreePort<T>(what: string, port: number, start: (port: number) => Promise<T>): Promise<T> {
  try {
    return await start(port);
  } catch (error) {
    if (port === 0 || !inUse(error)) throw error;
    const server = await start(0);
    console.log(`Port ${port} is in use; the ${what} uses a free port instead (below).`);
    return server;
  }
}

async function main(): Promise<void> {
  const flags = parseFlags(process.argv.slice(2));
  if (flags.build) {
    // The JavaScript of `npm run build` (the demo needs no type declarations): npm entries, then dist/parley.js.
    console.log('Building Parley…');
    await build({ configFile: `${root}vite.config.ts`, logLevel: 'warn' });
    await build({ configFile: `${root}vite.embed.config.ts`, logLevel: 'warn' });
  }
  // The custom-element page bundles the `parley-chat/element` entry the way an app would.
  await build({ configFile: `${root}vite.demo.config.ts`, logLevel: 'warn' });

  const emulator = await onFreePort('emulator', flags.emulatorPort, (port) =>
    createEmulator({ port, host: flags.host, agent: 'auto', ...(flags.agentDelayMs !== undefined ? { agentDelayMs: flags.agentDelayMs } : {}) }),
  );
  const demo = await onFreePort('demo site', flags.port, (port) => startDemoServer({ port, host: flags.host, apiBase: emulator.url }));

  console.log(`
  Parley demo is running.

  Demo store       ${demo.url}/
  Custom element   ${demo.url}/element.html
  Agent console    ${emulator.url}/agent
  Emulator API     ${emulator.url}

  Press Ctrl+C to stop.
`);

  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    console.log('Stopping…');
    await Promise.allSettled([demo.close(), emulator.close()]);
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error: unknown) => {
  console.error(`npm start failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
