// Guest endpoint 1, `POST /api/v2/webchat/guest/conversations`: validation in the spec's order of codes,
// deployment rules (disabled, allowedDomains, authenticationRequired) and the create answer (webchat-v2.md §3.1).

import type { CreateWebChatConversationResponse, GuestMemberInfo, JourneyContext, WebChatDeployment } from '../../src/protocol/models';
import { GUEST_CONVERSATIONS } from '../../src/protocol/paths';
import { EmulatorError, fail } from '../errors';
import { json, type ApiRequest, type Route } from '../http';
import { GUEST_STREAM_PREFIX } from '../stream-hub';
import { checkBody, type Shape } from '../validate';
import type { Member } from '../world';
import type { RouteDeps } from './context';

const CREATE_SHAPE: Shape = {
  organizationId: 'string',
  deploymentId: 'string',
  routingTarget: {
    object: { targetType: 'string', targetAddress: 'string', skills: { array: 'string' }, language: 'string', priority: 'integer' },
  },
  memberInfo: {
    object: {
      displayName: 'string',
      firstName: 'string',
      lastName: 'string',
      email: 'string',
      phoneNumber: 'string',
      avatarImageUrl: 'string',
      customFields: 'stringMap',
    },
  },
  memberAuthToken: 'string',
  journeyContext: {
    object: {
      customer: { object: { id: 'string', idType: 'string' } },
      customerSession: { object: { id: 'string', type: 'string' } },
      triggeringAction: { object: { id: 'string', actionMap: { object: { id: 'string', version: 'integer' } } } },
    },
  },
};

