import type { z } from 'zod';
import type { BlockData, BlockOf, BlockUid } from './catalogue.ts';
import type { liveLoaders } from './catalogue.generated.ts';

/**
 * Live blocks show platform data fetched when the page is rendered, not stored with the block.
 * A live block's folder holds its loader (`live.ts` exporting a `defineLiveLoader(...)`): what to
 * ask the CMS for and what props that gives its renderer. The site implements `LiveContext` (who
 * may read, the CMS client, the cache: site/src/lib/live-blocks.ts) and hands the props to
 * BlockList, keyed by the parsed block they belong to; each renderer declares them as extra props.
 */
export interface LiveContext {
  /** The workspace the page belongs to; the site calls loaders only for viewers who may read it. */
  workspaceSlug: string;
  /**
   * GETs a CMS path as the viewer and parses the answer with `schema`. The answer is shared by
   * every reader of the workspace until the workspace's data changes. Throws when the CMS fails
   * or answers something else: the site then leaves the page's live blocks out this time.
   */
  get<T>(path: string, schema: z.ZodType<T>): Promise<T>;
}

export interface LiveLoader<U extends BlockUid, P> {
  uid: U;
  /** Names the live data in the key of the page's shared rendering, e.g. "discussions". */
  label: string;
  /**
   * The props of every block of this kind on one page, in as few requests as possible, and a
   * fingerprint of what the rendering shows (the site hashes it into the shared fragment's key, so
   * new data gives a new key and the page shows it at once).
   */
  load(blocks: BlockOf<U>[], context: LiveContext): Promise<{ props: Map<BlockOf<U>, P>; fingerprint: string }>;
  /** An example's live props (the block's `…LiveFixtures`) parsed as fetched ones are, for the gallery. */
  parseExample(raw: unknown): P;
}

/**
 * Types a block's loader; the generator lists it in catalogue.generated.ts (`liveLoaders`, exported
 * by the package). This module imports only types, so a block's live.ts may import it freely.
 */
export function defineLiveLoader<U extends BlockUid, P>(loader: LiveLoader<U, P>): LiveLoader<U, P> {
  return loader;
}

type LoaderProps<L> = L extends { parseExample(raw: unknown): infer P } ? P : never;

/** Each live block's props, by uid, as its loader declares them. */
export type LivePropsByUid = { [U in keyof typeof liveLoaders]: LoaderProps<(typeof liveLoaders)[U]> };

export type LiveProps = LivePropsByUid[keyof LivePropsByUid];

export type LiveData = ReadonlyMap<BlockData, LiveProps>;
