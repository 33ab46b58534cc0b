// Emulator scale: N guest conversations with open event streams on one emulator process, then one agent message
// to each; delivery time per message (POST sent → frame received) and the process's memory.

import WebSocket from 'ws';
import { startEmulatorProcess, type EmulatorMemory } from './emulator-process';
import { DEFAULT_WORLD, nodeNow } from './page-bench';
import { pool, summary } from './stats';

export interface ScaleResult {
  conversations: number;
  delivery: ReturnType<typeof summary>;
  /** From the first agent POST to the last frame received. */
  allDeliveredMs: number;
  memory: { idle: EmulatorMemory; connected: EmulatorMemory; afterDelivery: EmulatorMemory };
}

interface Guest {
  conversationId: string;
  socket: WebSocket;
  waitFor(marker: string): Promise<number>;
}

async function post(url: string, body: unknown): Promise<unknown> {
  const res = await fetch(url, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  if (!res.ok) throw new Error(`POST ${url} → ${res.status} ${text}`);
  return text ? (JSON.parse(text) as unknown) : undefined;
}

async function openGuest(emulatorUrl: string, i: number): Promise<Guest> {
  const created = (await post(`${emulatorUrl}/api/v2/webchat/guest/conversations`, {
    organizationId: DEFAULT_WORLD.organizationId,
    deploymentId: DEFAULT_WORLD.deploymentId,
    routingTarget: { targetType: 'QUEUE', targetAddress: DEFAULT_WORLD.queue },
    memberInfo: { displayName: `Guest ${i}` },
  })) as { id: string; eventStreamUri: string };
  const socket = new WebSocket(created.eventStreamUri);
  const arrivals = new Map<string, number>();
  const waiters = new Map<string, (t: number) => void>();
  socket.on('message', (data: WebSocket.RawData) => {
    const t = nodeNow();
    const m = /scale:\d+/.exec(String(data));
    if (!m) return;
    arrivals.set(m[0], t);
    waiters.get(m[0])?.(t);
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  return {
    conversationId: created.id,
    socket,
    waitFor: (marker) =>
      new Promise((resolve, reject) => {
        const t = arrivals.get(marker);
        if (t !== undefined) return resolve(t);
        const timer = setTimeout(() => reject(new Error(`${marker} never arrived`)), 60_000);
        waiters.set(marker, (at) => (clearTimeout(timer), resolve(at)));
      }),
  };
}

export async function benchScale(levels: number[], log: (line: string) => void): Promise<ScaleResult[]> {
  const results: ScaleResult[] = [];
  for (const n of levels) {
    // A fresh process per level, so each memory reading is that level's alone.
    const emulator = await startEmulatorProcess();
    try {
      const idle = await emulator.memory();
      const guests = await pool(
        Array.from({ length: n }, (_, i) => i),
        16,
        (i) => openGuest(emulator.url, i),
      );
      await pool(guests, 16, (g) => post(`${emulator.url}/_emulator/conversations/${g.conversationId}/agent`, { displayName: 'Scale Agent' }));
      const connected = await emulator.memory();
      const started = nodeNow();
      const delivery = await pool(guests, 32, async (g, i) => {
        const marker = `scale:${i}`;
        const arrived = g.waitFor(marker);
        const t0 = nodeNow();
        await post(`${emulator.url}/_emulator/conversations/${g.conversationId}/agent/messages`, { body: `${marker} hello from the agent` });
        return (await arrived) - t0;
      });
      const allDeliveredMs = nodeNow() - started;
      const afterDelivery = await emulator.memory();
      for (const g of guests) g.socket.terminate();
      const r: ScaleResult = { conversations: n, delivery: summary(delivery), allDeliveredMs: Math.round(allDeliveredMs), memory: { idle, connected, afterDelivery } };
      results.push(r);
      log(`  ${n} conversations: delivery p95 ${r.delivery.p95} ms, all in ${r.allDeliveredMs} ms, RSS ${(connected.rss / 1e6).toFixed(1)} MB, heap ${(connected.heapUsed / 1e6).toFixed(1)} MB`);
    } finally {
      await emulator.close();
    }
  }
  return results;
}
