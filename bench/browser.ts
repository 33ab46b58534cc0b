// Launches headless Chromium for the bench: Debian's /usr/bin/chromium with the project's flags when present,
// else Playwright's own build; a clear error when neither exists.

import { existsSync } from 'node:fs';
import { chromium, type Browser } from '@playwright/test';

const SYSTEM_CHROMIUM = '/usr/bin/chromium';
const ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

export async function launchBrowser(): Promise<{ browser: Browser; executable: string }> {
  if (existsSync(SYSTEM_CHROMIUM)) {
    return { browser: await chromium.launch({ executablePath: SYSTEM_CHROMIUM, args: ARGS }), executable: SYSTEM_CHROMIUM };
  }
  try {
    return { browser: await chromium.launch({ args: ARGS }), executable: chromium.executablePath() };
  } catch (e) {
    throw new Error(`bench: no Chromium: ${SYSTEM_CHROMIUM} is missing and Playwright's browser failed to start`, { cause: e });
  }
}
