// Faults end to end: the emulator drops, stalls and refuses the event stream while an agent talks, and fails
// the guest's message POSTs with 5xx and 429. Nothing is lost, nothing doubled, order kept (widget-contract.md §4).
import type { Page, WebSocket } from '@playwright/test';
import { expect, startChatAs, widget, type Emulator } from './fixtures';
import { articleTexts, fastHeartbeatTest as test, logArticles } from './proof-helpers';

/** The page's event-stream sockets, in the order opened, with the heartbeats each has received. */
function watchSockets(page: Page) {
  const sockets: { ws: WebSocket; heartbeats: number; closed: boolean }[] = [];
  page.on('websocket', (ws) => {
    const entry = { ws, heartbeats: 0, closed: false };
    sockets.push(entry);
    ws.on('framereceived', (f) => {
      if (typeof f.payload === 'string' && f.payload.includes('WebSocket Heartbeat')) entry.heartbeats++;
    });
    ws.on('close', () => (entry.closed = true));
  });
  return {
    count: () => sockets.length,
    /** Waits for a socket opened after the first `after` ones that has proved itself alive with `beats` heartbeats. */
    async healthyAfter(after: number, beats = 2) {
      await expect
        .poll(() => sockets.slice(after).some((s) => !s.closed && s.heartbeats >= beats), { message: `a live socket after #${after} with ${beats} heartbeats`, timeout: 40_000, intervals: [50, 100, 200] })
        .toBe(true);
    },
  };
}

const agentLine = (n: number) => `A-${String(n).padStart(3, '0')}`;

async function agentSaysRange(emulator: Emulator, conversationId: string, from: number, to: number) {
  for (let n = from; n <= to; n++) await emulator.control.agentSays(conversationId, `${agentLine(n)} update on your order`);
}

test('a few hundred agent messages through dropped, refused and stalled sockets: each shown once, in order', async ({ page, site, emulator }) => {
  test.setTimeout(120_000);
  const sockets = watchSockets(page);
  await page.goto(site.embed());
  const conversation = await startChatAs(page, emulator, 'Ada');
  await emulator.control.joinAgent(conversation.id, { displayName: 'Grace' });
  // Heartbeats first: the widget learns their interval before it can judge a silent socket.
  await sockets.healthyAfter(0, 3);

  await agentSaysRange(emulator, conversation.id, 1, 50);

  // Faults follow each other within seconds, so the widget's reconnect backoff keeps growing (it restarts only
  // after a socket stayed up 5 s, docs/decisions/021): the longest refusal comes first, while its backoff is short.

  // A cut, then the server refuses the next reconnects: the guest is told, and it passes.
  const reconnecting = page.getByRole('status').filter({ hasText: /reconnecting/i });
  let before = sockets.count();
  await emulator.control.faults({ rejectSockets: 2, dropSockets: true });
  await expect(reconnecting).toBeVisible();
  await agentSaysRange(emulator, conversation.id, 51, 100);
  await sockets.healthyAfter(before);
  await expect(reconnecting).toHaveCount(0);

  // A dead path: the socket stays open but silent for seconds; what is said meanwhile never reaches it.
  before = sockets.count();
  await emulator.control.faults({ stallSocketsMs: 4_000 });
  await agentSaysRange(emulator, conversation.id, 101, 150);
  await sockets.healthyAfter(before);

  // A network cut: every socket dies without a close frame while messages keep coming.
  before = sockets.count();
  await emulator.control.faults({ dropSockets: true });
  await agentSaysRange(emulator, conversation.id, 151, 200);
  await sockets.healthyAfter(before);

  // A cut and a refusal at once, then calm.
  before = sockets.count();
  await emulator.control.faults({ dropSockets: true, rejectSockets: 1 });
  await agentSaysRange(emulator, conversation.id, 201, 250);
  await sockets.healthyAfter(before);
  await agentSaysRange(emulator, conversation.id, 251, 300);

  const agentArticles = logArticles(page).filter({ hasText: /A-\d{3} update/ });
  await expect(agentArticles).toHaveCount(300, { timeout: 20_000 });
  const shown = (await articleTexts(page)).flatMap((t) => t.match(/A-\d{3}(?= update)/g) ?? []);
  expect(shown).toEqual(Array.from({ length: 300 }, (_, i) => agentLine(i + 1)));
  await expect(reconnecting).toHaveCount(0);
});

const guestLine = (n: number) => `G-${String(n).padStart(2, '0')} is my order shipped?`;

test('dozens of guest messages through 503, 5xx-after-effect and 429 with Retry-After are stored exactly once', async ({ page, site, emulator }) => {
  test.setTimeout(120_000);
  await page.goto(site.embed());
  const conversation = await startChatAs(page, emulator, 'Ada');
  await emulator.control.joinAgent(conversation.id, { displayName: 'Grace' });
  const w = widget(page);
  const match = 'POST /api/v2/webchat/guest/conversations/*/members/*/messages';
  const rounds = [
    // Not processed: a retry is the only way the message gets stored.
    { status: 503, count: 1 },
    // Processed, then answered 5xx (a gateway timing out behind a service that did the work): a blind retry
    // would store it twice; the widget must catch up first and see it is already there.
    { status: 503, count: 1, afterEffect: true },
    { status: 429, count: 2, retryAfterSec: 1 },
    { status: 504, count: 1, afterEffect: true },
    { status: 502, count: 1 },
  ];
  const perRound = 8;
  let n = 0;
  const stored = async () =>
    (await emulator.control.conversation(conversation.id)).messages.filter((m) => m.bodyType === 'standard' && m.body.startsWith('G-')).map((m) => m.body);
  for (const fault of rounds) {
    await emulator.control.faults({ failRequests: { ...fault, match } });
    const from = n + 1;
    for (let i = 0; i < perRound; i++) {
      await w.composer.fill(guestLine(++n));
      await w.composer.press('Enter');
    }
    // Each round settles before the next fault is armed, so every fault meets messages of its own.
    await expect
      .poll(async () => (await stored()).filter((b) => Number(b.slice(2, 4)) >= from).length, { timeout: 30_000, message: `round ${JSON.stringify(fault)}` })
      .toBeGreaterThanOrEqual(perRound);
  }
  const expected = Array.from({ length: n }, (_, i) => guestLine(i + 1));
  expect(await stored()).toEqual(expected);
  // On screen: each once, in order, none left failed.
  await expect(logArticles(page).filter({ hasText: /G-\d{2} is my order/ })).toHaveCount(n);
  const shown = (await articleTexts(page)).flatMap((t) => t.match(/G-\d{2}(?= is my order)/g) ?? []);
  expect(shown).toEqual(expected.map((b) => b.slice(0, 4)));
  await expect(page.getByRole('button', { name: /^retry$/i })).toHaveCount(0);
});
