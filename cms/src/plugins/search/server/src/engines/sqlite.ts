/**
 * The embedded engine when the CMS runs on SQLite: FTS5 with bm25 ranking, in the CMS's own
 * database (docs/search.md). Documents live in a plain table; an FTS5 index reads its text from it
 * (external content), and two small tables hold each document's workspaces and facet values so the
 * permission filter and the facet counts are ordinary indexed SQL run before anything is counted.
 */
import type { Knex } from 'knex';
import type {
  EngineHit,
  EngineQuery,
  EngineResult,
  Readable,
  SearchDocument,
  SearchEngine,
  SearchFilters,
} from './engine';
import type { ParsedQuery } from './parse-query';
import { MATCH_CLOSE, MATCH_OPEN, hasMatch, segmentsOf, stripMarkers } from './segments';
import { matchExpression, queryText, respelt, type Variants } from './sqlite-match';
import { MIN_TYPO_LENGTH, editDistance, foldWord, oneEditVariants } from './sqlite-typos';

const DOCUMENTS = 'search_index_documents';
const FTS = 'search_index_fts';
const VOCABULARY = 'search_index_vocabulary';
const WORKSPACES = 'search_index_workspaces';
const FACETS = 'search_index_facets';

/** Title above headings above body: bm25's per-column weights. */
const RANK = `bm25(${FTS}, 10.0, 4.0, 1.0)`;
const SNIPPET_TOKENS = 30;
/**
 * Invisible format characters (soft hyphen, zero-width spaces and joiners, bidi controls, BOM):
 * unicode61 would keep them inside a token, so "\u2066isolated\u2069" could not be found as
 * "isolated". They separate words instead.
 */
const SEPARATORS = '\u00ad\u200b\u200c\u200d\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2060\u2061\u2062\u2063\u2064\u2066\u2067\u2068\u2069\ufeff';
/** Documents written per statement: each batch is one JSON parameter. */
const BATCH = 500;

type Row = Record<string, unknown>;

const json = (value: unknown) => JSON.stringify(value);

interface Fragment {
  sql: string;
  bindings: unknown[];
}

/** `isReadable` (engine.ts), word for word, over the documents aliased `d`: change both together. */
function readableFilter(readable: Readable): Fragment {
  return {
    sql: `d.id NOT IN (SELECT value FROM json_each(?))
      AND (EXISTS (SELECT 1 FROM ${WORKSPACES} w WHERE w.doc = d.rowid AND w.workspace_id IN (SELECT value FROM json_each(?)))
        OR (d.audience IN (SELECT value FROM json_each(?))
          AND NOT EXISTS (SELECT 1 FROM ${WORKSPACES} w WHERE w.doc = d.rowid AND w.workspace_id IN (SELECT value FROM json_each(?)))))`,
    bindings: [json(readable.withheldIds), json(readable.workspaceIds), json(readable.audiences), json(readable.withheldWorkspaceIds)],
  };
}

function filtersFilter(filters: SearchFilters, options: { types: boolean }): Fragment {
  const parts: string[] = [];
  const bindings: unknown[] = [];
  if (options.types && filters.types && filters.types.length > 0) {
    parts.push('d.type IN (SELECT value FROM json_each(?))');
    bindings.push(json(filters.types));
  }
  if (filters.workspaceId) {
    parts.push('d.workspace_id = ?');
    bindings.push(filters.workspaceId);
  }
  for (const [name, values] of Object.entries(filters.facets ?? {})) {
    if (!values || values.length === 0) continue;
    parts.push(`EXISTS (SELECT 1 FROM ${FACETS} f WHERE f.doc = d.rowid AND f.name = ? AND f.value IN (SELECT value FROM json_each(?)))`);
    bindings.push(name, json(values));
  }
  return { sql: parts.length === 0 ? '1' : parts.join(' AND '), bindings };
}

function rows(result: unknown): Row[] {
  return Array.isArray(result) ? (result as Row[]) : [];
}

function cleanDocument(document: SearchDocument) {
  return {
    id: document.id,
    type: document.type,
    url: document.url,
    workspace_id: document.workspaceId,
    workspace_ids: [...new Set(document.workspaceIds)],
    audience: document.audience,
    facets: Object.fromEntries(Object.entries(document.facets ?? {}).map(([name, values]) => [name, [...new Set(values)]])),
    context: document.context,
    updated_at: document.updatedAt,
    hash: document.hash,
    title: storedText(document.title),
    headings: storedText(document.headings),
    body: storedText(document.body),
  };
}

