import { z } from 'zod';
import { isoTime, plainText, sitePathSchema } from './text.ts';

/**
 * Search, as the site and the CMS's search plugin agree on it (docs/search.md). The CMS works out
 * what the asker may read at query time; everything in an answer (hits, counts, facet values,
 * "did you mean") is already inside that set.
 */

/** What can be found. A new kind of thing (files, documents) is a new value here and nothing else. */
export const SEARCH_TYPES = ['workspace', 'page', 'discussion', 'comment', 'file', 'case-study', 'person'] as const;
export type SearchType = (typeof SEARCH_TYPES)[number];

export const SEARCH_TYPE_LABELS: Record<SearchType, { one: string; many: string }> = {
  workspace: { one: 'Workspace', many: 'Workspaces' },
  page: { one: 'Page', many: 'Pages' },
  discussion: { one: 'Discussion', many: 'Discussions' },
  comment: { one: 'Comment', many: 'Comments' },
  file: { one: 'File', many: 'Files' },
  'case-study': { one: 'Case study', many: 'Case studies' },
  person: { one: 'Person', many: 'People' },
};

/** Facets beyond type and workspace: values a document carries, counted per answer. */
export const SEARCH_FACETS = ['region', 'topic'] as const;
export type SearchFacet = (typeof SEARCH_FACETS)[number];

export const SEARCH_LIMITS = {
  /** Characters of a query; longer is refused with a message, never cut silently. */
  query: 100,
  /** Hits per page (the site asks for 10; suggestions as you type for 6). */
  pageSize: 20,
  /** Pages one may page to: beyond this, refine the search. */
  pages: 50,
  /** Values per facet filter. */
  facetValues: 20,
} as const;

/** A stretch of text that matched the query, or did not: the site marks matches up, escaped like any text. */
export const searchSegmentSchema = z.object({ text: plainText, match: z.boolean() });
export type SearchSegment = z.infer<typeof searchSegmentSchema>;

export const searchHitSchema = z.object({
  id: z.string(),
  type: z.enum(SEARCH_TYPES),
  title: z.array(searchSegmentSchema),
  snippet: z.array(searchSegmentSchema),
  url: sitePathSchema,
  /** The workspace it belongs to, when it belongs to one the asker may name. */
  workspace: z.object({ slug: z.string(), title: plainText }).nullable(),
  updatedAt: isoTime.nullable(),
  /** A line under the title: an author and their role, a person's job and organisation, a case study's organisation. */
  context: plainText.nullable(),
});
export type SearchHit = z.infer<typeof searchHitSchema>;

export const searchFacetValueSchema = z.object({ value: z.string(), label: plainText, count: z.number().int().nonnegative() });
export type SearchFacetValue = z.infer<typeof searchFacetValueSchema>;

export const searchAnswerSchema = z.object({
  query: z.string(),
  total: z.number().int().nonnegative(),
  page: z.number().int().positive(),
  pageSize: z.number().int().positive(),
  hits: z.array(searchHitSchema),
  facets: z.object({
    type: z.array(searchFacetValueSchema),
    workspace: z.array(searchFacetValueSchema),
    region: z.array(searchFacetValueSchema),
    topic: z.array(searchFacetValueSchema),
  }),
  /** A query that finds something the asker may read, when theirs found nothing. */
  didYouMean: z.string().nullable(),
});
export type SearchAnswer = z.infer<typeof searchAnswerSchema>;
