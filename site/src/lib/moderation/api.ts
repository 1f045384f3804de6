import { parseCms } from '../cms/accounts.ts';
import type { MemberCms } from '../cms/member-client.ts';
import type { Pagination } from '../cms/schemas.ts';
import { moderationActionSchema, moderationPageSchema, type ModerationItem, type ModerationState } from '@futurenhs/contract';

/**
 * Typed calls to the forum's moderation routes, always through the manager's own client
 * (`Astro.locals.cms`): the CMS checks canManage on every call, and nothing here is cached, since
 * the queue is for managers only and changes with each decision.
 */
export const MODERATION_PAGE_SIZE = 20;

const base = (slug: string) => `/api/forum/workspaces/${encodeURIComponent(slug)}/moderation`;

export interface ModerationPage {
  items: ModerationItem[];
  pagination: Pagination;
}

export async function moderationQueue(cms: Pick<MemberCms, 'get'>, slug: string, state: ModerationState, page = 1): Promise<ModerationPage> {
  const query = new URLSearchParams({ state, page: String(page), pageSize: String(MODERATION_PAGE_SIZE) });
  const path = `${base(slug)}?${query}`;
  const parsed = parseCms(moderationPageSchema, await cms.get(path), path);
  const pagination = parsed.meta?.pagination ?? {};
  return {
    items: parsed.data,
    pagination: {
      page: pagination.page ?? page,
      pageSize: pagination.pageSize ?? MODERATION_PAGE_SIZE,
      pageCount: pagination.pageCount ?? (parsed.data.length > 0 ? 1 : 0),
      total: pagination.total ?? parsed.data.length,
    },
  };
}

export type ModerationAction = { kind: 'hide'; reason: string } | { kind: 'restore' } | { kind: 'dismiss' };

/** Hide (with the reason its author is told), restore, or dismiss the open reports of a comment. */
export async function moderate(cms: Pick<MemberCms, 'post'>, slug: string, commentId: number, action: ModerationAction): Promise<string | undefined> {
  const path = `${base(slug)}/${commentId}/${action.kind}`;
  const answer = await cms.post(path, action.kind === 'hide' ? { reason: action.reason } : {});
  return parseCms(moderationActionSchema, answer, path).data.message;
}
