// The control API of emulator-control.md under /_emulator: health, reset, conversations seen from the agent's
// side, agent actions, and faults. The real service has none of it; tests and the agent console drive it.

import { BODY_TYPES, MEDIA_REQUEST_TYPES, type BodyType, type MediaRequestType } from '../src/protocol/models';
import type { ChatActions } from './chat-actions';
import { EmulatorError, fail } from './errors';
import { FAULT_STATUSES, type FaultStatus, type Faults } from './faults';
import { json, noContent, type ApiRequest, type Route } from './http';
import type { StreamHub } from './stream-hub';
import { checkBody, checkMessageLength } from './validate';
import { memberInfo, restMediaRequest, restMessage } from './views';
import { connectedAgents, conversationState, type Conversation, type World } from './world';

export const CONTROL_PREFIX = '/_emulator';

export interface ControlDeps {
  world: World;
  actions: ChatActions;
  hub: StreamHub;
  faults: Faults;
  /** Forgets every conversation and restores the default world (auto agent timers included). */
  reset(): void;
}

function summary(c: Conversation) {
  return {
    id: c.id,
    state: conversationState(c),
    routed: c.routed,
    deploymentId: c.deploymentId,
    queue: c.queue,
    createdAt: new Date(c.createdAt).toISOString(),
    members: c.members.map(memberInfo),
    messageCount: c.messages.length,
  };
}

const nonNegative = (body: Record<string, unknown>, field: string): number | undefined => {
  const v = body[field] as number | undefined;
  if (v !== undefined && v < 0) throw fail.invalidValue(field, v, 'an integer of at least 0');
  return v;
};

export function controlRoutes(deps: ControlDeps): Route[] {
  const { world, actions, hub, faults } = deps;
  const P = CONTROL_PREFIX;
  const C = `${P}/conversations/:id`;

  const conversation = (req: ApiRequest) => {
    const c = world.conversations.get(req.params.id ?? '');
    if (!c) throw fail.notFound();
    return c;
  };
  const open = (req: ApiRequest) => {
    const c = conversation(req);
    if (c.ended) throw fail.conversationState();
    return c;
  };
  const agentOf = (c: Conversation) => {
    const agent = connectedAgents(c)[0];
    if (!agent) throw new EmulatorError(400, 'chat.error.member.state', { message: 'No agent is connected to this conversation.' });
    return agent;
  };
  const body = async (req: ApiRequest) => (await req.json()) ?? {};

  return [
    { method: 'GET', pattern: `${P}/health`, handler: async () => json(200, { ok: true }) },
    {
      method: 'POST',
      pattern: `${P}/reset`,
      handler: async () => {
        deps.reset();
        return noContent();
      },
    },
    {
      method: 'GET',
      pattern: `${P}/conversations`,
      handler: async () => json(200, [...world.conversations.values()].reverse().map(summary)),
    },
    {
      method: 'GET',
      pattern: C,
      handler: async (req) => {
        const c = conversation(req);
        return json(200, {
          ...summary(c),
          messages: c.messages.map((m) => restMessage(c, m)),
          mediaRequests: c.mediaRequests.map((r) => restMediaRequest(c, r)),
        });
      },
    },
    {
      method: 'POST',
      pattern: `${C}/agent`,
      handler: async (req) => {
        const c = open(req);
        const b = checkBody(await body(req), { displayName: 'string', avatarImageUrl: 'string' }) as { displayName?: string; avatarImageUrl?: string };
        // Uncertain: the control API may seat an agent before the stream routed the chat (the auto agent never does).
        return json(200, memberInfo(actions.agentJoin(c, b)));
      },
    },
    {
      method: 'POST',
      pattern: `${C}/agent/messages`,
      handler: async (req) => {
        const c = open(req);
        const b = checkBody(await body(req), { body: 'string', bodyType: { enum: BODY_TYPES } });
        if (b.body === undefined) throw fail.missing('body');
        const text = b.body as string;
        checkMessageLength(text);
        const agent = agentOf(c);
        return json(200, restMessage(c, actions.postMessage(c, agent.id, text, (b.bodyType as BodyType | undefined) ?? 'standard')));
      },
    },
    {
      method: 'POST',
      pattern: `${C}/agent/typing`,
      handler: async (req) => {
        const c = open(req);
        actions.postTyping(c, agentOf(c).id);
        return noContent();
      },
    },
    {
      method: 'DELETE',
      pattern: `${C}/agent`,
      handler: async (req) => {
        const c = open(req);
        actions.agentLeave(c, agentOf(c));
        return noContent();
      },
    },
    {
      method: 'POST',
      pattern: `${C}/mediarequests`,
      handler: async (req) => {
        const c = open(req);
        const b = checkBody(await body(req), { types: { array: { enum: MEDIA_REQUEST_TYPES } } });
        const types = b.types as MediaRequestType[] | undefined;
        if (types === undefined || types.length === 0) throw fail.missing('types');
        return json(200, restMediaRequest(c, actions.createMediaRequest(c, types)));
      },
    },
    {
      method: 'POST',
      pattern: `${C}/disconnect`,
      // Ending a conversation that is already over changes nothing (our choice: idempotent).
      handler: async (req) => {
        const c = conversation(req);
        if (!c.ended) actions.endConversation(c);
        return noContent();
      },
    },
    { method: 'GET', pattern: `${P}/faults`, handler: async () => json(200, faults.describe()) },
    {
      method: 'POST',
      pattern: `${P}/faults`,
      handler: async (req) => {
        const b = checkBody(await body(req), {
          dropSockets: 'boolean',
          stallSocketsMs: 'integer',
          rejectSockets: 'integer',
          latencyMs: 'integer',
          failRequests: { object: { status: 'integer', count: 'integer', retryAfterSec: 'integer', match: 'string', afterEffect: 'boolean' } },
        });
        const stall = nonNegative(b, 'stallSocketsMs');
        const reject = nonNegative(b, 'rejectSockets');
        const latency = nonNegative(b, 'latencyMs');
        const fr = b.failRequests as { status?: number; count?: number; retryAfterSec?: number; match?: string; afterEffect?: boolean } | undefined;
        if (fr) {
          if (fr.status === undefined) throw fail.missing('failRequests.status');
          if (!(FAULT_STATUSES as readonly number[]).includes(fr.status)) {
            throw fail.invalidValue('failRequests.status', fr.status, FAULT_STATUSES.join(', '));
          }
          if (fr.count === undefined) throw fail.missing('failRequests.count');
          if (fr.count < 0) throw fail.invalidValue('failRequests.count', fr.count, 'an integer of at least 0');
          if (fr.retryAfterSec !== undefined && fr.retryAfterSec < 0) {
            throw fail.invalidValue('failRequests.retryAfterSec', fr.retryAfterSec, 'an integer of at least 0');
          }
        }
        // Everything is checked before anything is applied.
        if (b.dropSockets === true) hub.dropAll();
        if (stall !== undefined) hub.stallAll(stall);
        if (reject !== undefined) faults.rejectSockets(reject);
        if (latency !== undefined) faults.setLatency(latency);
        if (fr) {
          faults.failRequests({
            status: fr.status as FaultStatus,
            count: fr.count as number,
            afterEffect: fr.afterEffect === true,
            ...(fr.retryAfterSec !== undefined ? { retryAfterSec: fr.retryAfterSec } : {}),
            ...(fr.match !== undefined ? { match: fr.match } : {}),
          });
        }
        return noContent();
      },
    },
    {
      method: 'DELETE',
      pattern: `${P}/faults`,
      handler: async () => {
        faults.clear();
        return noContent();
      },
    },
  ];
}
