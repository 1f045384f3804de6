/**
 * The Meilisearch engine, used when MEILISEARCH_HOST is set (docs/search.md): production and
 * several CMS instances. Index settings are applied at every start; every write waits for its task,
 * so a change is searchable when `upsert`/`remove` resolve. The permission filter is a filter
 * expression over the asker's workspace ids, never a per-person list.
 */
import type * as Meili from 'meilisearch/dist/index.js';
import type { EngineHit, EngineQuery, EngineResult, Readable, SearchDocument, SearchEngine, SearchFilters } from './engine';
import { decodeId, encodeId, facetValue, filtersFilter, queryStrings, quote, readableFilter } from './meilisearch-query';
import { settingsOf } from './meilisearch-settings';
import type { ParsedQuery } from './parse-query';
import { MATCH_CLOSE, MATCH_OPEN, hasMatch, segmentsOf, stripMarkers } from './segments';

export interface MeilisearchOptions {
  host: string;
  apiKey?: string;
  /** The index uid: one per deployment (and per test run). */
  index: string;
}

/**
 * A document as Meilisearch stores it: its id encoded (Meilisearch allows only a-z A-Z 0-9 - _),
 * the original kept as `documentId`, and facets as `name:value` strings in one filterable field.
 */
interface Stored extends Omit<SearchDocument, 'facets'> {
  documentId: string;
  facets: string[];
}

function toStored(document: SearchDocument): Stored {
  return {
    id: encodeId(document.id),
    documentId: document.id,
    type: document.type,
    title: stripMarkers(document.title ?? ''),
    headings: stripMarkers(document.headings ?? ''),
    body: stripMarkers(document.body ?? ''),
    url: document.url,
    workspaceId: document.workspaceId,
    workspaceIds: document.workspaceIds,
    audience: document.audience,
    facets: Object.entries(document.facets ?? {}).flatMap(([name, values]) => values.map((value) => facetValue(name, value))),
    context: document.context,
    updatedAt: document.updatedAt,
    hash: document.hash,
  };
}

const WRITE_BATCH = 1000;
/** Writes of a large batch can take a while on a busy server; a task still unfinished then is an error. */
const TASK_TIMEOUT_MS = 120_000;
const SNIPPET_WORDS = 30;

/** Throws unless the task succeeded: a write that failed must not look done. */
async function settled(task: Meili.EnqueuedTaskPromise, allowed: string[] = []): Promise<void> {
  const done = await task.waitTask({ timeout: TASK_TIMEOUT_MS });
  if (done.status === 'succeeded') return;
  if (done.error && allowed.includes(done.error.code)) return;
  throw new Error(`Meilisearch task ${done.uid} (${done.type}) ${done.status}: ${done.error?.message ?? 'no reason given'}`);
}

/** The first word the highlighter marked, whole (a prefix match marks only its start), lower-cased. */
function markedWord(text: string): string | null {
  const segments = segmentsOf(text);
  const at = segments.findIndex((segment) => segment.match);
  if (at === -1) return null;
  const rest = /^[\p{L}\p{N}]*/u.exec(segments[at + 1]?.text ?? '')?.[0] ?? '';
  return (segments[at].text + rest).trim().toLowerCase();
}

const and = (parts: (string | null)[]) => {
  const present = parts.filter((part): part is string => part !== null && part !== '');
  return present.map((part) => `(${part})`).join(' AND ');
};

