/**
 * The Meilisearch index settings, applied at every start (`prepare`). Field names are those of the
 * stored document (meilisearch.ts).
 */
import type * as Meili from 'meilisearch/dist/index.js';
import { MIN_TWO_TYPO_LENGTH, MIN_TYPO_LENGTH } from './spelling';
import { synonymMap } from './synonyms';

/**
 * Hits Meilisearch ranks and counts per query: `totalHits` stops here. The site pages through at
 * most 50 pages of 20 (contract/src/search.ts SEARCH_LIMITS), so nothing reachable is lost; a
 * larger match set reports 1,000. Facet counts are not capped by it.
 */
export const MAX_TOTAL_HITS = 1000;
/** Values counted per facet: a member of hundreds of workspaces still sees each one's count. */
export const MAX_VALUES_PER_FACET = 1000;

export function settingsOf(): Meili.Settings {
  return {
    // In rank order: the `attribute` rule ranks a word in the title above one in the body.
    searchableAttributes: ['title', 'headings', 'body'],
    filterableAttributes: ['id', 'type', 'workspaceId', 'workspaceIds', 'audience', 'facets'],
    // documentId: `scan` reads ids in order.
    sortableAttributes: ['updatedAt', 'documentId'],
    // Meilisearch's default order, then the newest first among equals.
    rankingRules: ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness', 'updatedAt:desc'],
    typoTolerance: { enabled: true, minWordSizeForTypos: { oneTypo: MIN_TYPO_LENGTH, twoTypos: MIN_TWO_TYPO_LENGTH } },
    synonyms: synonymMap(),
    pagination: { maxTotalHits: MAX_TOTAL_HITS },
    faceting: { maxValuesPerFacet: MAX_VALUES_PER_FACET },
  };
}
