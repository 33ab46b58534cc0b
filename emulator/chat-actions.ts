// Every change to a conversation that the event stream announces: messages, typing, members joining and leaving,
// media requests, the end. Each mutates the world and publishes the frames the real service sends, in its order
// (webchat-v2.md §7). Validation and HTTP answers stay in the routes and the control API.

import { randomInt, randomUUID } from 'node:crypto';
import type { BodyType, MediaRequestState, MediaRequestType } from '../src/protocol/models';
import { isoTime, type EmulatorClock } from './clock';
import type { StreamHub } from './stream-hub';
import { memberChangeFrame, mediaRequestFrame, messageFrame, typingFrame } from './views';
import { connectedAgents, conversationState, guestOf, type Conversation, type MediaRequest, type Member, type StoredMessage, type World } from './world';

export interface NewConversation {
  organizationId: string;
  deploymentId: string;
  queue: string;
  guest: Omit<Member, 'id' | 'role' | 'state' | 'joinDate'>;
}

type Listener<T extends unknown[]> = (...args: T) => void;

export interface ChatActions {
  createConversation(input: NewConversation): Conversation;
  /** The first attached stream routes the conversation (once). */
  markRouted(c: Conversation): void;
  postMessage(c: Conversation, senderId: string, body: string, bodyType: BodyType): StoredMessage;
  postTyping(c: Conversation, senderId: string): { id: string; timestamp: string };
  /** ALERTING, then CONNECTED, then the member-join message. */
  agentJoin(c: Conversation, info: { displayName?: string; avatarImageUrl?: string }): Member;
  /** As in a transfer: member-leave message, then DISCONNECTED; the guest stays. */
  agentLeave(c: Conversation, agent: Member): void;
  createMediaRequest(c: Conversation, types: MediaRequestType[]): MediaRequest;
  setMediaRequestState(c: Conversation, r: MediaRequest, state: MediaRequestState): void;
  /** The guest's DELETE of its own member (§7 end a). */
  guestLeave(c: Conversation): void;
  /** The agent side ends the chat for everyone (§7 end b; control `disconnect`). */
  endConversation(c: Conversation): void;
  onRouted(fn: Listener<[Conversation]>): void;
  onGuestMessage(fn: Listener<[Conversation, StoredMessage]>): void;
  onEnded(fn: Listener<[Conversation]>): void;
}

