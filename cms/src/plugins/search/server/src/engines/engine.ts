/**
 * The one contract every search engine keeps (docs/search.md). The plugin builds documents from
 * content, works out what the asker may read, and parses their words; an engine only stores,
 * matches, ranks, counts and highlights, inside the `Readable` it is given. `engine-contract.test.ts`
 * holds every engine to it.
 */
import type { ParsedQuery } from './parse-query';

/**
 * Who may read a document. Workspace content: `workspaceIds` is its workspace, and the audience is
 * `signed-in` in an open workspace, `members` otherwise. A person: the workspaces they are an
 * active member of, `signed-in` when one of them shows its member list to everyone signed in.
 * Case studies: `public`.
 */
export type Audience = 'public' | 'signed-in' | 'members';

export interface SearchDocument {
  /** `${type}:${ref}`: unique across types. */
  id: string;
  /** What it is (contract/src/search.ts SEARCH_TYPES); engines treat it as an opaque keyword. */
  type: string;
  /** Ranked highest. */
  title: string;
  /** Headings and other short labels: ranked below the title, above the body. */
  headings: string;
  body: string;
  /** Where it is on the site. */
  url: string;
  /** The workspace it belongs to (documentId), for the workspace facet and a search in one workspace. */
  workspaceId: string | null;
  /** Workspaces (documentIds) whose active members may read it, whatever its audience. */
  workspaceIds: string[];
  audience: Audience;
  /** Facet values it carries, by facet name (contract/src/search.ts SEARCH_FACETS). */
  facets: Record<string, string[]>;
  /** A line shown under the title (author, job title and organisation, ...). Not searched. */
  context: string | null;
  /** ISO time of its last change: sorts equal ranks, newest first. */
  updatedAt: string;
  /** A hash of everything above: a reindex rewrites only what differs. */
  hash: string;
}

/** What the asker may read, worked out from membership at query time (never stored per person). */
export interface Readable {
  /** `public` always; `signed-in` too for anyone signed in. Never `members`. */
  audiences: Audience[];
  /** Workspaces the asker is an active member (or manager) of. */
  workspaceIds: string[];
  /** Documents with a change not yet indexed: withheld until it is, so a hide or unpublish is never late. */
  withheldIds: string[];
  /**
   * Workspaces whose visibility changed and whose documents are not yet re-indexed: their documents
   * are readable only through `workspaceIds` until they are.
   */
  withheldWorkspaceIds: string[];
}

/**
 * A document is readable when its id is not withheld, and either one of its `workspaceIds` is in
 * `readable.workspaceIds`, or its audience is in `readable.audiences` and none of its
 * `workspaceIds` is withheld. Every engine filters exactly so, before counting anything.
 */
export function isReadable(document: Pick<SearchDocument, 'id' | 'audience' | 'workspaceIds'>, readable: Readable): boolean {
  if (readable.withheldIds.includes(document.id)) return false;
  if (document.workspaceIds.some((id) => readable.workspaceIds.includes(id))) return true;
  return readable.audiences.includes(document.audience) && !document.workspaceIds.some((id) => readable.withheldWorkspaceIds.includes(id));
}

export interface SearchFilters {
  types?: string[];
  workspaceId?: string;
  /** Per facet name: documents carrying any of these values. */
  facets?: Record<string, string[]>;
}

export interface EngineQuery {
  query: ParsedQuery;
  readable: Readable;
  filters: SearchFilters;
  /** 1-based. */
  page: number;
  pageSize: number;
  /**
   * Count facets: `type` over the query without the type filter, `workspace` and the named facets
   * over the query with every filter. Absent: no counts are worked out.
   */
  facets?: string[];
}

/** Text cut into stretches that matched the query and stretches that did not, never markup. */
export interface Segment {
  text: string;
  match: boolean;
}

export interface EngineHit {
  id: string;
  type: string;
  url: string;
  workspaceId: string | null;
  context: string | null;
  updatedAt: string;
  title: Segment[];
  /** Up to about 30 words of the body (or headings) around the best match; empty when nothing fits. */
  snippet: Segment[];
}

export interface EngineResult {
  /**
   * Readable documents matching. Exact up to 1,000 (as far as anyone can page: 50 pages of 20);
   * beyond that an engine may stop counting, and `total` and the facet counts are then at least
   * 1,000 and at most the true count (Meilisearch's `maxTotalHits`, the PostgreSQL engine's cap).
   */
  total: number;
  hits: EngineHit[];
  /** Per facet asked for: value → count, zero counts left out. `type` and `workspace` by those names. */
  facets: Record<string, Record<string, number>>;
}

export interface EngineStats {
  documents: Record<string, number>;
  /** Bytes the index takes, where the engine can tell. */
  sizeBytes: number | null;
}

export interface SearchEngine {
  readonly name: string;
  /** Creates what the engine needs (tables, indexes, settings). Idempotent; run at every start. */
  prepare(): Promise<void>;
  /** Adds or replaces documents by id. */
  upsert(documents: SearchDocument[]): Promise<void>;
  /** Removes documents by id; unknown ids are ignored. */
  remove(ids: string[]): Promise<void>;
  search(query: EngineQuery): Promise<EngineResult>;
  /**
   * A better spelling of the query, when it finds nothing: only ever one that finds something the
   * asker may read. Null when there is none.
   */
  correct(query: ParsedQuery, readable: Readable, filters: SearchFilters): Promise<string | null>;
  /** Indexed ids and hashes of one type in id order after `after`: reindex compares with content. */
  scan(type: string, after: string | null, limit: number): Promise<{ id: string; hash: string }[]>;
  stats(): Promise<EngineStats>;
  /** Drops every document (tests and a full rebuild only). */
  clear(): Promise<void>;
  close(): Promise<void>;
}
