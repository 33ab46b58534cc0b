// The demo, started as `npm start` starts it (minus the build `npm test` just did): the store page embeds
// /parley.js by script tag, the auto agent shows every feature, the element page works, Ctrl+C stops it all.
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer, type Server } from 'node:net';
import { fileURLToPath } from 'node:url';
import { expect, test, widget } from './fixtures';

const root = fileURLToPath(new URL('..', import.meta.url));

interface Demo {
  child: ChildProcess;
  output: () => string;
  store: string;
  element: string;
  agentConsole: string;
  emulator: string;
  /** How npm ended: Ctrl+C ends it by the signal, as in a terminal. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

/** `npm start -- …` in its own process group, so that a test can press "Ctrl+C" as a terminal does. */
async function startDemo(args: string[]): Promise<Demo> {
  const child = spawn('npm', ['start', '--', '--no-build', ...args], { cwd: root, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d: Buffer) => (output += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (output += d.toString()));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  await expect.poll(() => output, { timeout: 60_000, message: 'npm start prints its URLs' }).toContain('Press Ctrl+C to stop');
  const url = (label: string) => {
    const match = new RegExp(`${label}\\s+(http://\\S+)`).exec(output);
    if (!match?.[1]) throw new Error(`npm start did not print "${label}":\n${output}`);
    return match[1];
  };
  return { child, output: () => output, store: url('Demo store'), element: url('Custom element'), agentConsole: url('Agent console'), emulator: url('Emulator API'), exited };
}

function pressCtrlC(demo: Demo): void {
  const running = demo.child.exitCode === null && demo.child.signalCode === null;
  if (running && demo.child.pid) process.kill(-demo.child.pid, 'SIGINT');
}

async function refusesConnections(url: string): Promise<boolean> {
  return fetch(url).then(
    () => false,
    () => true,
  );
}

test.describe.configure({ mode: 'serial' });
test.setTimeout(120_000);

let demo: Demo;

test.beforeAll(async () => {
  demo = await startDemo(['--port', '0', '--emulator-port', '0']);
});

test.afterAll(async () => {
  if (!demo) return;
  pressCtrlC(demo);
  await demo.exited;
});

test('the store page embeds /parley.js by script tag, pointed at the emulator on another origin', async ({ page }) => {
  expect(new URL(demo.store).origin).not.toBe(new URL(demo.emulator).origin);
  await page.goto(demo.store);
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(/Ridgeline 2/);
  const tag = page.locator('script[src="/parley.js"]');
  await expect(tag).toHaveAttribute('data-api-base', demo.emulator);
  await expect(tag).toHaveAttribute('data-organization-id', /^[0-9a-f-]{36}$/);
  await expect(page.getByRole('heading', { name: 'Try the chat' })).toBeVisible();
  await expect(page.getByRole('link', { name: /agent console/i }).first()).toHaveAttribute('href', demo.agentConsole);
  await expect(widget(page).launcher).toBeVisible();
});

test('a visitor chats with the auto agent through every feature', async ({ page }) => {
  await page.goto(demo.store);
  const w = widget(page);
  await w.openLauncher.click();
  await w.firstName.fill('Ada');
  await w.startChat.click();

  // Joins after a short queue and greets by name.
  const fromGrace = w.log.getByRole('article').filter({ hasText: 'Grace' });
  await expect(fromGrace.filter({ hasText: 'Ada' }).first()).toBeVisible({ timeout: 15_000 });

  // Types before answering, then answers.
  const answersBefore = await fromGrace.count();
  await w.composer.fill('Do you have the Ridgeline in green?');
  await w.composer.press('Enter');
  await expect(page.getByRole('status').filter({ hasText: /Grace is typing/i })).toBeVisible({ timeout: 15_000 });
  await expect.poll(() => fromGrace.count(), { timeout: 15_000 }).toBeGreaterThan(answersBefore);

  // "cobrowse": a co-browse request to accept.
  await w.composer.fill('Can we cobrowse?');
  await w.composer.press('Enter');
  const prompt = page.getByRole('alertdialog', { name: /co-browse/i });
  await expect(prompt).toBeVisible({ timeout: 15_000 });
  await prompt.getByRole('button', { name: 'Accept' }).click();
  await expect(prompt).toBeHidden();

  // A reload resumes the chat with its history.
  await page.reload();
  if (!(await w.dialog.isVisible())) await w.openLauncher.click();
  await expect(w.article('Do you have the Ridgeline in green?').first()).toBeVisible();

  // "bye": the agent says goodbye and ends the chat.
  await w.composer.fill('bye');
  await w.composer.press('Enter');
  await expect(w.ended).toBeVisible({ timeout: 15_000 });
  await expect(page.getByRole('button', { name: /start new chat/i })).toBeVisible();
});

test('the custom-element page chats too, and its attribute controls remount the widget', async ({ page }) => {
  await page.goto(demo.element);
  const w = widget(page);
  await w.openLauncher.click();
  await expect(page.getByRole('dialog', { name: 'Trailhead help centre' })).toBeVisible();
  await page.getByLabel('title', { exact: true }).fill('Gear advice');
  await page.getByLabel('title', { exact: true }).blur();
  await w.openLauncher.click();
  await expect(page.getByRole('dialog', { name: 'Gear advice' })).toBeVisible();
  await w.firstName.fill('Ada');
  await w.startChat.click();
  await expect(w.log.getByRole('article').filter({ hasText: 'Grace' }).first()).toBeVisible({ timeout: 15_000 });
});

test('the agent console is served by the emulator', async ({ page }) => {
  const res = await page.goto(demo.agentConsole);
  expect(res?.status()).toBe(200);
  expect(res?.headers()['content-type']).toContain('text/html');
});

test('Ctrl+C stops the demo site and the emulator', async () => {
  pressCtrlC(demo);
  const { code, signal } = await demo.exited;
  expect(code === 0 || signal === 'SIGINT').toBe(true);
  await expect.poll(() => refusesConnections(demo.store)).toBe(true);
  await expect.poll(() => refusesConnections(`${demo.emulator}/_emulator/health`)).toBe(true);
  expect(demo.output()).toContain('Stopping');
});

test('busy ports: npm start picks free ones and says which', async () => {
  const busy: Server = createServer();
  await new Promise<void>((resolve) => busy.listen(0, '127.0.0.1', () => resolve()));
  const port = (busy.address() as { port: number }).port;
  const second = await startDemo(['--port', String(port), '--emulator-port', String(port)]);
  try {
    expect(second.output()).toContain(`Port ${port} is in use`);
    expect(new URL(second.store).port).not.toBe(String(port));
    expect(new URL(second.emulator).port).not.toBe(String(port));
    expect((await fetch(second.store)).status).toBe(200);
  } finally {
    pressCtrlC(second);
    await second.exited;
    busy.close();
  }
});