export function meilisearchEngine(options: MeilisearchOptions): SearchEngine {
  let client: Promise<Meili.Meilisearch> | null = null;
  // The client is ESM-only: loaded on first use (require(esm) in the compiled CommonJS), so a
  // CMS that never sets MEILISEARCH_HOST never loads it.
  const meili = () =>
    (client ??= (import('meilisearch' as string) as Promise<typeof Meili>).then(
      ({ Meilisearch }) => new Meilisearch({ host: options.host, apiKey: options.apiKey }),
    ));
  const index = async () => (await meili()).index<Stored>(options.index);

  const highlight = {
    attributesToHighlight: ['title', 'headings', 'body'],
    attributesToCrop: ['headings', 'body'],
    cropLength: SNIPPET_WORDS,
    cropMarker: '',
    highlightPreTag: MATCH_OPEN,
    highlightPostTag: MATCH_CLOSE,
  };

  interface Run {
    total: number;
    hits: Meili.Hit<Stored>[];
    facets: Meili.FacetDistribution;
  }

  /** One search, or a federated one over the `or` choices; `limit` 0 only counts. */
  async function run(query: ParsedQuery, filter: string, offset: number, limit: number, facets: string[]): Promise<Run> {
    const strings = queryStrings(query);
    const params = { filter, ...(limit > 0 ? highlight : {}) };
    if (strings.length === 1) {
      const found = await (
        await index()
      ).search(strings[0], { ...params, facets, hitsPerPage: limit, page: Math.floor(offset / Math.max(limit, 1)) + 1 });
      return { total: found.totalHits ?? 0, hits: found.hits, facets: found.facetDistribution ?? {} };
    }
    const found = await (
      await meili()
    ).multiSearch<Meili.FederatedMultiSearchParams, Stored>({
      federation: { offset, limit, ...(facets.length > 0 ? { facetsByIndex: { [options.index]: facets }, mergeFacets: {} } : {}) },
      queries: strings.map((q) => ({ indexUid: options.index, q, ...params })),
    });
    return { total: found.estimatedTotalHits ?? found.totalHits ?? 0, hits: found.hits, facets: found.facetDistribution ?? {} };
  }

  function toHit(hit: Meili.Hit<Stored>): EngineHit {
    const formatted = hit._formatted ?? {};
    const body = segmentsOf(String(formatted.body ?? ''));
    const headings = segmentsOf(String(formatted.headings ?? ''));
    return {
      id: hit.documentId ?? decodeId(hit.id),
      type: hit.type,
      url: hit.url,
      workspaceId: hit.workspaceId ?? null,
      context: hit.context ?? null,
      updatedAt: hit.updatedAt,
      title: segmentsOf(String(formatted.title ?? hit.title)),
      snippet: hasMatch(body) ? body : hasMatch(headings) ? headings : body.length > 0 ? body : headings,
    };
  }

  const facetsOf = (distribution: Meili.FacetDistribution, field: string, name?: string) => {
    const counts: Record<string, number> = {};
    for (const [value, count] of Object.entries(distribution[field] ?? {})) {
      if (count <= 0) continue;
      if (name === undefined) counts[value] = count;
      else if (value.startsWith(`${name}:`)) counts[value.slice(name.length + 1)] = count;
    }
    return counts;
  };

  async function countReadable(query: ParsedQuery, readable: Readable, filters: SearchFilters): Promise<number> {
    const permission = readableFilter(readable);
    if (permission === null || query.required.length === 0) return 0;
    return (await run(query, and([permission, ...filtersFilter(filters, { types: true })]), 0, 0, [])).total;
  }

  return {
    name: 'meilisearch',

    async prepare() {
      const meilisearch = await meili();
      await settled(meilisearch.createIndex(options.index, { primaryKey: 'id' }), ['index_already_exists']);
      await settled(meilisearch.index(options.index).updateSettings(settingsOf()));
    },

    async upsert(documents) {
      const latest = [...new Map(documents.map((document) => [document.id, toStored(document)])).values()];
      const target = await index();
      for (let start = 0; start < latest.length; start += WRITE_BATCH)
        await settled(target.addDocuments(latest.slice(start, start + WRITE_BATCH), { primaryKey: 'id' }));
    },

    async remove(ids) {
      if (ids.length === 0) return;
      const target = await index();
      for (let start = 0; start < ids.length; start += WRITE_BATCH)
        await settled(target.deleteDocuments(ids.slice(start, start + WRITE_BATCH).map(encodeId)));
    },

    async search(query: EngineQuery): Promise<EngineResult> {
      const facetNames = query.facets ?? [];
      const permission = readableFilter(query.readable);
      const nothing: EngineResult = { total: 0, hits: [], facets: Object.fromEntries(facetNames.map((name) => [name, {}])) };
      if (permission === null || query.query.required.length === 0) return nothing;
      const filter = and([permission, ...filtersFilter(query.filters, { types: true })]);
      const pageSize = Math.max(1, Math.floor(query.pageSize));
      const offset = (Math.max(1, Math.floor(query.page)) - 1) * pageSize;
      const fields = facetNames.flatMap((name) => (name === 'type' ? [] : [name === 'workspace' ? 'workspaceId' : 'facets']));
      const found = await run(query.query, filter, offset, pageSize, [...new Set(fields)]);

      const facets: Record<string, Record<string, number>> = {};
      for (const name of facetNames) {
        if (name === 'type') {
          // Counted without the type filter, so every type's count shows while one is chosen.
          const untyped = await run(query.query, and([permission, ...filtersFilter(query.filters, { types: false })]), 0, 0, ['type']);
          facets.type = facetsOf(untyped.facets, 'type');
        } else if (name === 'workspace') {
          facets.workspace = facetsOf(found.facets, 'workspaceId');
        } else {
          facets[name] = facetsOf(found.facets, 'facets', name);
        }
      }
      return { total: found.total, hits: found.hits.map(toHit), facets };
    },

    async correct(query, readable, filters) {
      // Meilisearch already forgives one typo from 5 letters and two from 9; what it cannot match
      // alone has no spelling it knows. For each word, the word a readable document matched (through
      // Meilisearch's own typo tolerance) is the spelling offered, if the whole query then finds something.
      const permission = readableFilter(readable);
      if (permission === null || query.required.length === 0) return null;
      const spelt = new Map<string, string>();
      for (const word of new Set(query.words)) {
        const alone: ParsedQuery = { required: [[{ kind: 'word', word, prefix: false }]], excluded: [], words: [word] };
        const [hit] = (await run(alone, permission, 0, 1, [])).hits;
        const marked = hit ? [hit._formatted?.title, hit._formatted?.headings, hit._formatted?.body].map((text) => String(text ?? '')) : [];
        const matched = marked.map(markedWord).find((found) => found !== null);
        if (matched && matched !== word && /^[\p{L}\p{N}]+$/u.test(matched)) spelt.set(word, matched);
      }
      if (spelt.size === 0) return null;
      const respell = (word: string) => spelt.get(word) ?? word;
      const better: ParsedQuery = {
        required: query.required.map((group) =>
          group.map((term) => (term.kind === 'phrase' ? { ...term, words: term.words.map(respell) } : { ...term, word: respell(term.word) })),
        ),
        excluded: query.excluded,
        words: query.words.map(respell),
      };
      if ((await countReadable(better, readable, filters)) === 0) return null;
      return queryStrings({ ...better, required: better.required.map((group) => group.map((term) => (term.kind === 'word' ? { ...term, prefix: false } : term))) })
        .slice(0, 1)
        .map((text) => text.trim())[0] ?? null;
    },

    async scan(type, after, limit) {
      const target = await index();
      const filter = `type = ${quote(type)}`;
      const sort = ['documentId:asc'];
      const at = async (offset: number) =>
        (await target.getDocuments({ filter, sort, offset, limit: 1, fields: ['documentId'] })).results[0]?.documentId;
      // Meilisearch filters compare numbers, not strings: find the first id after `after` by
      // bisecting the sorted list, then read a page from there.
      let low = 0;
      if (after !== null) {
        let high = (await target.getDocuments({ filter, limit: 1, fields: ['documentId'] })).total;
        while (low < high) {
          const middle = Math.floor((low + high) / 2);
          const id = await at(middle);
          if (id !== undefined && id <= after) low = middle + 1;
          else high = middle;
        }
      }
      const page = await target.getDocuments({ filter, sort, offset: low, limit: Math.max(0, Math.floor(limit)), fields: ['documentId', 'hash'] });
      return page.results.filter((row) => after === null || row.documentId > after).map((row) => ({ id: row.documentId, hash: row.hash }));
    },

    async stats() {
      const target = await index();
      const [counted, indexStats] = await Promise.all([target.search('', { limit: 0, facets: ['type'] }), target.getStats()]);
      return { documents: { ...(counted.facetDistribution?.type ?? {}) }, sizeBytes: indexStats.rawDocumentDbSize ?? null };
    },

    async clear() {
      await settled((await index()).deleteAllDocuments());
    },

    async close() {
      // The client holds no connection to close.
    },
  };
}
