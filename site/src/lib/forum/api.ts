import type { z } from 'zod';
import { sharedCache } from '../cache/registry.ts';
import { TaggedCache } from '../cache/tagged-cache.ts';
import { parseCms } from '../cms/accounts.ts';
import type { MemberCms } from '../cms/member-client.ts';
import { siteConfig } from '../config.ts';
import {
  COMMENT_SORTS,
  commentPageSchema,
  createdSchema,
  DEFAULT_PAGE_SIZE,
  DISCUSSION_SORTS,
  discussionListSchema,
  discussionResponseSchema,
  likersSchema,
  MAX_PAGE_SIZE,
  mineSchema,
  repliesSchema,
  type Author,
  type CommentPage,
  type CommentSort,
  type Discussion,
  type DiscussionList,
  type DiscussionSort,
  type Mine,
  type RepliesPage,
  type WorkspaceAccess,
} from '@futurenhs/contract';
import { forumTag, threadApiPath, threadKey, workspaceForumPath, type ThreadRef } from './threads.ts';

/**
 * Typed calls to the forum plugin, and the site's caches of its answers.
 *
 * Comment pages, discussion lists and likers are the same for every viewer who may read them (the
 * contract promises no per-viewer fields), so they are cached once for all readers, keyed by
 * thread, sort and cursor, and tagged with their workspace or case study: the CMS's revalidation
 * after any forum write clears that tag, and this site clears it itself right after its own
 * writes. A cached answer is served only through a `ForumReader`, which exists only once the
 * CMS's access answer says the viewer may read (never cached forum data to someone without
 * access). What is the viewer's own (`/comments/mine`: their likes, hidden comments, and what they
 * may do with each comment shown) is cached per viewer, thread and comments shown for 15 s, and
 * dropped at once when this viewer writes through the site.
 */
export const MINE_TTL_MS = 15_000;

export function forumCache(): TaggedCache<unknown> {
  return sharedCache('forum', () => {
    const config = siteConfig();
    return new TaggedCache<unknown>('forum', {
      maxEntries: 20_000,
      maxBytes: config.SITE_DATA_CACHE_MAX_MB * 1024 * 1024,
      // A safety net only: revalidation is what keeps it current.
      ttlMs: config.SITE_CACHE_TTL_SECONDS * 1000,
    });
  });
}

export function mineCache(): TaggedCache<Mine> {
  return sharedCache('forum-mine', () => new TaggedCache<Mine>('forum-mine', { maxEntries: 50_000, maxBytes: 16 * 1024 * 1024, ttlMs: MINE_TTL_MS }));
}

/** Proof that the viewer may read a thread: only `workspaceReader` and `caseStudyReader` make one. */
export interface ForumReader {
  readonly cms: Pick<MemberCms, 'get'>;
  readonly viewerId: string;
  readonly tag: string;
  /**
   * Where the viewer stands in the workspace, from the CMS's access answer (fresh after their own
   * membership changes): part of the key of their own answer, so joining, leaving, a promotion or
   * a demotion asks the CMS again what they may do with each comment instead of showing the old
   * answer for up to 15 s.
   */
  readonly standing: string;
}

interface ReaderLocals {
  viewer: { id: string } | null;
  cms: Pick<MemberCms, 'get'>;
}

type ReaderAccess = Pick<WorkspaceAccess, 'canView' | 'standing' | 'canPost' | 'canManage'>;

/** A reader of a workspace's forum, when the CMS's access answer says the viewer may view it. */
export function workspaceReader(locals: ReaderLocals, slug: string, access: ReaderAccess | undefined): ForumReader | null {
  if (!locals.viewer || !access?.canView) return null;
  const standing = `${access.standing}:${access.canPost ? 'post' : ''}:${access.canManage ? 'manage' : ''}`;
  return { cms: locals.cms, viewerId: locals.viewer.id, tag: forumTag({ kind: 'workspace', workspace: slug }), standing };
}

