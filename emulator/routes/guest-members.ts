// Guest endpoints 2–4: list members (numbered pages, excludeDisconnectedMembers), get one member, and leave
// (DELETE of the guest's own member, which ends the conversation as the real service does; webchat-v2.md §3.1, §7).

import { limits, paths } from '../../src/protocol/paths';
import { fail } from '../errors';
import { json, noContent, type Route } from '../http';
import { memberInfo } from '../views';
import { findMember } from '../world';
import { memberPage, positiveIntParam, queryValue } from '../paging';
import { guestRoute, requireOwnMember, type RouteDeps } from './context';

const MEMBERS = '/api/v2/webchat/guest/conversations/:c/members';

function boolParam(query: URLSearchParams, name: string): boolean {
  const raw = queryValue(query, name);
  if (raw === undefined) return false;
  const v = raw.trim().toLowerCase();
  if (v === 'true' || v === 'false') return v === 'true';
  throw fail.invalidQuery(name, raw, 'true, false');
}

export function guestMemberRoutes(deps: RouteDeps): Route[] {
  return [
    {
      method: 'GET',
      pattern: MEMBERS,
      handler: guestRoute(deps, async (req, { conversation: c }) => {
        // Uncertain (§14.6): join order; pageSize 1–100.
        const pageSize = positiveIntParam(req.query, 'pageSize', limits.membersDefaultPageSize, limits.membersMaxPageSize, false);
        const pageNumber = positiveIntParam(req.query, 'pageNumber', 1, 1_000_000_000, false);
        const exclude = boolParam(req.query, 'excludeDisconnectedMembers');
        const members = exclude ? c.members.filter((m) => m.state !== 'DISCONNECTED') : c.members;
        return json(200, memberPage(members.map(memberInfo), pageSize, pageNumber, paths.members(c.id), exclude));
      }),
    },
    {
      method: 'GET',
      pattern: `${MEMBERS}/:m`,
      handler: guestRoute(deps, async (req, { conversation: c }) => {
        const m = findMember(c, req.params.m ?? '');
        if (!m) throw fail.chatNotFound('member');
        return json(200, memberInfo(m));
      }),
    },
    {
      method: 'DELETE',
      pattern: `${MEMBERS}/:m`,
      handler: guestRoute(deps, async (req, s) => {
        requireOwnMember(req, s);
        const c = s.conversation;
        if (c.ended) throw fail.conversationState();
        if (findMember(c, s.claims.memberId)?.state !== 'CONNECTED') throw fail.memberState();
        deps.actions.guestLeave(c);
        return noContent();
      }),
    },
  ];
}
