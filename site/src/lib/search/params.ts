import { SEARCH_LIMITS, SEARCH_TYPES, type SearchType } from '@futurenhs/contract';
import type { Query } from '../cms/query-string.ts';
import { parsePageNumber, parseSearchTerm } from '../params.ts';

/**
 * What /search was asked, read from its URL: the words, the type, the workspace it is scoped to,
 * the region and topic facets and the page. The site checks what the contract lets it check (the
 * length of the words, the types) so the member is told at once, in the error summary, beside the
 * words they typed; anything else (a facet value, a page too far) is the CMS's to refuse, with its
 * own message. Values travel URL-encoded, so none can add a parameter of its own.
 */
export interface SearchRequest {
  /** The words, whitespace collapsed; '' when absent or empty. */
  q: string;
  types: SearchType[];
  workspace: string | null;
  regions: string[];
  topics: string[];
  page: number;
}

/** Where an error is shown and linked to from the summary. */
export type SearchField = 'search-q' | 'search-type';

export interface SearchError {
  field: SearchField;
  text: string;
}

export type ParsedSearch =
  /** No `q` at all: the page shows the form only. */
  | { kind: 'empty'; request: SearchRequest }
  | { kind: 'valid'; request: SearchRequest }
  | { kind: 'invalid'; request: SearchRequest; errors: SearchError[] };

function values(params: URLSearchParams, name: string): string[] {
  return [...new Set(params.getAll(name).map((value) => value.trim()).filter((value) => value !== ''))];
}

export function parseSearchParams(params: URLSearchParams): ParsedSearch {
  const term = parseSearchTerm(params.get('q'));
  const rawTypes = values(params, 'type');
  const types = rawTypes.filter((type): type is SearchType => (SEARCH_TYPES as readonly string[]).includes(type));
  const workspace = params.get('workspace')?.trim() || null;
  const request: SearchRequest = {
    q: term.kind === 'absent' ? '' : term.term,
    types,
    workspace,
    regions: values(params, 'region'),
    topics: values(params, 'topic'),
    page: parsePageNumber(params.get('page')),
  };
  if (term.kind === 'absent') return { kind: 'empty', request };
  const errors: SearchError[] = [];
  if (term.kind === 'invalid') errors.push({ field: 'search-q', text: term.error });
  if (types.length !== rawTypes.length) errors.push({ field: 'search-type', text: 'Choose a type of result from the list' });
  return errors.length > 0 ? { kind: 'invalid', request, errors } : { kind: 'valid', request };
}

/**
 * The CMS's query for a request. Lists go in Strapi's bracket style (`type[0]=page`), which the
 * CMS's query parser (qs) reads as the same list as repeated names (`type=page&type=comment`).
 */
export function cmsSearchQuery(request: SearchRequest, options: { pageSize: number; facets: boolean }): Query {
  return {
    q: request.q,
    type: request.types.length ? request.types : undefined,
    workspace: request.workspace ?? undefined,
    region: request.regions.length ? request.regions : undefined,
    topic: request.topics.length ? request.topics : undefined,
    page: request.page,
    pageSize: options.pageSize,
    facets: options.facets,
  };
}

/** A /search URL for a request: empty parts left out, page 1 without a parameter. */
export function searchHref(request: Partial<SearchRequest>): string {
  const params = new URLSearchParams();
  if (request.q !== undefined) params.set('q', request.q);
  for (const type of request.types ?? []) params.append('type', type);
  if (request.workspace) params.set('workspace', request.workspace);
  for (const region of request.regions ?? []) params.append('region', region);
  for (const topic of request.topics ?? []) params.append('topic', topic);
  if (request.page && request.page > 1) params.set('page', String(request.page));
  const query = params.toString();
  return `/search${query ? `?${query}` : ''}`;
}

/** The same search of another type (or of every type), from page 1, its other filters kept. */
export function typeHref(request: SearchRequest, type: SearchType | null): string {
  return searchHref({ ...request, types: type ? [type] : [], page: 1 });
}

/** The same words and type everywhere: the scoped search's way out. */
export function everywhereHref(request: SearchRequest): string {
  return searchHref({ q: request.q, types: request.types });
}

/** The CMS's suggestion, searched with the filters of the search that found nothing. */
export function didYouMeanHref(request: SearchRequest, suggestion: string): string {
  return searchHref({ ...request, q: suggestion, page: 1 });
}

/** The number of pages one may page through: beyond the contract's limit, the member refines the search. */
export function searchPageCount(total: number, pageSize: number): number {
  return Math.min(Math.ceil(total / Math.max(pageSize, 1)), SEARCH_LIMITS.pages);
}

/** The site's suggestions endpoint (src/pages/search/suggest.ts), for everything or one workspace. */
export function suggestHref(workspace: string | null = null): string {
  return workspace ? `/search/suggest?${new URLSearchParams({ workspace }).toString()}` : '/search/suggest';
}