/**
 * FTS5's highlighter reads text as a C string and stops at a NUL, so a NUL becomes the space it
 * stood for (two words, not one glued word); the markers go so a highlight is never content.
 */
function storedText(text: string | null | undefined): string {
  return stripMarkers(text ?? '').replace(/\0/g, ' ');
}

export function sqliteEngine(knex: Knex): SearchEngine {
  const raw = async (sql: string, bindings: unknown[] = [], db: Knex | Knex.Transaction = knex) =>
    rows(await db.raw(sql, bindings as Knex.RawBinding[]));

  /** Vocabulary words one edit from each typo-tolerant word of the query (exact words excluded). */
  async function typoVariants(query: ParsedQuery): Promise<Variants> {
    const words = new Set<string>();
    for (const group of query.required)
      for (const term of group) if (term.kind === 'word' && [...term.word].length >= MIN_TYPO_LENGTH) words.add(term.word);
    const variants = new Map<string, string[]>();
    for (const word of words) {
      const folded = foldWord(word);
      const found = await raw(
        `SELECT v.term AS term FROM json_each(?) j JOIN ${VOCABULARY} v ON v.term = j.value WHERE v.doc > 0`,
        [json(oneEditVariants(folded))],
      );
      const terms = found.map((row) => String(row.term)).filter((term) => term !== folded);
      if (terms.length > 0) variants.set(word, terms);
    }
    return variants;
  }

  /** Matching documents the asker may read, as `FROM ... WHERE ...` over `d` and the FTS table. */
  function matched(match: string, readable: Readable, filters: SearchFilters, options: { types?: boolean; facet?: string } = {}): Fragment {
    const permission = readableFilter(readable);
    const filter = filtersFilter(filters, { types: options.types ?? true });
    const facet = options.facet === undefined ? '' : `JOIN ${FACETS} fv ON fv.doc = d.rowid AND fv.name = ?`;
    return {
      sql: `FROM ${FTS} JOIN ${DOCUMENTS} d ON d.rowid = ${FTS}.rowid ${facet}
        WHERE ${FTS} MATCH ? AND ${permission.sql} AND ${filter.sql}`,
      bindings: [...(options.facet === undefined ? [] : [options.facet]), match, ...permission.bindings, ...filter.bindings],
    };
  }

  async function count(query: ParsedQuery, readable: Readable, filters: SearchFilters, typos: boolean): Promise<number> {
    const match = matchExpression(query, typos ? await typoVariants(query) : undefined);
    if (match === null) return 0;
    const from = matched(match, readable, filters);
    const [row] = await raw(`SELECT count(*) AS n ${from.sql}`, from.bindings);
    return Number(row?.n ?? 0);
  }

  async function facetCounts(name: string, match: string, query: EngineQuery): Promise<Record<string, number>> {
    let sql: string;
    let bindings: unknown[];
    if (name === 'type') {
      const from = matched(match, query.readable, query.filters, { types: false });
      sql = `SELECT d.type AS value, count(*) AS n ${from.sql} GROUP BY d.type`;
      bindings = from.bindings;
    } else if (name === 'workspace') {
      const from = matched(match, query.readable, query.filters);
      sql = `SELECT d.workspace_id AS value, count(*) AS n ${from.sql} AND d.workspace_id IS NOT NULL GROUP BY d.workspace_id`;
      bindings = from.bindings;
    } else {
      const from = matched(match, query.readable, query.filters, { facet: name });
      sql = `SELECT fv.value AS value, count(*) AS n ${from.sql} GROUP BY fv.value`;
      bindings = from.bindings;
    }
    const counts: Record<string, number> = {};
    for (const row of await raw(sql, bindings)) if (Number(row.n) > 0) counts[String(row.value)] = Number(row.n);
    return counts;
  }

  async function highlights(match: string, rowids: number[]) {
    const found = await raw(
      `SELECT rowid AS r,
          highlight(${FTS}, 0, ?, ?) AS title,
          snippet(${FTS}, 1, ?, ?, '', ${SNIPPET_TOKENS}) AS headings,
          snippet(${FTS}, 2, ?, ?, '', ${SNIPPET_TOKENS}) AS body
        FROM ${FTS} WHERE ${FTS} MATCH ? AND rowid IN (SELECT value FROM json_each(?))`,
      [MATCH_OPEN, MATCH_CLOSE, MATCH_OPEN, MATCH_CLOSE, MATCH_OPEN, MATCH_CLOSE, match, json(rowids)],
    );
    return new Map(found.map((row) => [Number(row.r), row]));
  }

  async function writeBatch(trx: Knex.Transaction, documents: ReturnType<typeof cleanDocument>[]) {
    const ids = json(documents.map((document) => document.id));
    await removeBatch(trx, ids);
    await raw(
      `INSERT INTO ${DOCUMENTS} (id, type, url, workspace_id, workspace_ids, audience, facets, context, updated_at, hash, title, headings, body)
        SELECT j.value ->> 'id', j.value ->> 'type', j.value ->> 'url', j.value ->> 'workspace_id', j.value -> 'workspace_ids',
          j.value ->> 'audience', j.value -> 'facets', j.value ->> 'context', j.value ->> 'updated_at', j.value ->> 'hash',
          j.value ->> 'title', j.value ->> 'headings', j.value ->> 'body'
        FROM json_each(?) j`,
      [json(documents)],
      trx,
    );
    const written = `SELECT d.rowid AS rowid, d.* FROM ${DOCUMENTS} d WHERE d.id IN (SELECT value FROM json_each(?))`;
    await raw(`INSERT INTO ${FTS} (rowid, title, headings, body) SELECT rowid, title, headings, body FROM (${written})`, [ids], trx);
    await raw(
      `INSERT OR IGNORE INTO ${WORKSPACES} (doc, workspace_id) SELECT d.rowid, w.value FROM (${written}) d, json_each(d.workspace_ids) w`,
      [ids],
      trx,
    );
    await raw(
      `INSERT OR IGNORE INTO ${FACETS} (doc, name, value)
        SELECT d.rowid, f.key, v.value FROM (${written}) d, json_each(d.facets) f, json_each(f.value) v`,
      [ids],
      trx,
    );
  }

  async function removeBatch(trx: Knex.Transaction, ids: string) {
    const existing = `SELECT rowid FROM ${DOCUMENTS} WHERE id IN (SELECT value FROM json_each(?))`;
    // An external-content FTS5 index forgets a row only when told its old text.
    await raw(
      `INSERT INTO ${FTS} (${FTS}, rowid, title, headings, body)
        SELECT 'delete', rowid, title, headings, body FROM ${DOCUMENTS} WHERE id IN (SELECT value FROM json_each(?))`,
      [ids],
      trx,
    );
    await raw(`DELETE FROM ${WORKSPACES} WHERE doc IN (${existing})`, [ids], trx);
    await raw(`DELETE FROM ${FACETS} WHERE doc IN (${existing})`, [ids], trx);
    await raw(`DELETE FROM ${DOCUMENTS} WHERE id IN (SELECT value FROM json_each(?))`, [ids], trx);
  }

  /** Vocabulary words within reach of a misspelt word, nearest and most used first. */
  async function spellings(word: string): Promise<string[]> {
    const folded = foldWord(word);
    const length = [...folded].length;
    const max = length >= MIN_TYPO_LENGTH ? 2 : 1;
    const first = [...folded][0];
    // Two edits are found among words sharing the first letter (typists rarely miss it); one edit anywhere.
    const found = [
      ...(await raw(
        `SELECT term, doc FROM ${VOCABULARY} WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ? AND doc > 0`,
        [first, `${first}\uffff`, length - max, length + max],
      )),
      ...(await raw(`SELECT v.term AS term, v.doc AS doc FROM json_each(?) j JOIN ${VOCABULARY} v ON v.term = j.value WHERE v.doc > 0`, [
        json(oneEditVariants(folded)),
      ])),
    ];
    const scored = new Map<string, { distance: number; doc: number }>();
    for (const row of found) {
      const term = String(row.term);
      if (term === folded || scored.has(term)) continue;
      const distance = editDistance(folded, term, max);
      if (distance <= max) scored.set(term, { distance, doc: Number(row.doc) });
    }
    return [...scored.entries()]
      .sort(([a, x], [b, y]) => x.distance - y.distance || y.doc - x.doc || (a < b ? -1 : 1))
      .map(([term]) => term);
  }

  const single = (word: string): ParsedQuery => ({ required: [[{ kind: 'word', word, prefix: false }]], excluded: [], words: [word] });

  return {
    name: 'sqlite',

    async prepare() {
      await knex.transaction(async (trx) => {
        await raw(
          `CREATE TABLE IF NOT EXISTS ${DOCUMENTS} (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            type TEXT NOT NULL,
            url TEXT NOT NULL,
            workspace_id TEXT,
            workspace_ids TEXT NOT NULL,
            audience TEXT NOT NULL,
            facets TEXT NOT NULL,
            context TEXT,
            updated_at TEXT NOT NULL,
            hash TEXT NOT NULL,
            title TEXT NOT NULL,
            headings TEXT NOT NULL,
            body TEXT NOT NULL
          )`,
          [],
          trx,
        );
        await raw(`CREATE INDEX IF NOT EXISTS ${DOCUMENTS}_type_id ON ${DOCUMENTS} (type, id)`, [], trx);
        await raw(
          `CREATE VIRTUAL TABLE IF NOT EXISTS ${FTS} USING fts5(title, headings, body,
            content='${DOCUMENTS}', content_rowid='rowid',
            tokenize="unicode61 remove_diacritics 2 separators '${SEPARATORS}'", prefix='2 3')`,
          [],
          trx,
        );
        await raw(`CREATE VIRTUAL TABLE IF NOT EXISTS ${VOCABULARY} USING fts5vocab(${FTS}, row)`, [], trx);
        await raw(
          `CREATE TABLE IF NOT EXISTS ${WORKSPACES} (doc INTEGER NOT NULL, workspace_id TEXT NOT NULL, PRIMARY KEY (doc, workspace_id)) WITHOUT ROWID`,
          [],
          trx,
        );
        await raw(
          `CREATE TABLE IF NOT EXISTS ${FACETS} (doc INTEGER NOT NULL, name TEXT NOT NULL, value TEXT NOT NULL, PRIMARY KEY (doc, name, value)) WITHOUT ROWID`,
          [],
          trx,
        );
      });
    },

    async upsert(documents) {
      const latest = new Map(documents.map((document) => [document.id, cleanDocument(document)]));
      const all = [...latest.values()];
      await knex.transaction(async (trx) => {
        for (let start = 0; start < all.length; start += BATCH) await writeBatch(trx, all.slice(start, start + BATCH));
      });
    },

    async remove(ids) {
      await knex.transaction(async (trx) => {
        for (let start = 0; start < ids.length; start += BATCH) await removeBatch(trx, json(ids.slice(start, start + BATCH)));
      });
    },

    async search(query) {
      const facetNames = query.facets ?? [];
      const empty: EngineResult = { total: 0, hits: [], facets: Object.fromEntries(facetNames.map((name) => [name, {}])) };
      const exact = matchExpression(query.query);
      if (exact === null) return empty;
      const variants = await typoVariants(query.query);
      const match = matchExpression(query.query, variants) ?? exact;
      const from = matched(match, query.readable, query.filters);
      const [counted] = await raw(`SELECT count(*) AS n ${from.sql}`, from.bindings);
      const total = Number(counted?.n ?? 0);

      const facets: Record<string, Record<string, number>> = {};
      for (const name of facetNames) facets[name] = total === 0 && name !== 'type' ? {} : await facetCounts(name, match, query);

      const pageSize = Math.max(1, Math.floor(query.pageSize));
      const offset = (Math.max(1, Math.floor(query.page)) - 1) * pageSize;
      if (total === 0 || offset >= total) return { total, hits: [], facets };

      // Meilisearch's order of rules, which members of other sites know: words as typed before typos,
      // then the best field they were found in (all in the title, all in title and headings, else),
      // then bm25 (weighted likewise), then the newest. bm25 alone lets a short body outrank a long
      // document's title, because it normalises by the whole document's length.
      const within = `${FTS}.rowid IN (SELECT rowid FROM ${FTS} WHERE ${FTS} MATCH ?)`;
      const typoTier = variants.size === 0 ? '0' : `CASE WHEN ${within} THEN 0 ELSE 1 END`;
      const page = await raw(
        `SELECT d.rowid AS r, d.id, d.type, d.url, d.workspace_id, d.context, d.updated_at,
            ${typoTier} AS typo_tier,
            CASE WHEN ${within} THEN 0 WHEN ${within} THEN 1 ELSE 2 END AS field_tier,
            ${RANK} AS score
          ${from.sql}
          ORDER BY typo_tier, field_tier, score, d.updated_at DESC, d.id
          LIMIT ? OFFSET ?`,
        [
          ...(variants.size === 0 ? [] : [exact]),
          matchExpression(query.query, variants, ['title']),
          matchExpression(query.query, variants, ['title', 'headings']),
          ...from.bindings,
          pageSize,
          offset,
        ],
      );
      const marked = await highlights(
        match,
        page.map((row) => Number(row.r)),
      );
      const hits: EngineHit[] = page.map((row) => {
        const found = marked.get(Number(row.r));
        const title = segmentsOf(String(found?.title ?? ''));
        const body = segmentsOf(String(found?.body ?? ''));
        const headings = segmentsOf(String(found?.headings ?? ''));
        const snippet = hasMatch(body) ? body : hasMatch(headings) ? headings : body.length > 0 ? body : headings;
        return {
          id: String(row.id),
          type: String(row.type),
          url: String(row.url),
          workspaceId: row.workspace_id === null ? null : String(row.workspace_id),
          context: row.context === null ? null : String(row.context),
          updatedAt: String(row.updated_at),
          title,
          snippet,
        };
      });
      return { total, hits, facets };
    },

    async correct(query, readable, filters) {
      const words = new Set<string>();
      for (const group of query.required)
        for (const term of group) for (const word of term.kind === 'phrase' ? term.words : [term.word]) words.add(word);
      const spelt = new Map<string, string>();
      for (const word of words) {
        if ([...word].length < 3 || (await count(single(word), readable, {}, false)) > 0) continue;
        // Only a spelling the asker may read documents of: a word held only by hidden documents stays unsaid.
        for (const candidate of (await spellings(word)).slice(0, 10)) {
          if ((await count(single(candidate), readable, {}, false)) > 0) {
            spelt.set(word, candidate);
            break;
          }
        }
      }
      if (spelt.size === 0) return null;
      const better = respelt(query, spelt);
      return (await count(better, readable, filters, true)) > 0 ? queryText(better) : null;
    },

    async scan(type, after, limit) {
      const found = await raw(`SELECT id, hash FROM ${DOCUMENTS} WHERE type = ? AND id > ? ORDER BY id LIMIT ?`, [
        type,
        after ?? '',
        Math.max(0, Math.floor(limit)),
      ]);
      return found.map((row) => ({ id: String(row.id), hash: String(row.hash) }));
    },

    async stats() {
      const documents: Record<string, number> = {};
      for (const row of await raw(`SELECT type, count(*) AS n FROM ${DOCUMENTS} GROUP BY type`)) documents[String(row.type)] = Number(row.n);
      let sizeBytes: number | null = null;
      try {
        const [row] = await raw(
          `SELECT sum(pgsize) AS bytes FROM dbstat WHERE name IN (
            SELECT name FROM sqlite_master WHERE tbl_name LIKE 'search\\_index\\_%' ESCAPE '\\')`,
        );
        sizeBytes = row?.bytes === null || row?.bytes === undefined ? null : Number(row.bytes);
      } catch {
        // SQLite built without the dbstat table: the size is unknown, not an error.
        sizeBytes = null;
      }
      return { documents, sizeBytes };
    },

    async clear() {
      await knex.transaction(async (trx) => {
        await raw(`INSERT INTO ${FTS} (${FTS}) VALUES ('delete-all')`, [], trx);
        await raw(`DELETE FROM ${WORKSPACES}`, [], trx);
        await raw(`DELETE FROM ${FACETS}`, [], trx);
        await raw(`DELETE FROM ${DOCUMENTS}`, [], trx);
      });
    },

    async close() {
      // The knex connection belongs to the caller.
    },
  };
}
