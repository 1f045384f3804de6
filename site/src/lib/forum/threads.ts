/**
 * Where comments live: a discussion, a workspace page, or a case study. The same comment
 * machinery (docs/design.md#forum) serves all three; only the CMS path, the cache tag and the
 * site path differ.
 */
export type ThreadRef =
  | { kind: 'discussion'; workspace: string; id: number }
  | { kind: 'page'; workspace: string; page: string }
  | { kind: 'case-study'; caseStudy: string };

const enc = encodeURIComponent;

export function workspaceForumPath(slug: string): string {
  return `/api/forum/workspaces/${enc(slug)}`;
}

/** The thread's path at the CMS (the contract's `T`). */
export function threadApiPath(ref: ThreadRef): string {
  switch (ref.kind) {
    case 'discussion':
      return `${workspaceForumPath(ref.workspace)}/discussions/${ref.id}`;
    case 'page':
      return `${workspaceForumPath(ref.workspace)}/pages/${enc(ref.page)}`;
    case 'case-study':
      return `/api/forum/case-studies/${enc(ref.caseStudy)}`;
  }
}

/** The tag the CMS revalidates after a write to this thread (and which the site drops after its own). */
export function forumTag(ref: ThreadRef | { kind: 'workspace'; workspace: string }): string {
  return ref.kind === 'case-study' ? `forum:case-study:${ref.caseStudy}` : `forum:workspace:${ref.workspace}`;
}

/** One string per thread, for cache keys. */
export function threadKey(ref: ThreadRef): string {
  return threadApiPath(ref);
}

/** The forum's site addresses, defined once with the latest-discussions block that links to them. */
export { discussionHref, discussionsHref } from '@futurenhs/blocks/latest-discussions/format.ts';

/** Ids in URLs and forms: positive integers of sensible size, anything else is no id. */
export function parseId(raw: string | null | undefined): number | null {
  if (!raw || !/^[1-9][0-9]{0,11}$/.test(raw)) return null;
  return Number(raw);
}
