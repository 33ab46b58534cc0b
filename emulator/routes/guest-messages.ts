// Guest endpoints 5–8: send a message and a typing indicator (only as the JWT's own member), list messages
// (the cursor walk of paging.ts) and get one message (webchat-v2.md §3.1 items 5–8).

import { BODY_TYPES, type BodyType } from '../../src/protocol/models';
import { paths } from '../../src/protocol/paths';
import { EmulatorError, fail } from '../errors';
import { json, type Route } from '../http';
import { messagePage, parseMaxResults, parseSortOrder, queryValue } from '../paging';
import { checkBody, checkMessageLength } from '../validate';
import { restMessage, restTyping } from '../views';
import { findMember, type Conversation } from '../world';
import { guestRoute, requireOwnMember, type GuestSession, type RouteDeps } from './context';

const CONVERSATION = '/api/v2/webchat/guest/conversations/:c';

/** Sender must be CONNECTED in an open conversation (conversation checked first: once over, that is the reason). */
function requireActive(c: Conversation, s: GuestSession): void {
  if (c.ended) throw fail.conversationState();
  if (findMember(c, s.claims.memberId)?.state !== 'CONNECTED') throw fail.memberState();
}

export function guestMessageRoutes(deps: RouteDeps): Route[] {
  const { actions } = deps;
  return [
    {
      method: 'POST',
      pattern: `${CONVERSATION}/members/:m/messages`,
      handler: guestRoute(deps, async (req, s) => {
        requireOwnMember(req, s);
        const raw = await req.json();
        const body = raw === undefined ? {} : checkBody(raw, { body: 'string', bodyType: { enum: BODY_TYPES } });
        const text = body.body as string | undefined;
        if (text === undefined) {
          throw new EmulatorError(400, 'chat.error.notnull.createconversationmessagerequest.body', { field: 'body' });
        }
        checkMessageLength(text);
        requireActive(s.conversation, s);
        // Uncertain (§14.8): bodyType defaults to standard; a guest may send any BodyType, stored as given.
        const bodyType = (body.bodyType as BodyType | undefined) ?? 'standard';
        const message = actions.postMessage(s.conversation, s.claims.memberId, text, bodyType);
        return json(200, restMessage(s.conversation, message));
      }),
    },
    {
      method: 'POST',
      pattern: `${CONVERSATION}/members/:m/typing`,
      handler: guestRoute(deps, async (req, s) => {
        requireOwnMember(req, s);
        // No body is expected; whatever is sent (nothing, `{}`, anything) is read only to keep the size limit.
        await req.raw();
        requireActive(s.conversation, s);
        const typing = actions.postTyping(s.conversation, s.claims.memberId);
        return json(200, restTyping(s.conversation, typing.id, s.claims.memberId, typing.timestamp));
      }),
    },
    {
      method: 'GET',
      pattern: `${CONVERSATION}/messages`,
      handler: guestRoute(deps, async (req, { conversation: c }) => {
        const sortOrder = parseSortOrder(req.query);
        const maxResults = parseMaxResults(req.query);
        const after = queryValue(req.query, 'after');
        const before = queryValue(req.query, 'before');
        const page = messagePage({
          all: c.messages,
          idOf: (m) => m.id,
          ...(after !== undefined ? { after } : {}),
          ...(before !== undefined ? { before } : {}),
          sortOrder,
          maxResults,
          basePath: paths.messages(c.id),
        });
        return json(200, {
          pageSize: maxResults,
          entities: page.entities.map((m) => restMessage(c, m)),
          ...(page.previousPage !== undefined ? { previousPage: page.previousPage } : {}),
          ...(page.next !== undefined ? { next: page.next } : {}),
          selfUri: req.pathAndQuery,
        });
      }),
    },
    {
      method: 'GET',
      pattern: `${CONVERSATION}/messages/:id`,
      handler: guestRoute(deps, async (req, { conversation: c }) => {
        const index = c.messageIndex.get(req.params.id ?? '');
        const m = index === undefined ? undefined : c.messages[index];
        if (!m) throw fail.chatNotFound('message');
        return json(200, restMessage(c, m));
      }),
    },
  ];
}
