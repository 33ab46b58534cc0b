// The event-stream side: WebSocket upgrades at /chat/jwt/{jwt} (guests) and /_emulator/stream (the agent console),
// per-conversation fan-out, heartbeats on the injected clock, ping→pong, and the socket faults. Deciding what
// to publish is chat-actions.ts's job; authorizing a guest's JWT is the caller's (`resolveGuest`).

import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import type { TimerScope } from './clock';
import { EmulatorError, errorBody } from './errors';
import { heartbeatFrame, pongFrame } from './views';

export const GUEST_STREAM_PREFIX = '/chat/jwt/';
export const CONTROL_STREAM_PATH = '/_emulator/stream';
/** Client frames above this close that socket with 1009; the only frame a client needs is a ping. */
const MAX_CLIENT_FRAME_BYTES = 64 * 1024;

export interface StreamHubOptions {
  timers: TimerScope;
  heartbeatMs: number;
  /** Maps a JWT from the path to its conversation, or throws an EmulatorError (the upgrade is refused with its status). */
  resolveGuest(jwt: string): Promise<{ conversationId: string; ended: boolean }>;
  /** Called for every guest socket that attaches (routing starts on the first). */
  onGuestAttach(conversationId: string): void;
  /** Consumes one `rejectSockets` fault, if any is left. */
  takeRejection(): boolean;
  /** Whether a request may open the control stream (token check off loopback). */
  controlAllowed(req: IncomingMessage): boolean;
}

interface GuestSocket {
  ws: WebSocket;
  conversationId: string;
  stalled: boolean;
  cancelTimers: Array<() => void>;
}

export interface StreamHub {
  handleUpgrade(req: IncomingMessage, socket: Duplex, head: Buffer): void;
  /** Sends a frame to every live socket of the conversation and to the control streams. */
  publish(conversationId: string, frame: object): void;
  /** A control-stream-only notice (the console refreshes on it). */
  notifyControl(notice: object): void;
  /** Closes the conversation's live sockets (stalled ones stay silent until their stall ends). */
  closeConversation(conversationId: string, code: number, reason: string): void;
  /** Fault `dropSockets`: terminate every guest socket without a close frame. */
  dropAll(): void;
  /** Fault `stallSocketsMs`. */
  stallAll(ms: number): void;
  /** Closes every guest socket with `code` (reset). */
  closeAllGuests(code: number, reason: string): void;
  guestSocketCount(conversationId?: string): number;
  shutdown(): void;
}