/** Case-study comments: any signed-in member reads them (the contract); anonymous visitors none. */
export function caseStudyReader(locals: ReaderLocals, caseStudy: string): ForumReader | null {
  if (!locals.viewer) return null;
  return { cms: locals.cms, viewerId: locals.viewer.id, tag: forumTag({ kind: 'case-study', caseStudy }), standing: 'member' };
}

/** A read whose answer is the same for every reader: cached once, under the reader's tag. Live blocks read through it too (live-blocks.ts). */
export async function cachedRead<T>(reader: ForumReader, key: string, path: string, schema: z.ZodType<T>): Promise<T> {
  const { value } = await forumCache().getOrLoad(key, [reader.tag], async () => {
    const json = await reader.cms.get(path);
    const parsed = parseCms(schema, json, path);
    return { value: parsed, cache: true, bytes: JSON.stringify(json ?? null).length * 3 + 256 };
  });
  return value as T;
}

export type { CommentSort, DiscussionSort };
export const COMMENT_PAGE_SIZE = DEFAULT_PAGE_SIZE;

export function commentSort(raw: string | null | undefined): CommentSort {
  return COMMENT_SORTS.find((sort) => sort === raw) ?? 'newest';
}

/** Cursors are opaque; anything unreasonable is not sent (the CMS would refuse it anyway). */
export function cursorParam(raw: string | null | undefined): string | null {
  if (!raw || raw.length > 200 || !/^[A-Za-z0-9_.:=-]+$/.test(raw)) return null;
  return raw;
}

export async function getComments(reader: ForumReader, ref: ThreadRef, options: { sort: CommentSort; after?: string | null }): Promise<CommentPage> {
  const query = new URLSearchParams({ sort: options.sort, limit: String(COMMENT_PAGE_SIZE) });
  if (options.after) query.set('after', options.after);
  const path = `${threadApiPath(ref)}/comments?${query}`;
  const parsed = await cachedRead(reader, `comments:${path}`, path, commentPageSchema);
  return { comments: parsed.data, thread: parsed.meta.thread, nextCursor: parsed.meta.nextCursor, total: parsed.meta.total };
}

/** All of a comment's replies at once, as far as the forum allows a page. */
export const REPLIES_PAGE_SIZE = MAX_PAGE_SIZE;

export async function getReplies(reader: ForumReader, ref: ThreadRef, commentId: number, after?: string | null): Promise<RepliesPage> {
  const query = new URLSearchParams({ limit: String(REPLIES_PAGE_SIZE) });
  if (after) query.set('after', after);
  const path = `${threadApiPath(ref)}/comments/${commentId}/replies?${query}`;
  const parsed = await cachedRead(reader, `replies:${path}`, path, repliesSchema);
  return { comment: parsed.data.comment, replies: parsed.data.replies, nextCursor: parsed.meta.nextCursor };
}

export async function getLikers(reader: ForumReader, ref: ThreadRef, commentId: number): Promise<Author[]> {
  const path = `${threadApiPath(ref)}/comments/${commentId}/likes`;
  return (await cachedRead(reader, `likes:${path}`, path, likersSchema)).data;
}

const mineKey = (reader: ForumReader, ref: ThreadRef, ids: string) => [reader.viewerId, reader.standing, threadKey(ref), ids].join('\u0000');

/**
 * What is the viewer's own in a thread: the comments they liked, theirs a moderator hid, and what
 * they may do with each comment of `shown` (the CMS's `can`; one it does not name gets no action).
 */
export async function getMine(reader: ForumReader, ref: ThreadRef, shown: readonly number[] = []): Promise<Mine> {
  const ids = [...new Set(shown)].sort((a, b) => a - b).join(',');
  const path = `${threadApiPath(ref)}/comments/mine${ids ? `?ids=${ids}` : ''}`;
  const { value } = await mineCache().getOrLoad(mineKey(reader, ref, ids), [reader.tag], async () => ({
    value: parseCms(mineSchema, await reader.cms.get(path), path).data,
    cache: true,
    bytes: 512 + 64 * shown.length,
  }));
  return value;
}

