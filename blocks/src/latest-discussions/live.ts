import { z } from 'zod';
import { discussionCardSchema, discussionListSchema, type DiscussionCard } from '@futurenhs/contract';
import { defineLiveLoader } from '../live.ts';

/**
 * What the latest-discussions block needs at render time besides its stored fields: the forum
 * answer's DiscussionCard (its shape is the contract's: contract/src/forum.ts) and the workspace the page belongs to. The site
 * fetches these with the viewer's own CMS client, after checking they may read the workspace, and
 * passes them to BlockList as the block's live props.
 */
export { discussionCardSchema, discussionListSchema, type DiscussionCard } from '@futurenhs/contract';

// The slug goes into link paths: Strapi's uid alphabet only, never "." or "..".
export const workspaceSlugSchema = z.string().regex(/^(?!\.+$)[A-Za-z0-9._~-]+$/);

export interface LatestDiscussionsLive {
  workspaceSlug: string;
  /** The workspace's discussions as the forum lists them (pinned first, then latest activity). */
  discussions: DiscussionCard[];
}

/**
 * What a page's rendered copy of the block depends on, for a shared fragment cache key: a new
 * discussion, a new comment or a rename changes it, so the page shows it at once.
 */
export function discussionsFingerprint(discussions: readonly Pick<DiscussionCard, 'id' | 'lastActivityAt' | 'commentCount' | 'title' | 'pinned'>[]): string {
  return discussions.map((d) => `${d.id}@${d.lastActivityAt}#${d.commentCount}${d.pinned ? 'p' : ''}:${d.title}`).join(',');
}

export function latestDiscussionsPath(slug: string, pageSize: number): string {
  const query = new URLSearchParams({ sort: 'activity', pageSize: String(pageSize) });
  return `/api/forum/workspaces/${encodeURIComponent(slug)}/discussions?${query}`;
}

/**
 * The forum's list, once for every such block on the page: the largest count, each block shows
 * its own. The forum's own access rules answer too, since the site asks as the viewer.
 */
export const latestDiscussionsLoader = defineLiveLoader({
  uid: 'blocks.latest-discussions',
  label: 'discussions',
  async load(blocks, { workspaceSlug, get }) {
    const pageSize = Math.max(...blocks.map((block) => block.count));
    const { data: discussions } = await get(latestDiscussionsPath(workspaceSlug, pageSize), discussionListSchema);
    const props: LatestDiscussionsLive = { workspaceSlug, discussions };
    return { props: new Map(blocks.map((block) => [block, props])), fingerprint: discussionsFingerprint(discussions) };
  },
  parseExample(raw) {
    const example = raw as LatestDiscussionsLive;
    return { workspaceSlug: example.workspaceSlug, discussions: example.discussions.map((card) => discussionCardSchema.parse(card)) };
  },
});
