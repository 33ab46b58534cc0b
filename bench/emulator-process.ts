// The parent's handle on an emulator running in a child process (bench/emulator-host.ts, loaded through tsx):
// start it, ask for its memory, stop it.

import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface EmulatorMemory {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  gcForced: boolean;
}

export interface EmulatorProcess {
  url: string;
  pid: number;
  memory(): Promise<EmulatorMemory>;
  close(): Promise<void>;
}

function nextMessage<T>(child: ChildProcess, type: string, timeoutMs = 60_000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`emulator process: no "${type}" within ${timeoutMs} ms`)), timeoutMs);
    const onMessage = (m: { type?: string }) => {
      if (m.type !== type) return;
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
      resolve(m as T);
    };
    const onExit = (code: number | null) => {
      clearTimeout(timer);
      reject(new Error(`emulator process exited (${code}) before "${type}"`));
    };
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

export async function startEmulatorProcess(options: { heartbeatMs?: number } = {}): Promise<EmulatorProcess> {
  const script = fileURLToPath(new URL('./emulator-host.ts', import.meta.url));
  const child = fork(script, [], {
    execArgv: ['--import', 'tsx', '--expose-gc'],
    env: { ...process.env, BENCH_HEARTBEAT_MS: String(options.heartbeatMs ?? 10_000) },
    stdio: ['ignore', 'ignore', 'inherit', 'ipc'],
  });
  // A child that dies is reported where it is awaited (nextMessage), not as an unhandled 'error' event.
  child.on('error', () => undefined);
  // Node keeps the IPC channel (and so this process) alive only while the child has 'message' listeners; without
  // one between questions, a run whose other handles are unref'd (Playwright's pipes) would exit mid-await.
  child.on('message', () => undefined);
  const killChild = () => child.kill();
  process.once('exit', killChild);
  const ready = await nextMessage<{ url: string }>(child, 'ready');
  return {
    url: ready.url,
    pid: child.pid ?? -1,
    async memory() {
      const reply = nextMessage<EmulatorMemory>(child, 'memory');
      child.send({ type: 'memory' });
      return reply;
    },
    async close() {
      process.off('exit', killChild);
      if (child.exitCode !== null || !child.connected) return;
      const closed = nextMessage(child, 'closed', 10_000).catch(() => undefined);
      child.send({ type: 'close' });
      await closed;
      if (child.exitCode === null) child.kill();
    },
  };
}
