/**
 * Every block's named fixtures, as the Strapi REST API returns them, keyed by block uid
 * (`allFixtures`). The site's browser tests render each one (parseBlocks, then BlockList) and run
 * axe over it, so every fixture is realistic content, including the `hostile*` ones that prove
 * markup in text comes out inert.
 *
 * `allInvalidExamples`: data each block's schema must refuse (so parseBlocks skips it).
 *
 * `allLiveFixtures`: for live blocks, the data the site fetches at render time for each named
 * fixture (keyed by block uid, then fixture name), so the gallery and the browser tests show them
 * as a page would.
 *
 * Each comes from the block's own fixtures.ts, found by the generator (generate-catalogue.ts).
 */
export { allFixtures, allInvalidExamples, allLiveFixtures } from './fixtures.generated.ts';
