import { createHash } from 'node:crypto';
import { liveLoaders, type BlockData, type BlockUid } from '@futurenhs/blocks';
import type { LiveContext, LiveData, LiveLoader } from '@futurenhs/blocks/live.ts';
import type { MemberCms } from './cms/member-client.ts';
import type { Visibility } from '@futurenhs/contract';
import { cachedRead, workspaceReader } from './forum/api.ts';
import { workspaceAccess, type AccessLocals } from './membership/access.ts';

export { latestDiscussionsPath } from '@futurenhs/blocks/latest-discussions/live.ts';

/**
 * Live blocks show platform data that is never stored with the page (docs/design.md#blocks): it
 * is read here, for the viewer, each time the page is rendered. What each block reads is its own
 * loader's business (blocks/src/<name>/live.ts); this file gives the loaders what they need and
 * nothing else: a live block's data is read only when the CMS says this viewer may read the
 * workspace, and with the viewer's own CMS client, so the CMS's own access rules answer too. The
 * answers are the same for every reader (the forum's and the files' contracts), so they are kept in
 * the site's forum cache, tagged with the plugin that answers and the workspace
 * (`forum:workspace:<slug>`, `files:workspace:<slug>`): that plugin's writes clear the tag (the
 * CMS's revalidation, and the site's own writes), so a workspace's home page does not cost a CMS
 * call per view yet shows a new discussion or file at once.
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

type AnyLoader = LiveLoader<BlockUid, unknown>;

/** The page's live blocks, grouped by their loader, in page order. */
function liveBlocksOf(blocks: BlockData[]): Map<AnyLoader, BlockData[]> {
  const groups = new Map<AnyLoader, BlockData[]>();
  for (const block of blocks) {
    const loader = (liveLoaders as Partial<Record<BlockUid, AnyLoader>>)[block.__component];
    if (loader) groups.set(loader, [...(groups.get(loader) ?? []), block]);
  }
  return groups;
}

/**
 * The tag a live read's answer is cached under: the CMS plugin that answers it (`/api/<plugin>/…`)
 * and the workspace, which is what that plugin's revalidation names after its writes. For the
 * forum it is the forum readers' own tag, so discussions on a page and in the forum clear together.
 */
export function liveReadTag(path: string, workspaceSlug: string): string {
  const plugin = /^\/api\/([a-z][a-z-]*)\//.exec(path)?.[1];
  if (!plugin) throw new Error(`A live block may read only a plugin's API, not ${path}`);
  return `${plugin}:workspace:${workspaceSlug}`;
}

const hash = (text: string) => createHash('sha256').update(text).digest('base64url').slice(0, 22);

export async function loadLiveBlocks(
  locals: LiveLocals,
  workspace: { slug: string; visibility: Visibility },
  blocks: BlockData[],
): Promise<LiveBlocks> {
  const wanted = liveBlocksOf(blocks);
  if (wanted.size === 0) return NO_LIVE;
  const access = await workspaceAccess(locals, workspace);
  // Only readers of the workspace may see its live data: for anyone else nothing is read and the
  // blocks render nothing. The marker keeps that empty rendering apart from the readers' one.
  const reader = workspaceReader(locals, workspace.slug, access);
  if (!reader) return { live: new Map(), fingerprint: 'no-access' };

  const live = new Map<BlockData, unknown>();
  const fingerprints: string[] = [];
  for (const [loader, group] of wanted) {
    const name = loader.uid.slice('blocks.'.length);
    const context: LiveContext = {
      workspaceSlug: workspace.slug,
      get: (path, schema) => cachedRead({ ...reader, tag: liveReadTag(path, workspace.slug) }, `${name}:${path}`, path, schema),
    };
    try {
      const loaded = await loader.load(group as never, context);
      for (const [block, props] of loaded.props) live.set(block, props);
      fingerprints.push(`${loader.label}:${hash(loaded.fingerprint)}`);
    } catch (error) {
      // The CMS being unavailable must not take the page down: the blocks are left out this time.
      console.warn(`[live-blocks] Could not load the ${loader.label} of "${workspace.slug}"`, error instanceof Error ? error.message : error);
      return { live: new Map(), fingerprint: null };
    }
  }
  return { live: live as LiveData, fingerprint: fingerprints.join('|') };
}

/** The shared fragment's key for a page's blocks with their live data; null: render for this viewer only. */
export function liveBlocksKey(blocksKey: string | null, live: LiveBlocks): string | null {
  if (blocksKey === null || live.fingerprint === null) return null;
  return live.fingerprint ? `${blocksKey}|${live.fingerprint}` : blocksKey;
}
