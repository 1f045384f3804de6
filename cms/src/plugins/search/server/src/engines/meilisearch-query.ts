/**
 * What the Meilisearch engine sends: ids Meilisearch accepts, query strings, filter expressions.
 * Values in filters are always quoted and escaped, and query words are letters and digits only
 * (parse-query.ts), so nothing a member types becomes Meilisearch syntax.
 */
import type { Readable, SearchFilters } from './engine';
import type { ParsedQuery, Term } from './parse-query';

/**
 * Meilisearch ids allow only `a-z A-Z 0-9 - _`. Every other character (and `_` itself) is written
 * `_<hex code point>_`, so the encoding is reversible and distinct ids stay distinct.
 */
export function encodeId(id: string): string {
  return [...id].map((char) => (/^[A-Za-z0-9-]$/.test(char) ? char : `_${(char.codePointAt(0) as number).toString(16)}_`)).join('');
}

export function decodeId(encoded: string): string {
  return encoded.replace(/_([0-9a-f]+)_/g, (_, hex: string) => String.fromCodePoint(parseInt(hex, 16)));
}

/** A string value in a filter expression. */
export function quote(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const list = (values: string[]) => `[${values.map(quote).join(', ')}]`;

/** A facet value as stored: facets share one filterable field, so a new facet needs no new setting. */
export const facetValue = (name: string, value: string) => `${name}:${value}`;

/**
 * `isReadable` (engine.ts) as a filter; null when the asker can read nothing at all. Field names
 * are the stored document's (meilisearch.ts `toStored`).
 */
export function readableFilter(readable: Readable): string | null {
  const member = readable.workspaceIds.length > 0 ? `workspaceIds IN ${list(readable.workspaceIds)}` : null;
  const audience =
    readable.audiences.length === 0
      ? null
      : readable.withheldWorkspaceIds.length === 0
        ? `audience IN ${list(readable.audiences)}`
        : `(audience IN ${list(readable.audiences)} AND NOT workspaceIds IN ${list(readable.withheldWorkspaceIds)})`;
  const either = [member, audience].filter((part): part is string => part !== null);
  if (either.length === 0) return null;
  const allowed = either.length === 1 ? either[0] : `(${either.join(' OR ')})`;
  return readable.withheldIds.length === 0 ? allowed : `NOT id IN ${list(readable.withheldIds.map(encodeId))} AND ${allowed}`;
}

export function filtersFilter(filters: SearchFilters, options: { types: boolean }): string[] {
  const parts: string[] = [];
  if (options.types && filters.types && filters.types.length > 0) parts.push(`type IN ${list(filters.types)}`);
  if (filters.workspaceId) parts.push(`workspaceId = ${quote(filters.workspaceId)}`);
  for (const [name, values] of Object.entries(filters.facets ?? {}))
    if (values && values.length > 0) parts.push(`facets IN ${list(values.map((value) => facetValue(name, value)))}`);
  return parts;
}

/** Meilisearch has no OR between words: a query with `or` is run as every choice of one term per group. */
export const MAX_CHOICES = 16;

function termText(term: Term): string {
  return term.kind === 'phrase' ? `"${term.words.join(' ')}"` : term.word;
}

/**
 * The query strings to run (one unless the query has `or`, then at most MAX_CHOICES). Exclusions
 * come first and the prefix word last: Meilisearch reads only the last word as a prefix, and only
 * when the query does not end with a space.
 */
export function queryStrings(query: ParsedQuery): string[] {
  let choices: Term[][] = [[]];
  for (const group of query.required) {
    choices = choices.flatMap((choice) => group.map((term) => [...choice, term])).slice(0, MAX_CHOICES);
  }
  const excluded = query.excluded.map((term) => `-${termText(term)}`);
  return choices.map((terms) => {
    const prefix = terms.find((term) => term.kind === 'word' && term.prefix);
    const ordered = [...terms.filter((term) => term !== prefix), ...(prefix ? [prefix] : [])];
    const text = [...excluded, ...ordered.map(termText)].join(' ');
    return prefix ? text : `${text} `;
  });
}