interface CreateBody {
  organizationId?: string;
  deploymentId?: string;
  routingTarget?: { targetType?: string; targetAddress?: string };
  memberInfo?: Partial<GuestMemberInfo>;
  memberAuthToken?: string;
  journeyContext?: Partial<{
    customer: Partial<JourneyContext['customer']>;
    customerSession: Partial<NonNullable<JourneyContext['customerSession']>>;
    triggeringAction: Partial<{ id: string; actionMap: Partial<{ id: string; version: number }> }>;
  }>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const notNull = (suffix: string, field: string) =>
  new EmulatorError(400, `chat.error.notnull.createconversationrequest.${suffix}`, {
    field,
    message: `The ${suffix.split('.').pop() ?? suffix} property may not be null.`,
  });

/** The spec gives templates for three of the not-null codes; the rest follow their wording. */
const notNullWithTemplate = (code: string, field: string) => new EmulatorError(400, code, { field });

function checkJourneyContext(jc: NonNullable<CreateBody['journeyContext']>): void {
  const c = jc.customer;
  if (!c) throw notNull('journeycontext.customer', 'journeyContext.customer');
  if (c.id === undefined) throw notNull('journeycontext.customer.customerid', 'journeyContext.customer.id');
  if (c.idType === undefined) throw notNull('journeycontext.customer.customeridtype', 'journeyContext.customer.idType');
  const s = jc.customerSession;
  if (s) {
    if (s.id === undefined) throw notNull('journeycontext.customersession.sessionid', 'journeyContext.customerSession.id');
    if (s.type === undefined) throw notNull('journeycontext.customersession.sessionidtype', 'journeyContext.customerSession.type');
  }
  const a = jc.triggeringAction;
  if (a) {
    if (a.id === undefined) throw notNull('journeycontext.triggeringaction.actionid', 'journeyContext.triggeringAction.id');
    if (a.actionMap?.id === undefined) throw notNull('journeycontext.triggeringaction.actionmapid', 'journeyContext.triggeringAction.actionMap.id');
    if (a.actionMap.version === undefined) {
      throw notNull('journeycontext.triggeringaction.actionmapversion', 'journeyContext.triggeringAction.actionMap.version');
    }
  }
}

/**
 * Uncertain (§14.10): an Origin passes when its host equals an entry or matches a `*.example.com` wildcard
 * (entries may carry a scheme or port; a port, when given, must match too). No Origin = a server-side caller = allowed.
 */
export function originAllowed(origin: string | undefined, allowedDomains: readonly string[] | undefined): boolean {
  if (!allowedDomains || allowedDomains.length === 0 || origin === undefined) return true;
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false; // `null` (sandboxed or file pages) and garbage
  }
  const hostname = url.hostname.toLowerCase();
  return allowedDomains.some((entry) => {
    const e = entry.trim().toLowerCase().replace(/^[a-z][a-z0-9+.-]*:\/\//, '').replace(/\/.*$/, '');
    if (e === '') return false;
    const portMatch = /^(.*?)(?::(\d+))?$/.exec(e);
    const host = portMatch?.[1] ?? e;
    const port = portMatch?.[2];
    if (port !== undefined && port !== (url.port || (url.protocol === 'https:' ? '443' : '80'))) return false;
    if (host.startsWith('*.')) return hostname.endsWith(host.slice(1)) && hostname.length > host.length - 1;
    return hostname === host;
  });
}

export function guestConversationRoutes(deps: RouteDeps): Route[] {
  const { world, auth, actions } = deps;

  async function create(req: ApiRequest) {
    const body = checkBody(await req.json(), CREATE_SHAPE) as CreateBody;

    if (body.organizationId === undefined) throw fail.missing('organizationId');
    if (body.deploymentId === undefined || !UUID.test(body.deploymentId.trim())) {
      throw notNullWithTemplate('chat.error.pattern.createconversationrequest.deploymentid', 'deploymentId');
    }
    if (!body.routingTarget) throw notNullWithTemplate('chat.error.notnull.createconversationrequest.routingtarget', 'routingTarget');
    if (body.memberInfo?.displayName === undefined) {
      throw notNullWithTemplate('chat.error.notnull.createconversationrequest.memberinfo.displayname', 'memberInfo.displayName');
    }
    if (body.journeyContext) checkJourneyContext(body.journeyContext);
    const target = body.routingTarget;
    // `targetType` matches case-insensitively: deployed clients send "queue" (inferred, §3.1).
    if (target.targetType?.trim().toUpperCase() !== 'QUEUE' || target.targetAddress === undefined) {
      throw new EmulatorError(400, 'chat.error.createconversationrequest.routingtarget', { field: 'routingTarget' });
    }

    // Uncertain (§14.10): unknown organization or deployment → 404 not.found.
    if (body.organizationId !== world.organizationId) throw fail.notFound();
    const deployment: WebChatDeployment | undefined = world.deployments.get(body.deploymentId.trim().toLowerCase());
    if (!deployment) throw fail.notFound();
    if (deployment.disabled) throw new EmulatorError(400, 'chat.deployment.disabled');
    const origin = typeof req.headers.origin === 'string' ? req.headers.origin : undefined;
    if (!originAllowed(origin, deployment.allowedDomains)) throw new EmulatorError(403, 'origin.not.allowed');
    if (deployment.authenticationRequired) {
      if (body.memberAuthToken === undefined || body.memberAuthToken.trim() === '') {
        throw new EmulatorError(400, 'chat.deployment.require.auth', { field: 'memberAuthToken' });
      }
      const check = await auth.checkSignedData(body.memberAuthToken.trim());
      if (check === 'expired') throw new EmulatorError(401, 'credentials.expired');
      if (check === 'invalid') throw new EmulatorError(400, 'chat.deployment.bad.auth', { field: 'memberAuthToken' });
    }
    // Uncertain: queue names match exactly (case-sensitive).
    if (!world.queues.has(target.targetAddress)) throw new EmulatorError(400, 'chat.error.invalid.queue', { field: 'routingTarget.targetAddress' });

    const info = body.memberInfo;
    const guest: Omit<Member, 'id' | 'role' | 'state' | 'joinDate'> = { displayName: info.displayName };
    for (const key of ['firstName', 'lastName', 'email', 'phoneNumber', 'avatarImageUrl'] as const) {
      const v = info[key];
      if (v !== undefined) guest[key] = v;
    }
    if (info.customFields) guest.customFields = info.customFields;
    guest.authenticatedGuest = deployment.authenticationRequired === true;

    const conversation = actions.createConversation({
      organizationId: world.organizationId,
      deploymentId: deployment.id ?? body.deploymentId,
      queue: target.targetAddress,
      guest,
    });
    const jwt = await auth.issueGuestJwt({
      conversationId: conversation.id,
      deploymentId: conversation.deploymentId,
      memberId: conversation.guestId,
      organizationId: world.organizationId,
    });
    // The real answer's member carries only its id (§3.1, confirmed).
    const answer: CreateWebChatConversationResponse = {
      id: conversation.id,
      jwt,
      eventStreamUri: `ws://${req.host}${GUEST_STREAM_PREFIX}${jwt}`,
      member: { id: conversation.guestId },
    };
    return json(200, answer);
  }

  return [{ method: 'POST', pattern: GUEST_CONVERSATIONS, handler: create }];
}
