// What the demo agent says: short canned answers that acknowledge what the guest wrote. Pure text, no timing;
// auto-agent.ts decides when to type and speak.

export const AUTO_AGENT_NAME = 'Grace';

export type AgentReply =
  | { kind: 'say'; text: string }
  | { kind: 'cobrowse'; text: string }
  | { kind: 'goodbye'; text: string };

const quote = (text: string): string => {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 60 ? `${oneLine.slice(0, 57).trimEnd()}…` : oneLine;
};

const firstName = (displayName: string | undefined): string => (displayName ?? '').trim().split(/\s+/)[0] || 'there';

export function greeting(guestName: string | undefined): string {
  return `Hi ${firstName(guestName)}, I'm ${AUTO_AGENT_NAME}. Thanks for reaching out — how can I help you today?`;
}

const TOPICS: Array<{ test: RegExp; answer: string }> = [
  { test: /\b(order|package|parcel|track)/i, answer: 'I can help with your order. Could you share the order number? It starts with "PA-".' },
  { test: /\b(ship|shipping|deliver|delivery)/i, answer: 'We ship across the EU and the US: standard delivery takes 3–5 working days, express 1–2. Where should it go?' },
  { test: /\b(refund|return|money back|exchange)/i, answer: 'Returns are free within 30 days. I can start one for you — which item would you like to send back?' },
  { test: /\b(price|pricing|cost|plan|subscription|invoice|bill)/i, answer: 'Our plans start at $12 per month, and invoices are under Account › Billing. Which plan are you on?' },
  { test: /\b(password|log ?in|sign ?in|account|locked)/i, answer: 'Sorry about the trouble signing in. I can send a reset link to the email on your account — shall I?' },
  { test: /\b(human|person|real agent|manager)/i, answer: `You're talking to a real person — I'm ${AUTO_AGENT_NAME} from the support team. What can I do for you?` },
];

/** The answer to one guest message; `turn` counts the guest's messages so far (1-based), to vary the wording. */
export function replyTo(text: string, guestName: string | undefined, turn: number): AgentReply {
  const t = text.trim();
  const lower = t.toLowerCase();
  if (lower === 'bye') return { kind: 'goodbye', text: `Thanks for chatting with us, ${firstName(guestName)}. Goodbye!` };
  if (lower.includes('cobrowse')) {
    return { kind: 'cobrowse', text: "Sure — I've sent you a co-browse request. Accept it and we can look at this page together." };
  }
  if (t === '') return { kind: 'say', text: 'Are you still there? Take your time.' };
  // A bare greeting gets one back; a greeting followed by a request is answered for the request.
  const GREETING = /^(hi|hello|hey|good (morning|afternoon|evening))\b[\s!.,]*(there|grace)?[\s!.,]*/i;
  const rest = t.replace(GREETING, '').trim();
  if (rest === '') return { kind: 'say', text: `Hello ${firstName(guestName)}! What can I do for you?` };
  if (/\b(thanks|thank you|thx|cheers)\b/i.test(rest) && rest.length < 40) return { kind: 'say', text: "You're welcome! Is there anything else I can help with?" };
  const topic = TOPICS.find((x) => x.test.test(rest));
  if (topic) return { kind: 'say', text: topic.answer };
  if (rest.endsWith('?')) {
    const variants = [
      `Good question — "${quote(rest)}". Let me check that for you.`,
      `Let me look into "${quote(rest)}" for you. One moment.`,
      `I'm checking "${quote(rest)}" now — this should only take a moment.`,
    ];
    return { kind: 'say', text: variants[turn % variants.length] as string };
  }
  const variants = [
    `Thanks, I see: "${quote(rest)}". Could you tell me a little more?`,
    `Got it — "${quote(rest)}". What would you like to happen next?`,
    `Understood. I've noted "${quote(rest)}". Anything else I should know?`,
  ];
  return { kind: 'say', text: variants[turn % variants.length] as string };
}

/** How long the agent "types" before answering: 0.6–1.2 s, longer for longer answers, deterministic for tests. */
export function typingDurationMs(answer: string): number {
  return 600 + Math.min(600, answer.length * 6);
}
