/**
 * The embedded default engine on PostgreSQL (docs/search.md): documents in `search_documents` with
 * a weighted tsvector (title A, headings B, body C) under a GIN index, and a vocabulary of indexed
 * words in `search_terms` for typo variants, prefix completions and "did you mean". Every count,
 * facet and suggestion is taken inside the asker's readable set, filtered in SQL.
 */
import type { Knex } from 'knex';
import type { EngineHit, EngineQuery, EngineResult, EngineStats, Readable, SearchDocument, SearchEngine, SearchFilters } from './engine';
import { isEmptyQuery, parseQuery, type ParsedQuery } from './parse-query';
import { type Expansions, type Fragment, TEXT_SEARCH_CONFIG, queryText, tsQueries, wordsToExpand } from './postgres-query';
import { foldWord, vocabularyOf } from './postgres-words';
import { MIN_TYPO_LENGTH, editDistance, oneEditVariants } from './spelling';
import { MATCH_CLOSE, MATCH_OPEN, hasMatch, segmentsOf, stripMarkers } from './segments';

const CONFIG = TEXT_SEARCH_CONFIG;
/**
 * Stands in for `<` while ts_headline reads text: its parser takes `<...>` for a tag and writes a
 * space instead, which would change the text a snippet gives back. A noncharacter, stripped on write.
 */
const LESS_THAN = '\uFDD2';
/**
 * Rank weights D, C, B, A, over the title-and-headings tsvector: a title far enough above headings
 * that repetition cannot overtake it; body-only matches rank alike, newest first.
 */
const WEIGHTS = '{0.01,0.05,0.2,1.0}';
/** Documents per INSERT: big enough to amortise a round trip, small enough for one JSON parameter. */
const BATCH = 500;
/** Prefix completions offered for the word being typed: the shortest, which are the likeliest. */
const MAX_COMPLETIONS = 30;
/** Characters of a body indexed (a tsvector holds at most 1 MB), and read for its snippet. */
const INDEXED_BODY = 500_000;
/**
 * Matches counted, ranked and faceted per query. Up to this many every figure is exact; beyond it
 * `total` and the facets count the matches read (the newest COUNT_CAP + 1 and up to TITLE_CAP title
 * matches), which is also as far as SEARCH_LIMITS lets anyone page (contract/src/search.ts).
 */
const COUNT_CAP = 1000;
/** Title and headings matches read beyond the newest COUNT_CAP: enough to rank the first pages well. */
const TITLE_CAP = 200;
const SNIPPET_OPTIONS = `StartSel=${MATCH_OPEN}, StopSel=${MATCH_CLOSE}, MaxWords=30, MinWords=15, ShortWord=2`;
const TITLE_OPTIONS = `StartSel=${MATCH_OPEN}, StopSel=${MATCH_CLOSE}, HighlightAll=true`;

const SCHEMA = [
  'CREATE EXTENSION IF NOT EXISTS pg_trgm',
  'CREATE EXTENSION IF NOT EXISTS unaccent',
  // English stems ("prescribing" finds "prescribed"), accents folded for words that have them.
  `DO $$ BEGIN
     IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '${CONFIG}') THEN
       CREATE TEXT SEARCH CONFIGURATION ${CONFIG} (COPY = english);
       ALTER TEXT SEARCH CONFIGURATION ${CONFIG} ALTER MAPPING FOR hword, hword_part, word WITH unaccent, english_stem;
     END IF;
   END $$`,
  // Ids in "C" order: scan() pages by id the way every engine sorts ids, whatever the database locale.
  `CREATE TABLE IF NOT EXISTS search_documents (
     id text COLLATE "C" PRIMARY KEY,
     type text NOT NULL,
     title text NOT NULL,
     headings text NOT NULL,
     body text NOT NULL,
     url text NOT NULL,
     workspace_id text,
     workspace_ids text[] NOT NULL,
     audience text NOT NULL,
     facets text[] NOT NULL,
     context text,
     updated_at timestamptz NOT NULL,
     updated_text text NOT NULL,
     hash text NOT NULL,
     -- Title (A) and headings (B): finds the best-ranked matches of a common word without reading every match.
     head_tsv tsvector NOT NULL,
     -- Title, headings and body (C).
     tsv tsvector NOT NULL
   )`,
  'CREATE INDEX IF NOT EXISTS search_documents_tsv ON search_documents USING gin (tsv)',
  'CREATE INDEX IF NOT EXISTS search_documents_head_tsv ON search_documents USING gin (head_tsv)',
  'CREATE INDEX IF NOT EXISTS search_documents_updated_at ON search_documents (updated_at DESC)',
  'CREATE INDEX IF NOT EXISTS search_documents_workspace_ids ON search_documents USING gin (workspace_ids)',
  'CREATE INDEX IF NOT EXISTS search_documents_facets ON search_documents USING gin (facets)',
  'CREATE INDEX IF NOT EXISTS search_documents_type_id ON search_documents (type, id)',
  'CREATE INDEX IF NOT EXISTS search_documents_workspace_id ON search_documents (workspace_id)',
  // "C" collation: the primary key serves `LIKE 'prefix%'` for completions.
  'CREATE TABLE IF NOT EXISTS search_terms (word text COLLATE "C" PRIMARY KEY)',
  'CREATE INDEX IF NOT EXISTS search_terms_trigrams ON search_terms USING gin (word gin_trgm_ops)',
];

