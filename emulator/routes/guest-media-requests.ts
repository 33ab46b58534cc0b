// Guest endpoints 9–11: list, get and answer (PATCH) the agent's media requests (webchat-v2.md §3.1, §8).
// Creating a request is the agent's side: the control API and the auto agent.

import { MEDIA_REQUEST_STATES, MEDIA_REQUEST_TYPES, type MediaRequestState } from '../../src/protocol/models';
import { fail } from '../errors';
import { json, type Route } from '../http';
import { checkBody } from '../validate';
import { restMediaRequest } from '../views';
import type { Conversation } from '../world';
import { guestRoute, type RouteDeps } from './context';

const MEDIA = '/api/v2/webchat/guest/conversations/:c/mediarequests';
const ANSWERS: readonly MediaRequestState[] = ['ACCEPTED', 'DECLINED', 'ERRORED'];

const find = (c: Conversation, id: string | undefined) => {
  const r = c.mediaRequests.find((x) => x.id === id);
  if (!r) throw fail.chatNotFound('mediaRequest');
  return r;
};

export function guestMediaRequestRoutes(deps: RouteDeps): Route[] {
  return [
    {
      method: 'GET',
      pattern: MEDIA,
      handler: guestRoute(deps, async (_req, { conversation: c }) => json(200, { entities: c.mediaRequests.map((r) => restMediaRequest(c, r)) })),
    },
    {
      method: 'GET',
      pattern: `${MEDIA}/:id`,
      handler: guestRoute(deps, async (req, { conversation: c }) => json(200, restMediaRequest(c, find(c, req.params.id)))),
    },
    {
      method: 'PATCH',
      pattern: `${MEDIA}/:id`,
      handler: guestRoute(deps, async (req, { conversation: c }) => {
        const raw = await req.json();
        const body = checkBody(raw ?? {}, { types: { array: { enum: MEDIA_REQUEST_TYPES } }, state: { enum: MEDIA_REQUEST_STATES } });
        // Both are required in the model; only `state` is acted on (inferred, §3.1 items 9–11).
        if (body.types === undefined) throw fail.missing('types');
        if (body.state === undefined) throw fail.missing('state');
        const state = body.state as MediaRequestState;
        if (!ANSWERS.includes(state)) throw fail.invalidValue('state', state, ANSWERS.join(', '));
        const r = find(c, req.params.id);
        // Only a PENDING request can be answered. Uncertain: ACCEPTED → ERRORED is allowed too, because the
        // spec's suggested guest flow (§8) reports a failed start after accepting.
        const allowed = r.state === 'PENDING' || (r.state === 'ACCEPTED' && state === 'ERRORED');
        if (!allowed) throw fail.conversationState();
        deps.actions.setMediaRequestState(c, r, state);
        return json(200, restMediaRequest(c, r));
      }),
    },
  ];
}