export function createStreamHub(options: StreamHubOptions): StreamHub {
  const { timers } = options;
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_CLIENT_FRAME_BYTES, clientTracking: false });
  const guests = new Set<GuestSocket>();
  const controls = new Set<WebSocket>();

  function refuse(socket: Duplex, status: number, statusText: string, body: object): void {
    if (socket.destroyed) return;
    const text = JSON.stringify(body);
    socket.end(
      `HTTP/1.1 ${status} ${statusText}\r\nConnection: close\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(text)}\r\n\r\n${text}`,
    );
  }

  const refuseWithError = (socket: Duplex, e: EmulatorError) =>
    refuse(socket, e.status, e.status === 401 ? 'Unauthorized' : e.status === 404 ? 'Not Found' : 'Bad Request', errorBody(e, ''));

  function sendText(ws: WebSocket, text: string): void {
    if (ws.readyState === ws.OPEN) ws.send(text);
  }

  function attachGuest(ws: WebSocket, conversationId: string, ended: boolean): void {
    ws.on('error', () => {});
    if (ended) {
      // Uncertain (§6.1/§6.8): reopening the stream of a conversation that is over gets a clean close at once.
      ws.close(1000, 'conversation ended');
      return;
    }
    const g: GuestSocket = { ws, conversationId, stalled: false, cancelTimers: [] };
    guests.add(g);
    const beat = () => {
      if (!g.stalled) sendText(ws, JSON.stringify(heartbeatFrame()));
      g.cancelTimers[0] = timers.after(options.heartbeatMs, beat);
    };
    g.cancelTimers[0] = timers.after(options.heartbeatMs, beat);
    ws.on('message', (data: RawData, isBinary: boolean) => {
      if (g.stalled || isBinary) return;
      if (isPing(data)) sendText(ws, JSON.stringify(pongFrame()));
      // Anything else a client sends is ignored (§6.1): the stream is server → client.
    });
    ws.on('close', () => {
      guests.delete(g);
      for (const cancel of g.cancelTimers) cancel();
    });
    options.onGuestAttach(conversationId);
  }

  function attachControl(ws: WebSocket): void {
    ws.on('error', () => {});
    controls.add(ws);
    ws.on('close', () => controls.delete(ws));
  }

  async function upgradeGuest(req: IncomingMessage, socket: Duplex, head: Buffer, jwt: string): Promise<void> {
    if (options.takeRejection()) {
      refuse(socket, 503, 'Service Unavailable', errorBody(new EmulatorError(503, 'service.unavailable'), ''));
      return;
    }
    let target: { conversationId: string; ended: boolean };
    try {
      target = await options.resolveGuest(jwt);
    } catch (e) {
      refuseWithError(socket, e instanceof EmulatorError ? e : new EmulatorError(401, 'bad.credentials'));
      return;
    }
    if (socket.destroyed) return;
    wss.handleUpgrade(req, socket, head, (ws) => attachGuest(ws, target.conversationId, target.ended));
  }

  return {
    handleUpgrade(req, socket, head) {
      socket.on('error', () => {});
      const path = (req.url ?? '').split('?')[0] ?? '';
      if (path.startsWith(GUEST_STREAM_PREFIX)) {
        let jwt: string;
        try {
          jwt = decodeURIComponent(path.slice(GUEST_STREAM_PREFIX.length));
        } catch {
          jwt = '';
        }
        upgradeGuest(req, socket, head, jwt).catch(() => socket.destroy());
      } else if (path === CONTROL_STREAM_PATH) {
        if (!options.controlAllowed(req)) refuse(socket, 401, 'Unauthorized', { message: 'A control token is required.', code: 'bad.credentials', status: 401 });
        else wss.handleUpgrade(req, socket, head, attachControl);
      } else {
        refuse(socket, 404, 'Not Found', errorBody(new EmulatorError(404, 'not.found'), ''));
      }
    },
    publish(conversationId, frame) {
      const text = JSON.stringify(frame);
      for (const g of guests) if (g.conversationId === conversationId && !g.stalled) sendText(g.ws, text);
      for (const ws of controls) sendText(ws, text);
    },
    notifyControl(notice) {
      const text = JSON.stringify(notice);
      for (const ws of controls) sendText(ws, text);
    },
    closeConversation(conversationId, code, reason) {
      for (const g of guests) if (g.conversationId === conversationId && !g.stalled) g.ws.close(code, reason);
    },
    dropAll() {
      for (const g of [...guests]) g.ws.terminate();
    },
    stallAll(ms) {
      for (const g of guests) {
        if (g.stalled) continue;
        g.stalled = true;
        // As a server that finally gives up on a dead peer: no close frame.
        g.cancelTimers.push(timers.after(ms, () => g.ws.terminate()));
      }
    },
    closeAllGuests(code, reason) {
      for (const g of [...guests]) {
        if (g.stalled) g.ws.terminate();
        else g.ws.close(code, reason);
      }
    },
    guestSocketCount: (conversationId) =>
      [...guests].filter((g) => conversationId === undefined || g.conversationId === conversationId).length,
    shutdown() {
      for (const g of [...guests]) g.ws.terminate();
      for (const ws of [...controls]) ws.terminate();
      wss.close();
    },
  };
}

function isPing(data: RawData): boolean {
  const text = Array.isArray(data) ? Buffer.concat(data).toString('utf8') : Buffer.from(data as ArrayBuffer).toString('utf8');
  if (text.length > 100) return false;
  try {
    const v: unknown = JSON.parse(text);
    return typeof v === 'object' && v !== null && (v as Record<string, unknown>).message === 'ping';
  } catch {
    return false;
  }
}