export function createChatActions(world: World, hub: StreamHub, clock: EmulatorClock): ChatActions {
  const routedListeners: Listener<[Conversation]>[] = [];
  const guestMessageListeners: Listener<[Conversation, StoredMessage]>[] = [];
  const endedListeners: Listener<[Conversation]>[] = [];

  const now = () => isoTime(clock.now());
  const notify = (c: Conversation) =>
    hub.notifyControl({ topicName: 'emulator.conversation', eventBody: { id: c.id, state: conversationState(c) } });

  function setMemberState(c: Conversation, m: Member, state: Member['state']): void {
    if (m.state === state) return;
    m.state = state;
    const timestamp = now();
    if (state === 'DISCONNECTED') m.leaveDate = timestamp;
    hub.publish(c.id, memberChangeFrame(c, m, timestamp));
  }

  function addMessage(c: Conversation, senderId: string, body: string, bodyType: BodyType): StoredMessage {
    // Time-ordered transcript: a message is never stamped earlier than the one before it.
    const last = c.messages[c.messages.length - 1];
    const at = Math.max(clock.now(), last?.at ?? 0);
    const m: StoredMessage = { id: randomUUID(), senderId, body, bodyType, timestamp: isoTime(at), at };
    c.messageIndex.set(m.id, c.messages.length);
    c.messages.push(m);
    hub.publish(c.id, messageFrame(c, m));
    return m;
  }

  function cancelPendingMediaRequests(c: Conversation): void {
    for (const r of c.mediaRequests) {
      if (r.state !== 'PENDING') continue;
      r.state = 'CANCELLED';
      hub.publish(c.id, mediaRequestFrame(c, r, now()));
    }
  }

  /**
   * Ends the conversation: PENDING media requests CANCELLED (announced before the guest's DISCONNECTED, so a
   * client that stops listening there still hears it), the members DISCONNECTED in the given order, then the
   * streams close with 1000 (Uncertain §14.4: the real close is unconfirmed; the spec asks for 1000 within a second).
   */
  function finish(c: Conversation, order: Member[]): void {
    cancelPendingMediaRequests(c);
    for (const m of order) setMemberState(c, m, 'DISCONNECTED');
    c.ended = true;
    hub.closeConversation(c.id, 1000, 'conversation ended');
    notify(c);
    for (const fn of endedListeners) fn(c);
  }

  return {
    createConversation(input) {
      const joinDate = now();
      const guest: Member = { ...input.guest, id: randomUUID(), role: 'CUSTOMER', state: 'CONNECTED', joinDate };
      const c: Conversation = {
        id: randomUUID(),
        organizationId: input.organizationId,
        deploymentId: input.deploymentId,
        queue: input.queue,
        guestId: guest.id,
        createdAt: clock.now(),
        routed: false,
        ended: false,
        members: [guest],
        messages: [],
        messageIndex: new Map(),
        mediaRequests: [],
      };
      world.conversations.set(c.id, c);
      notify(c);
      return c;
    },
    markRouted(c) {
      if (c.routed || c.ended) return;
      c.routed = true;
      notify(c);
      for (const fn of routedListeners) fn(c);
    },
    postMessage(c, senderId, body, bodyType) {
      const m = addMessage(c, senderId, body, bodyType);
      notify(c);
      if (senderId === c.guestId) for (const fn of guestMessageListeners) fn(c, m);
      return m;
    },
    postTyping(c, senderId) {
      const typing = { id: randomUUID(), timestamp: now() };
      hub.publish(c.id, typingFrame(c, typing.id, senderId, typing.timestamp));
      return typing;
    },
    agentJoin(c, info) {
      const agent: Member = { id: randomUUID(), role: 'AGENT', state: 'ALERTING', joinDate: now() };
      agent.displayName = info.displayName?.trim() || 'Agent';
      if (info.avatarImageUrl !== undefined) agent.avatarImageUrl = info.avatarImageUrl;
      c.members.push(agent);
      hub.publish(c.id, memberChangeFrame(c, agent, agent.joinDate));
      setMemberState(c, agent, 'CONNECTED');
      addMessage(c, agent.id, '', 'member-join');
      notify(c);
      return agent;
    },
    agentLeave(c, agent) {
      addMessage(c, agent.id, '', 'member-leave');
      setMemberState(c, agent, 'DISCONNECTED');
      notify(c);
    },
    createMediaRequest(c, types) {
      // Uncertain (§8): the emulator hands out a communication id and a short security key at once, as the
      // legacy co-browse flow would need them to join.
      const r: MediaRequest = {
        id: randomUUID(),
        types: [...new Set(types)],
        state: 'PENDING',
        communicationId: randomUUID(),
        securityKey: String(randomInt(100000, 1000000)),
      };
      c.mediaRequests.push(r);
      hub.publish(c.id, mediaRequestFrame(c, r, now()));
      // Uncertain (§14.1): a media-request message accompanies the frame, body = the request id, from the agent.
      const agent = connectedAgents(c)[0];
      if (agent) addMessage(c, agent.id, r.id, 'media-request');
      notify(c);
      return r;
    },
    setMediaRequestState(c, r, state) {
      r.state = state;
      hub.publish(c.id, mediaRequestFrame(c, r, now()));
      notify(c);
    },
    guestLeave(c) {
      const guest = guestOf(c);
      addMessage(c, guest.id, '', 'member-leave');
      const others = c.members.filter((m) => m.id !== guest.id && m.state !== 'DISCONNECTED');
      finish(c, [guest, ...others]);
    },
    endConversation(c) {
      const guest = guestOf(c);
      const agents = connectedAgents(c);
      for (const a of agents) addMessage(c, a.id, '', 'member-leave');
      const others = c.members.filter((m) => m.id !== guest.id && m.state !== 'DISCONNECTED');
      finish(c, [...others, guest]);
    },
    onRouted: (fn) => void routedListeners.push(fn),
    onGuestMessage: (fn) => void guestMessageListeners.push(fn),
    onEnded: (fn) => void endedListeners.push(fn),
  };
}
