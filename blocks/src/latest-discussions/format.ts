/** The forum's addresses on the site (docs/design.md#addresses-on-the-site), built in one place for the block and its tests. */
const workspacePath = (slug: string) => `/workspaces/${encodeURIComponent(slug)}`;

export const discussionsHref = (slug: string) => `${workspacePath(slug)}/discussions`;
export const newDiscussionHref = (slug: string) => `${discussionsHref(slug)}/new`;
export const discussionHref = (slug: string, id: number) => `${discussionsHref(slug)}/${id}`;

export function commentCountText(count: number): string {
  if (count === 0) return 'no comments yet';
  return count === 1 ? '1 comment' : `${count.toLocaleString('en-GB')} comments`;
}

/** When a discussion was last active, as the forum shows every time. */
export { ukDateTime as activityTime } from '../lib/uk-time.ts';
