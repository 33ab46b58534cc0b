// The real demo for a script that looks at it (screenshot.ts, tour.ts): a fresh build, the emulator with the auto
// agent, the demo site and headless Chromium, all closed afterwards whatever happens.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser } from '@playwright/test';
import { build } from 'vite';
import { createEmulator } from '../emulator/index';
import { startDemoServer } from './demo-server';

const root = fileURLToPath(new URL('..', import.meta.url));

export interface DemoSession {
  browser: Browser;
  /** The demo site's origin, e.g. `http://127.0.0.1:41234`. */
  url: string;
}

/** Runs `use` against a freshly built demo; on failure prints one line naming `what` and exits 1. */
export async function withDemo(what: string, use: (session: DemoSession) => Promise<void>): Promise<void> {
  try {
    for (const config of ['vite.config.ts', 'vite.embed.config.ts', 'vite.demo.config.ts']) await build({ configFile: `${root}${config}`, logLevel: 'warn' });
    const emulator = await createEmulator({ port: 0, agent: 'auto', agentDelayMs: 300 });
    const demo = await startDemoServer({ port: 0, host: '127.0.0.1', apiBase: emulator.url });
    const browser = await chromium.launch({
      ...(existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium' } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      await use({ browser, url: demo.url });
    } finally {
      await browser.close();
      await demo.close();
      await emulator.close();
    }
  } catch (error: unknown) {
    console.error(`${what} failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  }
}
