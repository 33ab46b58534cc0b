import { describe, expect, it } from 'vitest';
import { createFakeClock } from '../lib/fake-clock';
import { createLiveness, FALLBACK_DEAD_MS, FALLBACK_STALE_MS } from './liveness';

function setup(initialIntervalMs?: number) {
  const clock = createFakeClock();
  const events: { type: 'stale' | 'dead'; at: number }[] = [];
  const start = clock.now();
  const liveness = createLiveness({
    clock,
    onStale: () => events.push({ type: 'stale', at: clock.now() - start }),
    onDead: () => events.push({ type: 'dead', at: clock.now() - start }),
    ...(initialIntervalMs !== undefined ? { initialIntervalMs } : {}),
  });
  /** Heartbeats every `everyMs`, `count` times, starting `everyMs` from now. */
  const heartbeats = async (everyMs: number, count: number) => {
    for (let i = 0; i < count; i++) {
      await clock.advance(everyMs);
      liveness.frame('heartbeat');
    }
  };
  const elapsed = () => clock.now() - start;
  return { clock, events, liveness, heartbeats, elapsed };
}

describe('learning the interval', () => {
  it('knows nothing before two heartbeats, then the gap between them', async () => {
    const { liveness, heartbeats } = setup();
    liveness.opened();
    expect(liveness.intervalMs()).toBeUndefined();
    await heartbeats(2000, 1);
    expect(liveness.intervalMs()).toBeUndefined();
    await heartbeats(2000, 1);
    expect(liveness.intervalMs()).toBe(2000);
  });

  it('is not thrown off by a single odd gap', async () => {
    const { clock, liveness, heartbeats } = setup();
    liveness.opened();
    await heartbeats(2000, 4);
    await clock.advance(4500);
    liveness.frame('heartbeat');
    await heartbeats(2000, 1);
    expect(liveness.intervalMs()).toBe(2000);
  });

  it('follows a lasting change of cadence', async () => {
    const { liveness, heartbeats } = setup();
    liveness.opened();
    await heartbeats(2000, 4);
    await heartbeats(4000, 3);
    expect(liveness.intervalMs()).toBe(4000);
  });

  it('ignores bursts of frames delivered at once after the page was frozen', async () => {
    const { clock, liveness, heartbeats } = setup();
    liveness.opened();
    await heartbeats(2000, 3);
    for (let i = 0; i < 6; i++) {
      await clock.advance(1);
      liveness.frame('heartbeat');
    }
    expect(liveness.intervalMs()).toBe(2000);
  });

  it('measures only between heartbeats of the same socket and keeps what it learned across reconnects', async () => {
    const { clock, liveness, heartbeats } = setup();
    liveness.opened();
    await heartbeats(2000, 3);
    liveness.closed();
    await clock.advance(700);
    liveness.opened();
    await clock.advance(300);
    liveness.frame('heartbeat');
    expect(liveness.intervalMs()).toBe(2000);
    await heartbeats(2000, 1);
    expect(liveness.intervalMs()).toBe(2000);
  });

  it('does not count other frames as heartbeats', async () => {
    const { clock, liveness } = setup();
    liveness.opened();
    liveness.frame('heartbeat');
    await clock.advance(300);
    liveness.frame('other');
    await clock.advance(1700);
    liveness.frame('heartbeat');
    expect(liveness.intervalMs()).toBe(2000);
  });

  it('starts from an interval learned earlier until it has measured one', async () => {
    const { liveness, heartbeats } = setup(10_000);
    liveness.opened();
    expect(liveness.thresholds()).toEqual({ staleMs: 15_000, deadMs: 25_000 });
    await heartbeats(2000, 2);
    expect(liveness.intervalMs()).toBe(2000);
  });
});