const TABLES = ['search_documents', 'search_terms'];

function rowsOf<T>(result: unknown): T[] {
  return (result as { rows: T[] }).rows;
}

function clean(text: string): string {
  // PostgreSQL text cannot hold NUL: a space keeps the words either side of it apart.
  return stripMarkers(text).replace(/\uFDD2/gu, '').replace(/\u0000/gu, ' ');
}

/**
 * Text as the tsvector reads it: its words of letters and digits, the way parse-query.ts reads a
 * query, so "COVID-19" is indexed as "covid" and "19" (PostgreSQL's parser would keep "-19", a
 * signed number no query can name) and an e-mail address or path as its words.
 */
function searchable(text: string): string {
  return (text.normalize('NFKC').match(/[\p{L}\p{N}]+/gu) ?? []).join(' ');
}
/** Text as ts_headline reads it: `<` stands aside, and is put back in the segments. */
const highlighted = (column: string) => `replace(${column}, '<', '${LESS_THAN}')`;

function readableSql(readable: Readable): Fragment {
  return {
    sql: `NOT (d.id = ANY(?::text[])) AND (d.workspace_ids && ?::text[] OR (d.audience = ANY(?::text[]) AND NOT (d.workspace_ids && ?::text[])))`,
    bindings: [readable.withheldIds, readable.workspaceIds, readable.audiences, readable.withheldWorkspaceIds],
  };
}

/** Filters other than the type filter: the type facet is counted without it. */
function filterSql(filters: SearchFilters): Fragment {
  const parts: string[] = [];
  const bindings: unknown[] = [];
  if (filters.workspaceId !== undefined) {
    parts.push('d.workspace_id = ?');
    bindings.push(filters.workspaceId);
  }
  for (const [name, values] of Object.entries(filters.facets ?? {})) {
    parts.push('d.facets && ?::text[]');
    bindings.push(values.map((value) => `${name}:${value}`));
  }
  return { sql: parts.map((part) => ` AND ${part}`).join(''), bindings };
}

/** Joins SQL text and fragments in order, so placeholders and bindings stay aligned. */
function compose(...parts: (string | Fragment)[]): Fragment {
  return {
    sql: parts.map((part) => (typeof part === 'string' ? part : part.sql)).join(''),
    bindings: parts.flatMap((part) => (typeof part === 'string' ? [] : part.bindings)),
  };
}

function typeFilterSql(filters: SearchFilters, alias: string): Fragment {
  if (filters.types === undefined) return { sql: '', bindings: [] };
  return { sql: ` AND ${alias}.type = ANY(?::text[])`, bindings: [filters.types] };
}

interface HitRow {
  id: string;
  type: string;
  url: string;
  workspace_id: string | null;
  context: string | null;
  updated_text: string;
  title: string;
  body_snippet: string;
  headings_snippet: string;
}

function segments(marked: string) {
  return segmentsOf(marked.split(LESS_THAN).join('<'));
}

function hitOf(row: HitRow): EngineHit {
  const body = segments(row.body_snippet);
  const headings = segments(row.headings_snippet);
  return {
    id: row.id,
    type: row.type,
    url: row.url,
    workspaceId: row.workspace_id,
    context: row.context,
    updatedAt: row.updated_text,
    title: segments(row.title),
    snippet: hasMatch(body) || !hasMatch(headings) ? body : headings,
  };
}

