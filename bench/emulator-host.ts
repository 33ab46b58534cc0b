// Runs one emulator in a child process for the bench, so its memory and CPU are its own, and answers the
// parent's questions over IPC (its URL, its memory after a forced GC). The measuring lives in the parent.

import { createEmulator } from '../emulator/index';

type Request = { type: 'memory' } | { type: 'close' };

async function main(): Promise<void> {
  const heartbeatMs = Number(process.env.BENCH_HEARTBEAT_MS ?? 10_000);
  const emulator = await createEmulator({ port: 0, agent: 'manual', heartbeatMs });
  const send = (m: unknown) => process.send?.(m);
  process.on('message', async (m: Request) => {
    if (m.type === 'memory') {
      // Two collections: the first may only finalize what the second frees.
      globalThis.gc?.();
      globalThis.gc?.();
      const u = process.memoryUsage();
      send({ type: 'memory', rss: u.rss, heapUsed: u.heapUsed, heapTotal: u.heapTotal, external: u.external, gcForced: typeof globalThis.gc === 'function' });
    } else if (m.type === 'close') {
      await emulator.close();
      send({ type: 'closed' });
      process.exit(0);
    }
  });
  // The parent gone (crashed, killed): no orphan emulator is left behind.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'ready', url: emulator.url });
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
