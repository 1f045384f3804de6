import type { BlockInput, BlockUid } from './catalogue.ts';

export type { BlockData, BlockOf, BlockUid } from './catalogue.ts';

/** Named examples of a block's data as the CMS returns it. */
export type BlockFixtures<U extends BlockUid> = Record<string, BlockInput<U>>;
