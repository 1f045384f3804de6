import type { BlockData } from './catalogue.ts';
import type { LatestDiscussionsLive } from './latest-discussions/live.ts';

/**
 * Live blocks show platform data fetched when the page is rendered, not stored with the block.
 * The site fetches it (for the viewer, after its access checks) and hands it to BlockList, keyed
 * by the parsed block it belongs to; each renderer declares these as its extra props.
 */
export interface LivePropsByUid {
  'blocks.latest-discussions': LatestDiscussionsLive;
}

export type LiveProps = LivePropsByUid[keyof LivePropsByUid];

export type LiveData = ReadonlyMap<BlockData, LiveProps>;