export const DISCUSSIONS_PAGE_SIZE = DEFAULT_PAGE_SIZE;

export function discussionSort(raw: string | null | undefined): DiscussionSort {
  return DISCUSSION_SORTS.find((sort) => sort === raw) ?? 'activity';
}

export async function listDiscussions(reader: ForumReader, slug: string, options: { sort: DiscussionSort; page: number }): Promise<DiscussionList> {
  const query = new URLSearchParams({ sort: options.sort, page: String(options.page), pageSize: String(DISCUSSIONS_PAGE_SIZE) });
  const path = `${workspaceForumPath(slug)}/discussions?${query}`;
  const parsed = await cachedRead(reader, `discussions:${path}`, path, discussionListSchema);
  const { page, pageCount, total } = parsed.meta.pagination;
  return { discussions: parsed.data, page, pageCount, total };
}

export async function getDiscussion(reader: ForumReader, slug: string, id: number): Promise<Discussion> {
  const path = `${workspaceForumPath(slug)}/discussions/${id}`;
  return (await cachedRead(reader, `discussion:${path}`, path, discussionResponseSchema)).data;
}

/**
 * After this site's own write: its entries for the workspace (or case study) go at once, so the
 * writer sees the change on the redirect that follows, without waiting for the CMS's call.
 */
export function forgetForum(ref: ThreadRef | { kind: 'workspace'; workspace: string }): void {
  const tags = [forumTag(ref)];
  forumCache().invalidateTags(tags);
  mineCache().invalidateTags(tags);
}

type Writer = Pick<MemberCms, 'post' | 'put' | 'patch' | 'delete'>;

export async function createDiscussion(cms: Writer, slug: string, input: { title: string; body: string; submissionKey: string }): Promise<number> {
  const path = `${workspaceForumPath(slug)}/discussions`;
  const created = parseCms(createdSchema, await cms.post(path, input), path).data.id;
  forgetForum({ kind: 'workspace', workspace: slug });
  return created;
}

export async function postComment(cms: Writer, ref: ThreadRef, input: { body: string; parentId?: number; submissionKey: string }): Promise<number> {
  const path = `${threadApiPath(ref)}/comments`;
  try {
    return parseCms(createdSchema, await cms.post(path, input), path).data.id;
  } finally {
    forgetForum(ref);
  }
}

/** The writes whose answer the page needs only as success or refusal. */
export async function commentAction(
  cms: Writer,
  ref: ThreadRef,
  commentId: number,
  action: { kind: 'edit'; body: string } | { kind: 'delete' } | { kind: 'like' } | { kind: 'unlike' } | { kind: 'report'; reason: string },
): Promise<void> {
  const path = `${threadApiPath(ref)}/comments/${commentId}`;
  try {
    if (action.kind === 'edit') await cms.put(path, { body: action.body });
    else if (action.kind === 'delete') await cms.delete(path);
    else if (action.kind === 'like') await cms.post(`${path}/like`);
    else if (action.kind === 'unlike') await cms.delete(`${path}/like`);
    else await cms.post(`${path}/report`, { reason: action.reason });
  } finally {
    forgetForum(ref);
  }
}

export async function updateDiscussion(cms: Writer, slug: string, id: number, change: { pinned?: boolean; locked?: boolean }): Promise<void> {
  try {
    await cms.patch(`${workspaceForumPath(slug)}/discussions/${id}`, change);
  } finally {
    forgetForum({ kind: 'workspace', workspace: slug });
  }
}

export async function setPageComments(cms: Writer, slug: string, page: string, commentsEnabled: boolean): Promise<void> {
  try {
    await cms.put(`${workspaceForumPath(slug)}/pages/${encodeURIComponent(page)}/settings`, { commentsEnabled });
  } finally {
    forgetForum({ kind: 'workspace', workspace: slug });
  }
}
