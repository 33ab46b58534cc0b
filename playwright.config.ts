// End-to-end tests: Chromium against a fresh in-process emulator per test (e2e/fixtures.ts); no webServer.
// Debian's Chromium when present (`playwright install` is never needed), else Playwright's own build.
import { existsSync } from 'node:fs';
import { chromium, defineConfig } from '@playwright/test';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';

function chromiumExecutable(): string | undefined {
  if (existsSync(SYSTEM_CHROMIUM)) return SYSTEM_CHROMIUM;
  let bundled: string | undefined;
  try {
    bundled = chromium.executablePath();
  } catch {
    bundled = undefined;
  }
  if (bundled && existsSync(bundled)) return undefined; // Playwright finds its own build by itself.
  throw new Error(
    `No Chromium for the end-to-end tests: neither ${SYSTEM_CHROMIUM} (Debian: apt-get install chromium) ` +
      `nor Playwright's bundled browser${bundled ? ` (${bundled})` : ''} exists.`,
  );
}

const executablePath = chromiumExecutable();

export default defineConfig({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  globalSetup: './e2e/global-setup.ts',
  fullyParallel: true,
  retries: 0,
  workers: 2,
  reporter: 'list',
  // Generous: the suite shares two cores with builds and other work; nothing waits on time, only on conditions.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  forbidOnly: !!process.env['CI'],
  use: {
    browserName: 'chromium',
    trace: 'retain-on-failure',
    launchOptions: {
      ...(executablePath ? { executablePath } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
});
