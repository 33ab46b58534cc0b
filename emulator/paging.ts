// The two listings' paging rules: the message cursor walk (webchat-v2.md §3.1 item 7) and the standard
// numbered member pages (item 2), including how empty query values mean "not given". Pure functions.

import type { SortOrder } from '../src/protocol/models';
import { limits } from '../src/protocol/paths';
import { fail } from './errors';

/** The SDK sends unset options as empty values (`?after=&maxResults=`): those mean "not given" (§12). */
export function queryValue(query: URLSearchParams, name: string): string | undefined {
  const v = query.get(name);
  return v === null || v.trim() === '' ? undefined : v;
}

export function positiveIntParam(query: URLSearchParams, name: string, fallback: number, max: number, capped: boolean): number {
  const raw = queryValue(query, name);
  if (raw === undefined) return fallback;
  const n = /^\s*\d{1,9}\s*$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(n) || n < 1 || (!capped && n > max)) {
    throw fail.invalidQuery(name, raw, capped ? 'an integer of at least 1' : `an integer from 1 to ${max}`);
  }
  return Math.min(n, max);
}

export interface MessagePageRequest<T> {
  /** The whole transcript in time order. */
  all: readonly T[];
  idOf(item: T): string;
  after?: string;
  before?: string;
  sortOrder: SortOrder;
  maxResults: number;
  /** The listing path without query, for `next` / `previousPage`. */
  basePath: string;
}

export interface MessagePage<T> {
  entities: T[];
  next?: string;
  previousPage?: string;
}

export function parseSortOrder(query: URLSearchParams): SortOrder {
  const raw = queryValue(query, 'sortOrder');
  if (raw === undefined) return 'ascending';
  // Uncertain: accepted case-insensitively, like the service's other enums (targetType).
  const v = raw.trim().toLowerCase();
  if (v === 'ascending' || v === 'descending') return v;
  throw fail.invalidQuery('sortOrder', raw, 'ascending, descending');
}

export function parseMaxResults(query: URLSearchParams): number {
  // Uncertain (§14.5): above 100 is capped to 100 rather than refused.
  return positiveIntParam(query, 'maxResults', limits.messagesMaxResults, limits.messagesMaxResults, true);
}

/**
 * One page of the transcript. `after`/`before` bound the range (strictly); the window of at most
 * `maxResults` sits at the cursor the direction of travel starts from: no cursor → oldest N ascending, newest N
 * descending; a single cursor against the direction (after + descending, before + ascending) → the N nearest it
 * (inferred); both cursors → nearest the cursor the direction starts from. Unknown cursor ids → 400 `invalid.value`.
 */
export function messagePage<T>(req: MessagePageRequest<T>): MessagePage<T> {
  const { all, idOf, sortOrder: order, maxResults: n } = req;
  const indexOf = (param: 'after' | 'before', id: string) => {
    const i = all.findIndex((m) => idOf(m) === id);
    if (i < 0) throw fail.invalidValue(param, id, 'the id of a message of this conversation');
    return i;
  };
  const lo = req.after !== undefined ? indexOf('after', req.after) + 1 : 0;
  const hi = req.before !== undefined ? indexOf('before', req.before) : all.length;
  const range = lo < hi ? all.slice(lo, hi) : [];
  const fromEnd = order === 'descending' ? !(req.after !== undefined && req.before === undefined) : req.before !== undefined && req.after === undefined;
  const window = fromEnd ? range.slice(Math.max(0, range.length - n)) : range.slice(0, n);
  if (window.length === 0) return { entities: [] };

  const firstIndex = lo + (fromEnd ? Math.max(0, range.length - n) : 0);
  const lastIndex = firstIndex + window.length - 1;
  const olderExist = firstIndex > 0;
  const newerExist = lastIndex < all.length - 1;
  const oldest = idOf(window[0] as T);
  const newest = idOf(window[window.length - 1] as T);
  const link = (cursor: 'after' | 'before', id: string) =>
    `${req.basePath}?${cursor}=${encodeURIComponent(id)}&sortOrder=${order}&maxResults=${n}`;

  const page: MessagePage<T> = { entities: order === 'ascending' ? window : [...window].reverse() };
  // `next` continues the walk in the direction of travel over the whole transcript; `previousPage` is the page
  // before this one in the same sort order (exact query strings inferred, §14.5).
  if (order === 'ascending') {
    if (newerExist) page.next = link('after', newest);
    if (olderExist) page.previousPage = link('before', oldest);
  } else {
    if (olderExist) page.next = link('before', oldest);
    if (newerExist) page.previousPage = link('after', newest);
  }
  return page;
}

export interface MemberPage<T> {
  entities: T[];
  pageSize: number;
  pageNumber: number;
  total: number;
  pageCount: number;
  firstUri: string;
  lastUri: string;
  selfUri: string;
  nextUri?: string;
  previousUri?: string;
}

/** The standard numbered listing; URIs keep `excludeDisconnectedMembers=true` so following them keeps the filter. */
export function memberPage<T>(items: readonly T[], pageSize: number, pageNumber: number, basePath: string, excludeDisconnected: boolean): MemberPage<T> {
  const total = items.length;
  const pageCount = Math.ceil(total / pageSize);
  const uri = (n: number) =>
    `${basePath}?pageSize=${pageSize}&pageNumber=${n}${excludeDisconnected ? '&excludeDisconnectedMembers=true' : ''}`;
  const page: MemberPage<T> = {
    entities: items.slice((pageNumber - 1) * pageSize, pageNumber * pageSize),
    pageSize,
    pageNumber,
    total,
    pageCount,
    firstUri: uri(1),
    lastUri: uri(Math.max(1, pageCount)),
    selfUri: uri(pageNumber),
  };
  if (pageNumber < pageCount) page.nextUri = uri(pageNumber + 1);
  if (pageNumber > 1 && pageNumber - 1 <= Math.max(1, pageCount)) page.previousUri = uri(pageNumber - 1);
  return page;
}
