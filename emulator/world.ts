// The emulator's in-memory world, one per instance: organization, queue, deployments, settings, conversations.
// Plain data and lookups only; changes that must be announced on the event stream go through chat-actions.ts.

import type {
  BodyType,
  MediaRequestState,
  MediaRequestType,
  WebChatDeployment,
  WebChatMemberInfo,
  WebChatSettings,
} from '../src/protocol/models';
import { paths } from '../src/protocol/paths';

/** The fixed ids of the default world, printed at start-up (emulator-control.md). */
export const DEFAULT_WORLD = {
  organizationId: 'c0ffee00-0000-4000-8000-000000000001',
  deploymentId: 'c0ffee00-0000-4000-8000-000000000002',
  queue: 'Support',
  oauthClientId: 'c0ffee00-0000-4000-8000-000000000003',
  oauthSecret: 'parley-emulator-secret',
} as const;

/** A stored member: the API's model, with what the emulator always knows required (and no `null` leaveDate). */
export type Member = Omit<WebChatMemberInfo, 'leaveDate'> & Required<Pick<WebChatMemberInfo, 'id' | 'state' | 'joinDate'>> & { leaveDate?: string };

export interface StoredMessage {
  id: string;
  senderId: string;
  body: string;
  bodyType: BodyType;
  timestamp: string;
  /** Epoch ms of `timestamp`, never less than the previous message's (the transcript is time-ordered). */
  at: number;
}

export interface MediaRequest {
  id: string;
  types: MediaRequestType[];
  state: MediaRequestState;
  communicationId?: string;
  securityKey?: string;
}

export type ConversationState = 'created' | 'queued' | 'connected' | 'ended';

export interface Conversation {
  id: string;
  organizationId: string;
  deploymentId: string;
  queue: string;
  guestId: string;
  createdAt: number;
  /** Routing starts when the first event stream attaches (webchat-v2.md §3.1 item 1). */
  routed: boolean;
  ended: boolean;
  /** Join order. */
  members: Member[];
  /** Arrival order, which is time order. */
  messages: StoredMessage[];
  messageIndex: Map<string, number>;
  mediaRequests: MediaRequest[];
}

export interface World {
  readonly organizationId: string;
  readonly queues: ReadonlySet<string>;
  deployments: Map<string, WebChatDeployment>;
  settings: WebChatSettings;
  /** Insertion order = creation order. */
  conversations: Map<string, Conversation>;
  /** Forgets every conversation and restores the default deployments and settings. */
  reset(): void;
}

export function defaultDeployment(): WebChatDeployment {
  return {
    id: DEFAULT_WORLD.deploymentId,
    name: 'Parley demo',
    description: 'The emulator default deployment: anonymous guests, any origin.',
    authenticationRequired: false,
    disabled: false,
    allowedDomains: [],
    webChatConfig: { webChatSkin: 'modern-caret-skin' },
    selfUri: paths.deployment(DEFAULT_WORLD.deploymentId),
  };
}

export function createWorld(): World {
  const world: World = {
    organizationId: DEFAULT_WORLD.organizationId,
    queues: new Set([DEFAULT_WORLD.queue]),
    deployments: new Map(),
    settings: { requireDeployment: false },
    conversations: new Map(),
    reset() {
      world.deployments = new Map([[DEFAULT_WORLD.deploymentId, defaultDeployment()]]);
      world.settings = { requireDeployment: false };
      world.conversations = new Map();
    },
  };
  world.reset();
  return world;
}

export const findMember = (c: Conversation, id: string): Member | undefined => c.members.find((m) => m.id === id);
export const guestOf = (c: Conversation): Member => findMember(c, c.guestId) as Member;
export const connectedAgents = (c: Conversation): Member[] => c.members.filter((m) => m.role === 'AGENT' && m.state === 'CONNECTED');

/** What the control API reports as a conversation's `state` (the spec leaves the values to us). */
export function conversationState(c: Conversation): ConversationState {
  if (c.ended) return 'ended';
  if (connectedAgents(c).length > 0) return 'connected';
  return c.routed ? 'queued' : 'created';
}
