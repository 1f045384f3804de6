import type { APIRoute } from 'astro';
import { isCmsError } from '~/lib/cms/errors.ts';
import { searchSuggestions } from '~/lib/cms/search.ts';
import { parseSearchParams } from '~/lib/search/params.ts';
import { SUGGEST_MIN_LENGTH, type SuggestAnswer } from '~/lib/search/suggestions.ts';

/**
 * Suggestions as one types in a search box (src/client/search-suggest.ts): the top hits for the
 * words so far, everywhere or in one workspace, as the viewer (the CMS filters them as it filters
 * every search). The answer is the viewer's own: never stored by any cache.
 */
function json(body: SuggestAnswer, status = 200): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'private, no-store' },
  });
}

export const GET: APIRoute = async ({ url, locals }) => {
  const parsed = parseSearchParams(url.searchParams);
  const { q, workspace } = parsed.request;
  // Too short to say much, or not a search at all: nothing to suggest (the box still submits).
  if (parsed.kind !== 'valid' || q.length < SUGGEST_MIN_LENGTH) return json({ query: q, suggestions: [] });
  try {
    const suggestions = await searchSuggestions(locals, { q, workspace, types: [], regions: [], topics: [], page: 1 });
    return json({ query: q, suggestions });
  } catch (error) {
    if (!isCmsError(error)) throw error;
    console.warn(`[search] suggestions unavailable: ${(error as Error).message}`);
    return json({ query: q, suggestions: [] }, 503);
  }
};
