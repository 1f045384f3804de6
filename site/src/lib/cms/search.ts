import { SEARCH_TYPE_LABELS, searchAnswerSchema, type SearchAnswer, type SearchHit } from '@futurenhs/contract';
import { cmsSearchQuery, type SearchRequest } from '../search/params.ts';
import type { Suggestion } from '../search/suggestions.ts';
import { cms, type CmsClient } from './client.ts';
import { CmsError } from './errors.ts';
import { isCmsRequestError } from './http.ts';
import type { MemberCms } from './member-client.ts';
import { toQueryString } from './query-string.ts';

/**
 * Search through the CMS's search route (contract/src/search.ts). The CMS works out what the asker
 * may read: a signed-in member asks with their own token, a visitor with the site's token. Neither
 * answer is cached: the index follows content a moment after the change that clears the caches, so
 * a cached answer could miss new content for the cache's whole lifetime.
 */
export const SEARCH_PAGE_SIZE = 10;
export const SUGGESTION_COUNT = 6;

export type SearchOutcome = { kind: 'answer'; answer: SearchAnswer } | { kind: 'refused'; message: string };

/** Who asks: the request's viewer and their client (Astro.locals), or a client of the site's own for tests. */
export interface SearchAsker {
  viewer: unknown;
  cms: MemberCms;
}

const PATH = '/api/search';

async function ask(asker: SearchAsker, request: SearchRequest, options: { pageSize: number; facets: boolean }, site: CmsClient): Promise<SearchAnswer> {
  const query = cmsSearchQuery(request, options);
  if (!asker.viewer) return site.read({ path: PATH, query, schema: searchAnswerSchema, uncached: true });
  const path = `${PATH}?${toQueryString(query)}`;
  const parsed = searchAnswerSchema.safeParse(await asker.cms.get(path));
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.')}: ${issue.message}`);
    throw new CmsError(`Unexpected CMS response for ${PATH}: ${problems.join('; ')}`, PATH);
  }
  return parsed.data;
}

/** A page of results with its facets, or the CMS's reason for refusing the request (bad input: a 400). */
export async function searchSite(asker: SearchAsker, request: SearchRequest, site: CmsClient = cms()): Promise<SearchOutcome> {
  try {
    return { kind: 'answer', answer: await ask(asker, request, { pageSize: SEARCH_PAGE_SIZE, facets: true }, site) };
  } catch (error) {
    if (isCmsRequestError(error, 400)) return { kind: 'refused', message: error.reason || 'Check your search and try again' };
    throw error;
  }
}

/** The top hits as suggestions while one types: no facets, nothing on a refusal (the form still works). */
export async function searchSuggestions(asker: SearchAsker, request: SearchRequest, site: CmsClient = cms()): Promise<Suggestion[]> {
  try {
    return toSuggestions((await ask(asker, { ...request, page: 1 }, { pageSize: SUGGESTION_COUNT, facets: false }, site)).hits);
  } catch (error) {
    // Bad input, or a workspace that is not there for this viewer: nothing to suggest.
    if (isCmsRequestError(error, 400) || isCmsRequestError(error, 404)) return [];
    throw error;
  }
}

export function toSuggestions(hits: SearchHit[]): Suggestion[] {
  return hits.map((hit) => ({
    title: hit.title.some((segment) => segment.text.trim() !== '') ? hit.title : [{ text: 'Untitled', match: false }],
    type: SEARCH_TYPE_LABELS[hit.type].one,
    workspace: hit.type === 'workspace' ? null : (hit.workspace?.title ?? null),
    url: hit.url,
  }));
}
