import { catalogue, liveLoaders } from '@futurenhs/blocks';
import type { LatestDiscussionsLive } from '@futurenhs/blocks/latest-discussions/live.ts';
import { describe, expect, it } from 'vitest';
import { fixtureLabel, galleryBlocks, PLACEHOLDER_IMAGE } from './blocks-gallery.ts';

describe('galleryBlocks', () => {
  const blocks = galleryBlocks();

  it('lists every block of the catalogue, in catalogue order', () => {
    expect(blocks.map((block) => block.uid)).toEqual(catalogue.map((block) => block.uid));
  });

  it('has at least one example of every block, each valid as the site validates CMS content', () => {
    for (const block of blocks) {
      expect(block.fixtures.length, block.uid).toBeGreaterThan(0);
      for (const fixture of block.fixtures) expect(fixture.problem, `${block.uid} ${fixture.name}`).toBeNull();
    }
  });

  it('gives every example of a live block the data a page would fetch for it', () => {
    const latest = blocks.find((block) => block.uid === 'blocks.latest-discussions')!;
    for (const fixture of latest.fixtures) expect(fixture.live, fixture.name).toMatchObject({ workspaceSlug: expect.any(String), discussions: expect.any(Array) });
    expect((latest.fixtures.find((fixture) => fixture.name === 'empty')?.live as LatestDiscussionsLive | null | undefined)?.discussions).toEqual([]);
    // Parsed as the forum's answers are: direction overrides are gone from titles.
    expect(JSON.stringify(latest.fixtures)).not.toMatch(/\u202e|\u2066/i);
    const files = blocks.find((block) => block.uid === 'blocks.file-list')!;
    for (const fixture of files.fixtures) expect(fixture.live, fixture.name).toMatchObject({ workspaceSlug: expect.any(String), files: expect.any(Array), missing: expect.any(Boolean) });
    expect(JSON.stringify(files.fixtures)).not.toMatch(/\u202e|\u2066/i);
    const others = blocks.filter((block) => !(block.uid in liveLoaders)).flatMap((block) => block.fixtures);
    for (const fixture of others) expect(fixture.live).toBeNull();
  });

  it('shows the placeholder instead of uploads that do not exist', () => {
    const json = JSON.stringify(blocks);
    expect(json).not.toContain('/uploads/');
    if (json.includes('"mime"')) expect(json).toContain(PLACEHOLDER_IMAGE);
  });
});

describe('fixtureLabel', () => {
  it('turns fixture names into sentence case', () => {
    expect(fixtureLabel('withPrefixAndLink')).toBe('With prefix and link');
    expect(fixtureLabel('simple')).toBe('Simple');
    expect(fixtureLabel('fourColumnsUnderH3')).toBe('Four columns under h3');
  });
});
