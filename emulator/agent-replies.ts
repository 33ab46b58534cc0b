// What the demo agent says: short canned answers for the demo store's usual questions. Pure text, no timing;
// auto-agent.ts decides when to type and speak.

export const AUTO_AGENT_NAME = 'Grace';

export type AgentReply =
  | { kind: 'say'; text: string }
  | { kind: 'cobrowse'; text: string }
  | { kind: 'goodbye'; text: string };

const firstName = (displayName: string | undefined): string => (displayName ?? '').trim().split(/\s+/)[0] || 'there';

export function greeting(guestName: string | undefined): string {
  return `Hi ${firstName(guestName)}, I'm ${AUTO_AGENT_NAME}. Thanks for reaching out — how can I help you today?`;
}

// The demo site is an outdoor store (Trailhead Outfitters), so the agent knows its catalogue's questions.
const TOPICS: Array<{ test: RegExp; answer: string }> = [
  { test: /\b(order|package|parcel|track)/i, answer: 'I can help with your order. Could you share the order number? It starts with "TH-".' },
  { test: /\b(ship|shipping|deliver|delivery)/i, answer: 'Shipping is free over $75: standard delivery takes 3–5 working days, express 1–2. Where should it go?' },
  { test: /\b(refund|return|money back|exchange)/i, answer: 'Returns are free within 60 days, even used once on the trail. Which item would you like to send back?' },
  { test: /\b(size|sizes|fit|fits|tall|length)\b/i, answer: 'Sizes run true to fit. Tell me your height and I will suggest the right one, or check the size chart under the photos.' },
  { test: /\b(stock|available|availability|colou?rs?|ember|moss)\b/i, answer: 'All three colours are in stock and ship today if you order before 3 pm.' },
  { test: /\b(warm|cold|winter|spring|rain|wind|weather|season)/i, answer: 'The Ridgeline 2 is a three-season tent: fine down to about -5 °C with a good sleeping bag, and it sheds heavy rain.' },
  { test: /\b(weight|weigh|heavy|light|packed)/i, answer: 'It weighs 1.9 kg all in and packs to 45 × 15 cm, small enough for the side of a 40 L pack.' },
  { test: /\b(price|cost|discount|coupon|sale|payments?)\b/i, answer: 'It is $389, or 4 interest-free payments of $97.25. Newsletter subscribers get 10% off their first order.' },
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
  // Nothing it knows: acknowledge without parroting the guest's words back.
  const variants = rest.endsWith('?')
    ? ['Good question. Let me check that with the team — one moment.', 'Let me look that up for you. One moment.', "I'm checking that now; it should only take a moment."]
    : ['Thanks, that helps. Could you tell me a little more?', 'Got it. What would you like to happen next?', "Understood, I've noted that. Anything else I should know?"];
  return { kind: 'say', text: variants[turn % variants.length] as string };
}

/** How long the agent "types" before answering: 0.6–1.2 s, longer for longer answers, deterministic for tests. */
export function typingDurationMs(answer: string): number {
  return 600 + Math.min(600, answer.length * 6);
}
