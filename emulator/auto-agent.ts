// `--agent auto`: the demo agent. It joins each conversation `agentDelayMs` after its stream routed it, greets
// the guest by name, types before every answer, answers, sends a co-browse request on "cobrowse" and ends the
// chat on "bye". Everything runs on the injected clock; what it says comes from agent-replies.ts.

import type { ChatActions } from './chat-actions';
import type { TimerScope } from './clock';
import { AUTO_AGENT_NAME, greeting, replyTo, typingDurationMs } from './agent-replies';
import { guestOf, type Conversation, type Member } from './world';

/** Pause between the guest's message and the agent starting to type. */
const READ_MS = 300;
/** Pause between joining and starting to type the greeting. */
const GREET_PAUSE_MS = 400;

export interface AutoAgent {
  /** Cancels every pending step (reset, close). */
  stop(): void;
}

interface Session {
  timers: TimerScope;
  agent?: Member;
  turns: number;
  /** Answers are spoken in order: the next one may not start before this time. */
  busyUntil: number;
}

export function createAutoAgent(options: { actions: ChatActions; timers: TimerScope; now: () => number; delayMs: number }): AutoAgent {
  const { actions, now } = options;
  let sessions = new Map<string, Session>();

  const active = (c: Conversation, s: Session) => !c.ended && s.agent?.state === 'CONNECTED' && sessions.get(c.id) === s;

  /** Types for a while, then speaks; `after` runs once the message is out. */
  function speak(c: Conversation, s: Session, text: string, startInMs: number, after?: () => void): void {
    const start = Math.max(now() + startInMs, s.busyUntil);
    const typing = typingDurationMs(text);
    s.busyUntil = start + typing;
    s.timers.after(start - now(), () => {
      if (!active(c, s)) return;
      actions.postTyping(c, (s.agent as Member).id);
      s.timers.after(typing, () => {
        if (!active(c, s)) return;
        actions.postMessage(c, (s.agent as Member).id, text, 'standard');
        after?.();
      });
    });
  }

  actions.onRouted((c) => {
    const s: Session = { timers: options.timers.child(), turns: 0, busyUntil: 0 };
    sessions.set(c.id, s);
    s.timers.after(options.delayMs, () => {
      if (c.ended) return;
      s.agent = actions.agentJoin(c, { displayName: AUTO_AGENT_NAME });
      speak(c, s, greeting(guestOf(c).displayName), GREET_PAUSE_MS);
    });
  });

  actions.onGuestMessage((c, message) => {
    const s = sessions.get(c.id);
    if (!s || !s.agent || message.bodyType !== 'standard') return;
    s.turns++;
    const reply = replyTo(message.body, guestOf(c).displayName, s.turns);
    if (reply.kind === 'say') speak(c, s, reply.text, READ_MS);
    else if (reply.kind === 'cobrowse') speak(c, s, reply.text, READ_MS, () => actions.createMediaRequest(c, ['COBROWSE']));
    else speak(c, s, reply.text, READ_MS, () => actions.endConversation(c));
  });

  actions.onEnded((c) => {
    sessions.get(c.id)?.timers.cancelAll();
    sessions.delete(c.id);
  });

  return {
    stop() {
      for (const s of sessions.values()) s.timers.cancelAll();
      sessions = new Map();
    },
  };
}
