import { catalogue, liveLoaders, parseBlocks, type BlockData, type BlockUid } from '@futurenhs/blocks';
import { allFixtures, allLiveFixtures } from '@futurenhs/blocks/fixtures.ts';
import type { LiveProps } from '@futurenhs/blocks/live.ts';
import { withMediaUrls } from './cms/blocks.ts';
import { sentenceCase } from './forms.ts';

/**
 * The block catalogue gallery's data: every block of the catalogue with its named fixtures,
 * validated exactly as CMS content is.
 */
export interface GalleryFixture {
  name: string;
  label: string;
  block: BlockData | null;
  /** Why the fixture fails validation, if it does: the site would skip such a block. */
  problem: string | null;
  /** A live block's example data, as the site would fetch it for a page (null for other blocks). */
  live: LiveProps | null;
}

/** Live examples are parsed by the block's loader as fetched data is, so the gallery shows what a page would. */
function liveExample(uid: BlockUid, raw: unknown): LiveProps | null {
  const loader = (liveLoaders as Partial<Record<BlockUid, { parseExample(raw: unknown): LiveProps }>>)[uid];
  return loader && raw ? loader.parseExample(raw) : null;
}

export interface GalleryBlock {
  uid: BlockUid;
  name: string;
  displayName: string;
  description: string;
  group: string;
  fixtures: GalleryFixture[];
}

/** "withPrefixAndLink" → "With prefix and link" */
export function fixtureLabel(name: string): string {
  return sentenceCase(name);
}

/** Fixture images point at uploads that exist nowhere: the gallery shows one placeholder, at each image's own size. */
export const PLACEHOLDER_IMAGE = '/gallery/example-image.svg';

export function galleryBlocks(
  fixtures: Partial<Record<string, Record<string, unknown>>> = allFixtures,
  liveFixtures: Partial<Record<string, Record<string, unknown>>> = allLiveFixtures,
): GalleryBlock[] {
  return catalogue.map((definition) => ({
    uid: definition.uid,
    name: definition.name,
    displayName: definition.displayName,
    description: definition.description,
    group: definition.group,
    fixtures: Object.entries(fixtures[definition.uid] ?? {}).map(([name, raw]) => {
      let problem: string | null = null;
      const [block] = parseBlocks([withMediaUrls(raw, () => PLACEHOLDER_IMAGE)], (_message, warning) => (problem = warning.reason), `fixture ${name}`);
      return { name, label: fixtureLabel(name), block: block ?? null, problem, live: liveExample(definition.uid, liveFixtures[definition.uid]?.[name]) };
    }),
  }));
}

export function galleryBlock(name: string): GalleryBlock | undefined {
  return galleryBlocks().find((block) => block.name === name);
}
