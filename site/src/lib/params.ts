import { REGIONS, type Region } from './cms/schemas.ts';

/**
 * Query parameters of the listing pages, read leniently: a bad page number or an unknown filter
 * value falls back to the default instead of failing, since people edit URLs by hand.
 */
export const MAX_PAGE = 1000;
export const MAX_SEARCH_LENGTH = 100;

export function parsePageNumber(raw: string | null): number {
  if (raw === null || !/^\d{1,4}$/.test(raw)) return 1;
  const page = Number(raw);
  return page >= 1 && page <= MAX_PAGE ? page : 1;
}

export type SearchTerm = { kind: 'absent' } | { kind: 'valid'; term: string } | { kind: 'invalid'; term: string; error: string };

/** A search term: absent (no parameter), or present and checked. Whitespace is collapsed. */
export function parseSearchTerm(raw: string | null): SearchTerm {
  if (raw === null) return { kind: 'absent' };
  const term = raw.replace(/\s+/g, ' ').trim();
  if (!term) return { kind: 'invalid', term, error: 'Enter a search term' };
  if (term.length > MAX_SEARCH_LENGTH) return { kind: 'invalid', term, error: `Search term must be ${MAX_SEARCH_LENGTH} characters or fewer` };
  return { kind: 'valid', term };
}

/** A directory filter: optional, so empty means "all"; too long is an error. */
export function parseFilterTerm(raw: string | null): SearchTerm {
  const parsed = parseSearchTerm(raw);
  if (parsed.kind === 'invalid' && !parsed.term) return { kind: 'absent' };
  return parsed;
}

export function parseRegion(raw: string | null): Region | undefined {
  return REGIONS.find((region) => region === raw);
}

export function parseTopic(raw: string | null, knownSlugs: readonly string[]): string | undefined {
  return raw !== null && knownSlugs.includes(raw) ? raw : undefined;
}
