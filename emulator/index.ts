// createEmulator(): the WebChat v2 emulator as one object, for the CLI and for tests (port 0). It wires the
// instance-scoped pieces — world, credentials, stream hub, routes, control API, auto agent — and owns their lifetime.

import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { readAgentConsolePage } from './agent-console';
import { createAuth, DEFAULT_JWT_LIFETIME_MS } from './auth';
import { createAutoAgent, type AutoAgent } from './auto-agent';
import { createChatActions } from './chat-actions';
import { createTimerScope, systemClock, type EmulatorClock } from './clock';
import { controlRoutes } from './control';
import { fail } from './errors';
import { createFaults } from './faults';
import { adminRoutes } from './routes/admin';
import type { RouteDeps } from './routes/context';
import { guestConversationRoutes } from './routes/guest-conversations';
import { guestMediaRequestRoutes } from './routes/guest-media-requests';
import { guestMemberRoutes } from './routes/guest-members';
import { guestMessageRoutes } from './routes/guest-messages';
import { oauthRoutes } from './routes/oauth';
import { createHttpServer, isControlAllowed } from './server';
import { createStreamHub } from './stream-hub';
import { createWorld, DEFAULT_WORLD } from './world';

export type { EmulatorClock } from './clock';
export { DEFAULT_WORLD } from './world';

export interface EmulatorOptions {
  /** 0 picks a free port. Default 8787. */
  port?: number;
  /** Address to bind. Default 127.0.0.1; any non-loopback address turns on the control token. */
  host?: string;
  /** `auto`: the demo agent answers every routed chat. Default `manual`. */
  agent?: 'auto' | 'manual';
  /** Queue time before the auto agent joins. Default 1500. */
  agentDelayMs?: number;
  /** Interval of `channel.metadata` heartbeats. Default 10000. */
  heartbeatMs?: number;
  /** Every timer and timestamp goes through it (tests pass `createFakeClock()`). */
  clock?: EmulatorClock;
  /** Guest JWT lifetime. Default 21 h. */
  jwtLifetimeMs?: number;
  /** Overrides the generated control token (only used off loopback unless `requireControlToken`). */
  controlToken?: string;
  /** Demand the control token even on loopback (tests of the token itself). */
  requireControlToken?: boolean;
  /** Log unexpected internal errors to stderr. Default true. */
  logErrors?: boolean;
}

export interface Emulator {
  /** `http://HOST:PORT`, the API origin. */
  url: string;
  host: string;
  port: number;
  /** The fixed ids of the default world. */
  ids: typeof DEFAULT_WORLD;
  /** Set when the control API demands `Authorization: Bearer <controlToken>`. */
  controlToken: string | undefined;
  /** Live guest event-stream sockets (all, or of one conversation). */
  guestSocketCount(conversationId?: string): number;
  close(): Promise<void>;
}

export function isLoopback(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127\.\d+\.\d+\.\d+$/.test(h) || /^::ffff:127\.\d+\.\d+\.\d+$/.test(h);
}

export async function createEmulator(options: EmulatorOptions = {}): Promise<Emulator> {
  const clock = options.clock ?? systemClock;
  const host = options.host ?? '127.0.0.1';
  const controlToken =
    options.requireControlToken || !isLoopback(host) ? (options.controlToken ?? randomBytes(18).toString('base64url')) : undefined;
  const timers = createTimerScope(clock);
  const world = createWorld();
  const faults = createFaults();
  const auth = createAuth({
    clock,
    jwtLifetimeMs: options.jwtLifetimeMs ?? DEFAULT_JWT_LIFETIME_MS,
    clientId: DEFAULT_WORLD.oauthClientId,
    clientSecret: DEFAULT_WORLD.oauthSecret,
  });

  // The hub routes on attach through `actions`, which is created just below with the hub it publishes to;
  // the callback runs only once a socket attaches, long after both exist.
  const hub = createStreamHub({
    timers,
    heartbeatMs: options.heartbeatMs ?? 10_000,
    async resolveGuest(jwt) {
      const claims = await auth.verifyGuestJwt(jwt);
      const c = world.conversations.get(claims.conversationId);
      if (!c) throw fail.notFound();
      return { conversationId: c.id, ended: c.ended };
    },
    onGuestAttach(conversationId) {
      const c = world.conversations.get(conversationId);
      if (c) actions.markRouted(c);
    },
    takeRejection: () => faults.takeSocketRejection(),
    controlAllowed: (req) => isControlAllowed(req, controlToken),
  });
  const actions = createChatActions(world, hub, clock);

  const agentTimers = timers.child();
  const autoAgent: AutoAgent | undefined =
    options.agent === 'auto'
      ? createAutoAgent({ actions, timers: agentTimers, now: () => clock.now(), delayMs: options.agentDelayMs ?? 1500 })
      : undefined;

  const deps: RouteDeps = { world, auth, actions, clock };
  let address = { host, port: options.port ?? 8787 };
  const hostForUrl = () => (address.host.includes(':') ? `[${address.host}]` : address.host);
  const consolePage = readAgentConsolePage();

  const server = createHttpServer({
    apiRoutes: [
      ...guestConversationRoutes(deps),
      ...guestMemberRoutes(deps),
      ...guestMessageRoutes(deps),
      ...guestMediaRequestRoutes(deps),
      ...adminRoutes(deps),
    ],
    oauthRoutes: oauthRoutes(auth),
    controlRoutes: controlRoutes({
      world,
      actions,
      hub,
      faults,
      reset() {
        autoAgent?.stop();
        world.reset();
        faults.clear();
        // 1012 "service restart": clients reconnect, find their conversation gone (404) and end the chat.
        hub.closeAllGuests(1012, 'emulator reset');
        hub.notifyControl({ topicName: 'emulator.reset', eventBody: {} });
      },
    }),
    consolePage: () => consolePage,
    hub,
    faults,
    timers,
    controlToken,
    fallbackHost: () => `${hostForUrl()}:${address.port}`,
    log: options.logErrors === false ? () => {} : (m) => console.error(m),
  });

  await new Promise<void>((resolve, reject) => {
    const onError = (e: Error) => reject(e);
    server.once('error', onError);
    server.listen(address.port, host, () => {
      server.off('error', onError);
      resolve();
    });
  });
  address = { host, port: (server.address() as AddressInfo).port };
  const url = `http://${hostForUrl()}:${address.port}`;

  let closing: Promise<void> | undefined;
  return {
    url,
    host,
    port: address.port,
    ids: DEFAULT_WORLD,
    controlToken,
    guestSocketCount: (id) => hub.guestSocketCount(id),
    close() {
      closing ??= new Promise<void>((resolve) => {
        autoAgent?.stop();
        timers.cancelAll();
        hub.shutdown();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return closing;
    },
  };
}
