// What route handlers share: their dependencies, and the two credential gates (guest JWT, admin OAuth token)
// that run before a handler sees its path ids, query or body (webchat-v2.md §2: credentials are checked first).

import type { Auth, GuestClaims } from '../auth';
import { bearerToken } from '../auth';
import type { ChatActions } from '../chat-actions';
import type { EmulatorClock } from '../clock';
import { fail } from '../errors';
import type { ApiRequest, ApiResponse, Handler } from '../http';
import type { Conversation, World } from '../world';

export interface RouteDeps {
  world: World;
  auth: Auth;
  actions: ChatActions;
  clock: EmulatorClock;
}

export interface GuestSession {
  claims: GuestClaims;
  conversation: Conversation;
}

/**
 * A guest endpoint: valid guest JWT (401 otherwise), for the conversation in the path (404 otherwise —
 * Uncertain §14.7: 404 rather than 401/403 for a foreign conversation), which still exists.
 */
export function guestRoute(deps: RouteDeps, handler: (req: ApiRequest, s: GuestSession) => Promise<ApiResponse>): Handler {
  return async (req) => {
    const claims = await deps.auth.verifyGuestJwt(bearerToken(req.headers.authorization));
    const conversation = deps.world.conversations.get(claims.conversationId);
    if (req.params.c !== claims.conversationId || !conversation) throw fail.notFound();
    return handler(req, { claims, conversation });
  };
}

/** Writes (messages, typing, leave) act only as the JWT's own member: another path member → 403 (inferred, §2). */
export function requireOwnMember(req: ApiRequest, s: GuestSession): void {
  if (req.params.m !== s.claims.memberId) throw fail.notAuthorized();
}

/** An admin endpoint: a valid OAuth access token from `POST /oauth/token`. */
export function adminRoute(deps: RouteDeps, handler: Handler): Handler {
  return async (req) => {
    await deps.auth.verifyAccessToken(bearerToken(req.headers.authorization));
    return handler(req);
  };
}
