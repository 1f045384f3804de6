import { createHash } from 'node:crypto';
import type { BlockData } from '@futurenhs/blocks';
import { discussionListSchema, discussionsFingerprint, type DiscussionCard } from '@futurenhs/blocks/latest-discussions/live.ts';
import type { LiveData, LiveProps } from '@futurenhs/blocks/live.ts';
import { parseCms } from './cms/accounts.ts';
import type { MemberCms } from './cms/member-client.ts';
import type { Visibility } from '@futurenhs/contract';
import { forumCache, workspaceReader } from './forum/api.ts';
import { workspaceAccess, type AccessLocals } from './membership/access.ts';

/**
 * Live blocks show platform data that is never stored with the page (docs/design.md#blocks): it
 * is read here, for the viewer, each time the page is rendered. The workspace's discussions are read only
 * when the CMS says this viewer may read the workspace, and fetched with their own CMS client, so
 * the forum's own access rules answer too. The answer is the same for every reader (the forum
 * contract), so it is kept in the site's forum cache, tagged with the workspace: every forum write
 * clears the tag (the CMS's revalidation, and the site's own writes), so a workspace's home page
 * does not cost a CMS call per view yet shows a new discussion at once.
 *
 * The page's rendered blocks are shared between viewers (SharedFragment), so the fragment's key
 * carries a fingerprint of the live data: a new discussion or comment gives a new key, and the
 * page shows it at once instead of the copy rendered before.
 */
export interface LiveBlocks {
  /** Live props by block, for BlockList. */
  live: LiveData;
  /**
   * What the rendered blocks depend on beyond the page's own version: '' when the page has no live
   * block; null when live data could not be fetched, so the rendering must not be shared.
   */
  fingerprint: string | null;
}

const NO_LIVE: LiveBlocks = { live: new Map(), fingerprint: '' };

type LiveLocals = AccessLocals & { viewer: { id: string } | null; cms: Pick<MemberCms, 'get'> };

function latestDiscussionsBlocks(blocks: BlockData[]) {
  return blocks.filter((block): block is Extract<BlockData, { __component: 'blocks.latest-discussions' }> => block.__component === 'blocks.latest-discussions');
}

export function latestDiscussionsPath(slug: string, pageSize: number): string {
  const query = new URLSearchParams({ sort: 'activity', pageSize: String(pageSize) });
  return `/api/forum/workspaces/${encodeURIComponent(slug)}/discussions?${query}`;
}

const hash = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 22);

export async function loadLiveBlocks(
  locals: LiveLocals,
  workspace: { slug: string; visibility: Visibility },
  blocks: BlockData[],
): Promise<LiveBlocks> {
  const wanted = latestDiscussionsBlocks(blocks);
  if (wanted.length === 0) return NO_LIVE;
  const access = await workspaceAccess(locals, workspace);
  // Only readers of the workspace may see its discussions: for anyone else nothing is read and the
  // blocks render nothing. The marker keeps that empty rendering apart from the readers' one.
  const reader = access.canView ? workspaceReader(locals, workspace.slug, access) : null;
  if (!reader) return { live: new Map(), fingerprint: 'no-access' };

  // One request for every such block on the page: the largest count, each block shows its own.
  const pageSize = Math.max(...wanted.map((block) => block.count));
  const path = latestDiscussionsPath(workspace.slug, pageSize);
  let discussions: DiscussionCard[];
  try {
    const { value } = await forumCache().getOrLoad(`latest-discussions:${path}`, [reader.tag], async () => {
      const json = await reader.cms.get(path);
      const parsed = parseCms(discussionListSchema, json, path).data;
      return { value: parsed, cache: true, bytes: JSON.stringify(json ?? null).length * 3 + 256 };
    });
    discussions = value as DiscussionCard[];
  } catch (error) {
    // The forum being unavailable must not take the page down: the blocks are left out this time.
    console.warn(`[live-blocks] Could not load the latest discussions of "${workspace.slug}"`, error instanceof Error ? error.message : error);
    return { live: new Map(), fingerprint: null };
  }
  const props: LiveProps = { workspaceSlug: workspace.slug, discussions };
  return { live: new Map(wanted.map((block) => [block, props])), fingerprint: `discussions:${hash(discussionsFingerprint(discussions))}` };
}

/** The shared fragment's key for a page's blocks with their live data; null: render for this viewer only. */
export function liveBlocksKey(blocksKey: string | null, live: LiveBlocks): string | null {
  if (blocksKey === null || live.fingerprint === null) return null;
  return live.fingerprint ? `${blocksKey}|${live.fingerprint}` : blocksKey;
}
