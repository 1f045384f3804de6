/** The forum's addresses on the site (DESIGN.md §4), built in one place for the block and its tests. */
const workspacePath = (slug: string) => `/workspaces/${encodeURIComponent(slug)}`;

export const discussionsHref = (slug: string) => `${workspacePath(slug)}/discussions`;
export const newDiscussionHref = (slug: string) => `${discussionsHref(slug)}/new`;
export const discussionHref = (slug: string, id: number) => `${discussionsHref(slug)}/${id}`;

export function commentCountText(count: number): string {
  if (count === 0) return 'no comments yet';
  return count === 1 ? '1 comment' : `${count.toLocaleString('en-GB')} comments`;
}

// An absolute time, not "2 hours ago": the rendered block is shared between viewers and kept
// until the forum changes, so a relative time would go stale in the cache.
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  hour: 'numeric',
  minute: '2-digit',
  hour12: true,
  timeZone: 'Europe/London',
});

/** "24 November 2026 at 9:26pm", in UK time. */
export function activityTime(iso: string): string {
  const parts = Object.fromEntries(timeFormat.formatToParts(new Date(iso)).map((part) => [part.type, part.value]));
  return `${parts.day} ${parts.month} ${parts.year} at ${parts.hour}:${parts.minute}${(parts.dayPeriod ?? '').toLowerCase().replace(/\s|\./g, '')}`;
}