describe('silence', () => {
  it('reports stale at 1.5 intervals and dead at 2.5 intervals of silence', async () => {
    const { clock, events, liveness, heartbeats } = setup();
    liveness.opened();
    await heartbeats(2000, 2);
    const lastAt = 4000;
    await clock.advance(2999);
    expect(events).toEqual([]);
    await clock.advance(1);
    expect(events).toEqual([{ type: 'stale', at: lastAt + 3000 }]);
    await clock.advance(1999);
    expect(events).toHaveLength(1);
    await clock.advance(1);
    expect(events).toEqual([
      { type: 'stale', at: lastAt + 3000 },
      { type: 'dead', at: lastAt + 5000 },
    ]);
  });

  it('reports stale once per silence, and again after life was seen', async () => {
    const { clock, events, liveness, heartbeats } = setup();
    liveness.opened();
    await heartbeats(2000, 2);
    await clock.advance(3500);
    liveness.frame('other');
    await clock.advance(3500);
    expect(events.map((e) => e.type)).toEqual(['stale', 'stale']);
  });

  it('treats any frame as life', async () => {
    const { clock, events, liveness, heartbeats } = setup();
    liveness.opened();
    await heartbeats(2000, 2);
    for (let i = 0; i < 10; i++) {
      await clock.advance(2900);
      liveness.frame('other');
    }
    expect(events).toEqual([]);
  });

  it('falls back to 30 s for dead (and 18 s for stale) until two heartbeats were seen', async () => {
    const { clock, events, liveness } = setup();
    liveness.opened();
    liveness.frame('heartbeat');
    await clock.advance(FALLBACK_STALE_MS);
    expect(events).toEqual([{ type: 'stale', at: FALLBACK_STALE_MS }]);
    await clock.advance(FALLBACK_DEAD_MS - FALLBACK_STALE_MS - 1);
    expect(events).toHaveLength(1);
    await clock.advance(1);
    expect(events[1]).toEqual({ type: 'dead', at: FALLBACK_DEAD_MS });
    expect(FALLBACK_STALE_MS).toBe(18_000);
  });

  it('stops watching once dead, until the next socket opens', async () => {
    const { clock, events, liveness, heartbeats } = setup();
    liveness.opened();
    await heartbeats(1000, 2);
    await clock.advance(60_000);
    expect(events.map((e) => e.type)).toEqual(['stale', 'dead']);
    expect(clock.pendingTimers()).toBe(0);
    liveness.opened();
    await clock.advance(2500);
    expect(events.map((e) => e.type)).toEqual(['stale', 'dead', 'stale', 'dead']);
  });

  it('watches nothing while the socket is down', async () => {
    const { clock, events, liveness, heartbeats } = setup();
    liveness.opened();
    await heartbeats(1000, 2);
    liveness.closed();
    await clock.advance(120_000);
    liveness.frame('heartbeat');
    await clock.advance(120_000);
    expect(events).toEqual([]);
    expect(clock.pendingTimers()).toBe(0);
  });
});

describe('check()', () => {
  it('acts at once on a silence its timers did not see (a throttled background tab)', async () => {
    const clock = createFakeClock();
    const events: string[] = [];
    // A clock whose timers never fire, as in a tab whose timers are throttled to nothing.
    const throttled = { ...clock, setTimeout: () => clock.setTimeout(() => {}, 1e12) };
    const liveness = createLiveness({ clock: throttled, onStale: () => events.push('stale'), onDead: () => events.push('dead') });
    liveness.opened();
    for (let i = 0; i < 2; i++) {
      await clock.advance(2000);
      liveness.frame('heartbeat');
    }
    await clock.advance(3200);
    expect(events).toEqual([]);
    liveness.check();
    expect(events).toEqual(['stale']);
    liveness.check();
    expect(events).toEqual(['stale']);
    await clock.advance(60_000);
    liveness.check();
    expect(events).toEqual(['stale', 'dead']);
  });

  it('does nothing while life is recent', async () => {
    const { clock, events, liveness, heartbeats } = setup();
    liveness.opened();
    await heartbeats(2000, 2);
    await clock.advance(1000);
    liveness.check();
    expect(events).toEqual([]);
  });

  it('dispose() cancels every timer', async () => {
    const { clock, events, liveness } = setup();
    liveness.opened();
    liveness.dispose();
    expect(clock.pendingTimers()).toBe(0);
    await clock.advance(100_000);
    liveness.check();
    expect(events).toEqual([]);
  });
});
