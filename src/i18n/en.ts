// The English UI strings: the reference table every other locale mirrors entry for entry. KEYS are what
// integrators override (`strings` option); `{n}`, `{name}`, `{x}` are filled in by the UI. Every table is an
// array in KEYS order, so keys ship once (see docs/decisions/042).

export const KEYS = [
  'title',
  'open',
  'openUnread',
  'close',
  'minimize',
  'participants',
  'transcript',
  'endChat',
  'endAsk',
  'end',
  'cancel',
  'firstName',
  'lastName',
  'email',
  'phoneNumber',
  'needName',
  'badEmail',
  'startChat',
  'waiting',
  'messages',
  'earlier',
  'message',
  'send',
  'sending',
  'failed',
  'retry',
  'typing',
  'joined',
  'leftChat',
  // Member roles, keyed by the API's role names; CUSTOMER is also the default display name.
  'AGENT',
  'CUSTOMER',
  'WORKFLOW',
  'ACD',
  'media',
  'cobrowse',
  'screenshare',
  'accept',
  'decline',
  'reconnecting',
  'ended',
  'startNew',
  'errRetry',
  'errSetup',
] as const;

export type StringKey = (typeof KEYS)[number];
export type Strings = Record<StringKey, string>;
/** A translation: one string per key, in KEYS order (create-i18n.test.ts checks count and placeholders). */
export type Table = readonly string[];

export const en: Table = [
  'Chat with us', // title
  'Open chat', // open
  'Open chat, {n} unread', // openUnread
  'Close chat', // close
  'Minimize chat', // minimize
  'Participants', // participants
  'Download transcript', // transcript
  'End chat', // endChat
  'End this chat?', // endAsk
  'End', // end
  'Cancel', // cancel
  'First name', // firstName
  'Last name', // lastName
  'Email', // email
  'Phone number', // phoneNumber
  'Please enter your first name.', // needName
  'Enter an email like name@example.com.', // badEmail
  'Start chat', // startChat
  'Waiting for an agent…', // waiting
  'Messages', // messages
  'Load earlier messages', // earlier
  'Message', // message
  'Send', // send
  'Sending…', // sending
  'Not sent', // failed
  'Retry', // retry
  '{name} is typing…', // typing
  '{name} joined the chat', // joined
  '{name} left the chat', // leftChat
  'Agent', // AGENT
  'Guest', // CUSTOMER
  'Bot', // WORKFLOW
  'Queue', // ACD
  'Agent requests to {x}', // media
  'co-browse', // cobrowse
  'share your screen', // screenshare
  'Accept', // accept
  'Decline', // decline
  'Reconnecting…', // reconnecting
  'Chat ended', // ended
  'Start new chat', // startNew
  'Couldn’t connect. Please try again.', // errRetry
  'Chat isn’t available right now.', // errSetup
];