export function postgresEngine(knex: Knex): SearchEngine {
  const raw = async <T>(db: Knex | Knex.Transaction, fragment: Fragment, indexOnly = false): Promise<T[]> => {
    if (!indexOnly) return rowsOf<T>(await db.raw(fragment.sql, fragment.bindings as Knex.RawBinding[]));
    // A common word's estimate makes a sequential scan look cheapest for the first matches, but it
    // must decompress every row's tsvector to test it; the GIN index answers without (measured: 20×).
    return db.transaction(async (trx) => {
      await trx.raw('SET LOCAL enable_seqscan = off');
      return rowsOf<T>(await trx.raw(fragment.sql, fragment.bindings as Knex.RawBinding[]));
    });
  };

  /**
   * Prefix completions and one-typo variants of the query's words, from the vocabulary. The
   * vocabulary holds every workspace's words, so completions (a capped list) are only words some
   * document the asker may read holds: otherwise which completions make the cap, and so which
   * readable documents are found, would tell whether an unreadable document holds a word.
   * Typo variants are not capped (every one-edit string is looked up), so they need no such check.
   */
  async function expand(query: ParsedQuery, readable: Fragment): Promise<Expansions> {
    const { prefixes, typos } = wordsToExpand(query);
    const expansions: Expansions = new Map();
    for (const word of [...prefixes, ...typos]) expansions.set(word, { completions: [], typos: [] });
    const parts: Fragment[] = [];
    for (const prefix of prefixes) {
      parts.push({
        sql: `(SELECT ?::text AS source, 'completion' AS kind, t.word FROM search_terms t WHERE t.word LIKE ? AND t.word <> ?
          AND EXISTS (SELECT 1 FROM search_documents d WHERE d.tsv @@ plainto_tsquery('${TEXT_SEARCH_CONFIG}', t.word) AND ${readable.sql})
          ORDER BY length(t.word), t.word LIMIT ${MAX_COMPLETIONS})`,
        bindings: [prefix, `${prefix.replace(/[\\%_]/gu, '\\$&')}%`, prefix, ...readable.bindings],
      });
    }
    if (typos.length > 0) {
      const pairs = typos.flatMap((word) => oneEditVariants(word).map((variant) => [word, variant] as const));
      parts.push({
        sql: `(SELECT v.source, 'typo' AS kind, t.word FROM unnest(?::text[], ?::text[]) AS v(source, variant) JOIN search_terms t ON t.word = v.variant)`,
        bindings: [pairs.map(([word]) => word), pairs.map(([, variant]) => variant)],
      });
    }
    if (parts.length === 0) return expansions;
    const rows = await raw<{ source: string; kind: 'completion' | 'typo'; word: string }>(knex, {
      sql: parts.map((part) => part.sql).join(' UNION ALL '),
      bindings: parts.flatMap((part) => part.bindings),
    });
    for (const row of rows) {
      const expansion = expansions.get(row.source);
      if (!expansion) continue;
      if (row.kind === 'completion') expansion.completions.push(row.word);
      else expansion.typos.push(row.word);
    }
    return expansions;
  }

  async function search(request: EngineQuery): Promise<EngineResult> {
    const facetNames = request.facets ?? [];
    const emptyFacets = () => Object.fromEntries(facetNames.map((name) => [name, {}]));
    if (isEmptyQuery(request.query)) return { total: 0, hits: [], facets: emptyFacets() };
    const readable = readableSql(request.readable);
    const queries = tsQueries(request.query, await expand(request.query, readable));
    const filters = filterSql(request.filters);
    const typeFilter = typeFilterSql(request.filters, 'd');
    const named = facetNames.filter((name) => name !== 'type' && name !== 'workspace');
    const pageSize = Math.max(0, Math.floor(request.pageSize));
    const offset = Math.max(0, Math.floor(request.page) - 1) * pageSize;
    // The tsqueries are written out where they are used (not taken from a CTE) so the planner sees
    // their lexemes: a word in most documents is then read newest first and stops at the cap,
    // a rare one through the GIN index.
    const matching = (withType: boolean): Fragment => compose('d.tsv @@ ', queries.match, ' AND ', readable, filters, withType ? typeFilter : '');
    // A title or headings match is a match (head_tsv is part of tsv) unless something is excluded:
    // only then is the large tsvector read too.
    const titleMatching = compose(
      'd.head_tsv @@ ', queries.all, request.query.excluded.length > 0 ? compose(' AND d.tsv @@ ', queries.match) : '', ' AND ', readable, filters, typeFilter,
    );
    // Up to COUNT_CAP + 1 matches in no order, through the GIN index (stopping at the cap however
    // common the word): when that is all of them, every figure is exact. Only beyond
    // the cap are the newest COUNT_CAP + 1 and the TITLE_CAP newest title or headings matches read
    // instead, so no query ranks or counts more than about 2,200 rows. Ranks are taken on the
    // rows read only: exactness on the whole tsvector (only when a typo variant was added), weight
    // on the small title-and-headings one.
    const exactRank: Fragment = queries.hasTypos ? compose('(d.tsv @@ ', queries.exact, ')::int') : { sql: '1', bindings: [] };
    const columns = compose(
      'd.id, d.type, d.workspace_id, d.facets, d.updated_at, ', exactRank, ` AS exact_rank, ts_rank('${WEIGHTS}', d.head_tsv, `, queries.all, ') AS rank',
    );
    const typeCounts = facetNames.includes('type') && request.filters.types !== undefined;
    const query = compose(
      'WITH sample AS MATERIALIZED (SELECT ', columns, ' FROM search_documents d WHERE ', matching(true), ` LIMIT ${COUNT_CAP + 1}),
      capped AS MATERIALIZED (SELECT count(*) > ${COUNT_CAP} AS capped FROM sample),
      recent AS (SELECT `, columns, ' FROM search_documents d WHERE ', matching(true), ` ORDER BY d.updated_at DESC LIMIT ${COUNT_CAP + 1}),
      titled AS (SELECT `, columns, ' FROM search_documents d WHERE ', titleMatching, ` ORDER BY d.updated_at DESC LIMIT ${TITLE_CAP}),
      f AS MATERIALIZED (
        SELECT * FROM sample WHERE NOT (SELECT capped FROM capped)
        UNION ALL
        SELECT * FROM (SELECT DISTINCT ON (id) * FROM (SELECT * FROM recent UNION ALL SELECT * FROM titled) u ORDER BY id) c
        WHERE (SELECT capped FROM capped)
      ),
      page AS (SELECT id, exact_rank, rank, updated_at FROM f ORDER BY exact_rank DESC, rank DESC, updated_at DESC, id LIMIT ? OFFSET ?)`,
      { sql: '', bindings: [pageSize, offset] },
      `
      SELECT
        (SELECT count(*) FROM f)::int AS total,
        (SELECT coalesce(json_agg(h ORDER BY h.exact_rank DESC, h.rank DESC, h.updated_at DESC, h.id), '[]'::json) FROM (
           SELECT p.exact_rank, p.rank, p.updated_at, d.id, d.type, d.url, d.workspace_id, d.context, d.updated_text,
             ts_headline('${CONFIG}', ${highlighted('d.title')}, `, queries.all, `, '${TITLE_OPTIONS}') AS title,
             ts_headline('${CONFIG}', ${highlighted(`left(d.body, ${INDEXED_BODY})`)}, `, queries.all, `, '${SNIPPET_OPTIONS}') AS body_snippet,
             ts_headline('${CONFIG}', ${highlighted('d.headings')}, `, queries.all, `, '${SNIPPET_OPTIONS}') AS headings_snippet
           FROM page p JOIN search_documents d ON d.id = p.id) h) AS hits,
        `,
      typeCounts
        ? compose(
            `(SELECT json_object_agg(type, n) FROM (SELECT type, count(*) AS n FROM (SELECT d.type FROM search_documents d WHERE `,
            matching(false),
            ` LIMIT ${COUNT_CAP + 1}) t GROUP BY type) t)`,
          )
        : facetNames.includes('type')
          ? '(SELECT json_object_agg(type, n) FROM (SELECT type, count(*) AS n FROM f GROUP BY type) t)'
          : 'NULL',
      ` AS type_facet, `,
      facetNames.includes('workspace')
        ? '(SELECT json_object_agg(workspace_id, n) FROM (SELECT workspace_id, count(*) AS n FROM f WHERE workspace_id IS NOT NULL GROUP BY workspace_id) w)'
        : 'NULL',
      ` AS workspace_facet, `,
      named.length > 0
        ? { sql: `(SELECT json_object_agg(v, n) FROM (SELECT v, count(*) AS n FROM f, unnest(f.facets) AS v WHERE split_part(v, ':', 1) = ANY(?::text[]) GROUP BY v) x)`, bindings: [named] }
        : 'NULL',
      ` AS named_facets`,
    );
    const [row] = await raw<{
      total: number;
      hits: HitRow[];
      type_facet: Record<string, number> | null;
      workspace_facet: Record<string, number> | null;
      named_facets: Record<string, number> | null;
    }>(knex, query, true);
    const facets: Record<string, Record<string, number>> = emptyFacets();
    if (facets.type) facets.type = row.type_facet ?? {};
    if (facets.workspace) facets.workspace = row.workspace_facet ?? {};
    for (const [key, count] of Object.entries(row.named_facets ?? {})) {
      const colon = key.indexOf(':');
      const name = key.slice(0, colon);
      if (facets[name]) facets[name][key.slice(colon + 1)] = Number(count);
    }
    return { total: row.total, hits: row.hits.map(hitOf), facets };
  }

  /** Whether a single word finds something the asker may read, with the given filters. */
  async function firstReadableWord(candidates: string[], readable: Readable, filters: SearchFilters): Promise<string | null> {
    if (candidates.length === 0) return null;
    const readableFragment = readableSql(readable);
    const filterFragment = filterSql(filters);
    const typeFragment = typeFilterSql(filters, 'd');
    const rows = await raw<{ word: string }>(knex, {
      sql: `SELECT c.word FROM unnest(?::text[]) WITH ORDINALITY AS c(word, position)
            WHERE EXISTS (SELECT 1 FROM search_documents d
                          WHERE d.tsv @@ plainto_tsquery('${CONFIG}', c.word) AND ${readableFragment.sql}${filterFragment.sql}${typeFragment.sql})
            ORDER BY c.position LIMIT 1`,
      bindings: [candidates, ...readableFragment.bindings, ...filterFragment.bindings, ...typeFragment.bindings],
    });
    return rows[0]?.word ?? null;
  }

  /** Vocabulary words near a word, nearest first: up to 1 edit under 5 letters, 2 from 5. */
  async function nearWords(word: string): Promise<string[]> {
    const folded = foldWord(word);
    const maxEdits = [...folded].length >= MIN_TYPO_LENGTH ? 2 : 1;
    const rows = await knex.transaction(async (trx) => {
      // Two typos leave few trigrams in common: a lower threshold than the 0.3 default, for this query only.
      await trx.raw('SET LOCAL pg_trgm.similarity_threshold = 0.2');
      return raw<{ word: string; similarity: number }>(trx, {
        sql: 'SELECT word, similarity(word, ?) AS similarity FROM search_terms WHERE word % ? ORDER BY similarity DESC, word LIMIT 50',
        bindings: [folded, folded],
      });
    });
    return rows
      .map((row) => ({ word: row.word, distance: editDistance(folded, row.word), similarity: row.similarity }))
      .filter((candidate) => candidate.distance <= maxEdits)
      .sort((a, b) => a.distance - b.distance || b.similarity - a.similarity)
      .map((candidate) => candidate.word);
  }

  async function correct(query: ParsedQuery, readable: Readable, filters: SearchFilters): Promise<string | null> {
    if (isEmptyQuery(query)) return null;
    const words = [...new Set(query.required.flat().flatMap((term) => (term.kind === 'phrase' ? term.words : [term.word])))];
    const replacements = new Map<string, string>();
    for (const word of words) {
      // The word itself when it finds something readable; else the nearest word that does. Each
      // word is checked on its own, so no word only unreadable documents hold is ever offered.
      const chosen = await firstReadableWord([word, ...(await nearWords(word))], readable, filters);
      if (chosen === null) return null;
      replacements.set(word, chosen);
    }
    const suggestion = queryText(query, (word) => replacements.get(word) ?? word);
    if (suggestion === queryText(query, (word) => word)) return null;
    const check = await search({ query: parseQuery(suggestion), readable, filters, page: 1, pageSize: 1 });
    return check.total > 0 ? suggestion : null;
  }

  async function writeBatch(trx: Knex.Transaction, documents: SearchDocument[]) {
    const words = [...vocabularyOf(documents.flatMap((document) => [document.title, document.headings, document.body]))].sort();
    // Sorted keys: concurrent batches lock vocabulary and document rows in the same order, never in a cycle.
    await trx.raw('INSERT INTO search_terms (word) SELECT unnest(?::text[]) ON CONFLICT DO NOTHING', [words]);
    const rows = documents.map((document) => ({
      id: document.id,
      type: document.type,
      title: clean(document.title),
      headings: clean(document.headings),
      body: clean(document.body),
      url: document.url,
      workspace_id: document.workspaceId,
      workspace_ids: document.workspaceIds,
      audience: document.audience,
      facets: Object.entries(document.facets).flatMap(([name, values]) => values.map((value) => `${name}:${value}`)),
      context: document.context === null ? null : document.context.replace(/\u0000/gu, ' '),
      updated_at: document.updatedAt,
      hash: document.hash,
      title_words: searchable(document.title),
      headings_words: searchable(document.headings),
      body_words: searchable(document.body.slice(0, INDEXED_BODY)),
    }));
    await trx.raw(
      `INSERT INTO search_documents (id, type, title, headings, body, url, workspace_id, workspace_ids, audience, facets, context, updated_at, updated_text, hash, head_tsv, tsv)
       SELECT x.id, x.type, x.title, x.headings, x.body, x.url, x.workspace_id, x.workspace_ids, x.audience, x.facets, x.context,
              x.updated_at::timestamptz, x.updated_at, x.hash, h.head_tsv,
              h.head_tsv || setweight(to_tsvector('${CONFIG}', x.body_words), 'C')
       FROM jsonb_to_recordset(?::jsonb) AS x(id text, type text, title text, headings text, body text, url text, workspace_id text,
            workspace_ids text[], audience text, facets text[], context text, updated_at text, hash text,
            title_words text, headings_words text, body_words text),
       LATERAL (SELECT setweight(to_tsvector('${CONFIG}', x.title_words), 'A')
                       || setweight(to_tsvector('${CONFIG}', x.headings_words), 'B') AS head_tsv) AS h
       ON CONFLICT (id) DO UPDATE SET type = EXCLUDED.type, title = EXCLUDED.title, headings = EXCLUDED.headings, body = EXCLUDED.body,
         url = EXCLUDED.url, workspace_id = EXCLUDED.workspace_id, workspace_ids = EXCLUDED.workspace_ids, audience = EXCLUDED.audience,
         facets = EXCLUDED.facets, context = EXCLUDED.context, updated_at = EXCLUDED.updated_at, updated_text = EXCLUDED.updated_text,
         hash = EXCLUDED.hash, head_tsv = EXCLUDED.head_tsv, tsv = EXCLUDED.tsv`,
      [JSON.stringify(rows)],
    );
  }

  return {
    name: 'postgres',

    async prepare() {
      await knex.transaction(async (trx) => {
        // Several CMS instances may start at once: one creates, the others find it done.
        await trx.raw("SELECT pg_advisory_xact_lock(hashtext('search_documents prepare'))");
        for (const statement of SCHEMA) await trx.raw(statement);
      });
    },

    async upsert(documents) {
      const latest = new Map(documents.map((document) => [document.id, document]));
      const sorted = [...latest.values()].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      for (let start = 0; start < sorted.length; start += BATCH) {
        await knex.transaction((trx) => writeBatch(trx, sorted.slice(start, start + BATCH)));
      }
    },

    async remove(ids) {
      if (ids.length === 0) return;
      await knex.raw('DELETE FROM search_documents WHERE id = ANY(?::text[])', [ids]);
    },

    search,
    correct,

    async scan(type, after, limit) {
      const rows = await raw<{ id: string; hash: string }>(knex, {
        sql: `SELECT id, hash FROM search_documents WHERE type = ?${after === null ? '' : ' AND id > ?'} ORDER BY id LIMIT ?`,
        bindings: after === null ? [type, limit] : [type, after, limit],
      });
      return rows.map((row) => ({ id: row.id, hash: row.hash }));
    },

    async stats(): Promise<EngineStats> {
      const counts = await raw<{ type: string; n: number }>(knex, { sql: 'SELECT type, count(*)::int AS n FROM search_documents GROUP BY type', bindings: [] });
      const [size] = await raw<{ bytes: string }>(knex, {
        sql: `SELECT (${TABLES.map((table) => `pg_total_relation_size('${table}')`).join(' + ')})::bigint AS bytes`,
        bindings: [],
      });
      return { documents: Object.fromEntries(counts.map((row) => [row.type, row.n])), sizeBytes: Number(size.bytes) };
    },

    async clear() {
      await knex.raw(`TRUNCATE ${TABLES.join(', ')}`);
    },

    async close() {},
  };
}
