// EmulatorError, thrown by every handler, and the one function that turns it into the API's ErrorBody
// (webchat-v2.md §5) with the spec's message templates. HTTP plumbing (headers, sending) lives in server.ts.

import type { Detail, ErrorBody } from '../src/protocol/models';

/** The spec's message templates, `%s` filled in order (webchat-v2.md §5, "Message templates"). */
const TEMPLATES: Record<string, string> = {
  'bad.request': 'The request could not be understood by the server due to malformed syntax.',
  'invalid.value': 'Value [%s] is not valid for field type [%s]. Allowable values are: %s',
  'invalid.property': 'Value [%s] is not a valid property for object [%s]',
  'invalid.query.param.value': 'Value [%s] is not valid for parameter [%s]. Allowable values are: %s',
  'constraint.validation': '%s',
  'chat.error.conversation.state': 'The conversation is in a state which does not permit this action.',
  'chat.error.member.state': 'The conversation member is in a state which does not permit this action.',
  'chat.error.invalid.queue': 'The specified queue is not valid.',
  'chat.error.createconversationrequest.routingtarget': 'The routing target is not valid.',
  'chat.error.notnull.createconversationrequest.routingtarget': 'The routingtarget property may not be null.',
  'chat.error.notnull.createconversationrequest.memberinfo.displayname': 'The displayname property may not be null.',
  'chat.error.pattern.createconversationrequest.deploymentid': 'The deploymentid property may not be null.',
  'chat.error.notnull.createconversationmessagerequest.body': 'The request body may not be null.',
  'chat.deployment.disabled': 'The web chat deployment is currently disabled.',
  'chat.deployment.require.auth': 'The deployment requires the customer member to be authenticated.',
  'chat.deployment.bad.auth': 'The customer member authentication has failed.',
  'authentication.required': 'No authentication bearer token specified in authorization header.',
  'bad.credentials': 'Invalid login credentials.',
  'credentials.expired': 'The supplied credentials are expired and cannot be used.',
  'not.authorized': 'You are not authorized to perform the requested action.',
  'origin.not.allowed': 'Not allowed to create an ACD chat conversation from an external customer.',
  'not.found': 'The requested resource was not found.',
  'request.entity.too.large': 'The request is over the size limit. Maximum bytes: %s',
  'unsupported.media.type':
    'Unsupported Media Type - Unsupported or incorrect media type, such as an incorrect Content-Type value in the header.',
  'too.many.requests.retry.after': 'Rate limit exceeded the maximum. Retry the request in [%s] seconds',
  'too.many.requests': 'Rate limit exceeded the maximum [%s] requests within [%s] seconds',
  'internal.server.error': 'The server encountered an unexpected condition which prevented it from fulfilling the request.',
  'chat.error': 'Error handing chat conversation messages operation.',
  'service.unavailable': 'Service Unavailable - The server is currently unavailable (because it is overloaded or down for maintenance).',
  'request.timeout': 'The request timed out.',
  // Not in the spec's table (502 has no declared code, 405 is the emulator's own answer): our wording.
  'bad.gateway': 'The server received an invalid response from an upstream server.',
  'method.not.allowed': 'HTTP method %s is not supported by this resource.',
};

/** `chat.error.not.found` says what was missing, per operation. */
export const NOT_FOUND_MESSAGES = {
  member: 'The web chat conversation member was not found.',
  message: 'The web chat conversation message was not found.',
  mediaRequest: 'The media request was not found.',
} as const;

export interface EmulatorErrorOptions {
  /** Values for the template's `%s`, in order. */
  params?: readonly (string | number)[];
  /** Overrides the template (per-operation messages). */
  message?: string;
  /** The request field at fault; becomes `details[0].fieldName`. */
  field?: string;
  /** Extra response headers (Retry-After, Allow…). */
  headers?: Record<string, string>;
}

export class EmulatorError extends Error {
  readonly headers: Record<string, string>;

  constructor(
    readonly status: number,
    readonly code: string,
    readonly options: EmulatorErrorOptions = {},
  ) {
    super(options.message ?? fill(TEMPLATES[code] ?? code, options.params ?? []));
    this.name = 'EmulatorError';
    this.headers = options.headers ?? {};
  }
}

function fill(template: string, params: readonly (string | number)[]): string {
  let i = 0;
  return template.replace(/%s/g, () => String(params[i++] ?? ''));
}

/** The ErrorBody the API answers; `contextId` repeats the response's ININ-Correlation-Id. */
export function errorBody(error: EmulatorError, contextId: string): ErrorBody {
  const details: Detail[] = error.options.field ? [{ errorCode: error.code, fieldName: error.options.field }] : [];
  return { message: error.message, code: error.code, status: error.status, contextId, details, errors: [] };
}

/** Shortens a client's value for an error message (it may be huge, or nested too deep to print). */
export function describeValue(value: unknown): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (typeof value === 'object' && value !== null) {
    try {
      text = JSON.stringify(value);
    } catch {
      text = Array.isArray(value) ? '[…]' : '{…}'; // nesting deeper than the stack: never String(), which recurses too
    }
  } else text = String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

// The errors handlers raise most, named for the situation.
export const fail = {
  badRequest: (field?: string) => new EmulatorError(400, 'bad.request', field ? { field } : {}),
  invalidValue: (field: string, value: unknown, allowed: string) =>
    new EmulatorError(400, 'invalid.value', { params: [describeValue(value), field, allowed], field }),
  invalidQuery: (param: string, value: string, allowed: string) =>
    new EmulatorError(400, 'invalid.query.param.value', { params: [describeValue(value), param, allowed], field: param }),
  /** A required field without a code of its own. */
  missing: (field: string) => new EmulatorError(400, 'constraint.validation', { params: [`${field} may not be null`], field }),
  notFound: () => new EmulatorError(404, 'not.found'),
  chatNotFound: (what: keyof typeof NOT_FOUND_MESSAGES, field?: string) =>
    new EmulatorError(404, 'chat.error.not.found', { message: NOT_FOUND_MESSAGES[what], ...(field ? { field } : {}) }),
  conversationState: () => new EmulatorError(400, 'chat.error.conversation.state'),
  memberState: () => new EmulatorError(400, 'chat.error.member.state'),
  notAuthorized: () => new EmulatorError(403, 'not.authorized'),
};
