/**
 * The embedded engine when the CMS runs on SQLite: FTS5 with bm25 ranking, in the CMS's own
 * database (docs/search.md). Documents live in a plain table; an FTS5 index reads its text from it
 * (external content). What the permission filter, the filters and the counts read of every match
 * lives apart in narrow tables (a row per document, its workspaces, its facet values), so counting
 * a common word reads a few small pages instead of every matching document's text.
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
import { MIN_TYPO_LENGTH, editDistance, oneEditVariants } from './spelling';
import { foldWord, termsOf } from './sqlite-typos';

const DOCUMENTS = 'search_index_documents';
const FTS = 'search_index_fts';
const VOCABULARY = 'search_index_vocabulary';
/** Every word ever indexed, folded: typo candidates are looked up here by the hundred in one B-tree. */
const TERMS = 'search_index_terms';
/** A narrow copy of what filtering and ordering read, keyed by the documents' rowid. */
const ACCESS = 'search_index_access';
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
/**
 * bm25 costs a few microseconds a match: above this many readable matches the order is tiers
 * (typo, field) then newest first, without bm25, so a common word stays fast on a large index.
 */
const RANKED_MATCHES = 5000;

type Row = Record<string, unknown>;

const json = (value: unknown) => JSON.stringify(value);

interface Fragment {
  sql: string;
  bindings: unknown[];
}

/**
 * Whether one of the document's workspaces is in a list. Most documents belong to exactly one
 * workspace, held in `d.only_workspace`; only the others (people, in several) are looked up in the
 * workspaces table, which saves a B-tree search per match on a common word.
 */
function inWorkspaces(list: string): string {
  return `(CASE WHEN d.only_workspace IS NOT NULL THEN d.only_workspace IN ${list}
    ELSE EXISTS (SELECT 1 FROM ${WORKSPACES} w WHERE w.doc = d.rowid AND w.workspace_id IN ${list}) END)`;
}

/** `isReadable` (engine.ts), word for word, over the documents aliased `d`: change both together. */
function readableFilter(readable: Readable): Fragment {
  return {
    sql: `d.id NOT IN (SELECT value FROM json_each(?))
      AND (${inWorkspaces('(SELECT value FROM json_each(?))')}
        OR (d.audience IN (SELECT value FROM json_each(?)) AND NOT ${inWorkspaces('(SELECT value FROM json_each(?))')}))`,
    // Each list is bound twice: `inWorkspaces` names it in both its branches.
    bindings: [
      json(readable.withheldIds),
      json(readable.workspaceIds),
      json(readable.workspaceIds),
      json(readable.audiences),
      json(readable.withheldWorkspaceIds),
      json(readable.withheldWorkspaceIds),
    ],
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
      const found = await raw(`SELECT term FROM ${TERMS} WHERE term IN (SELECT value FROM json_each(?))`, [json(oneEditVariants(folded))]);
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
      sql: `FROM ${FTS} JOIN ${ACCESS} d ON d.rowid = ${FTS}.rowid ${facet}
        WHERE ${FTS} MATCH ? AND ${permission.sql} AND ${filter.sql}`,
      bindings: [...(options.facet === undefined ? [] : [options.facet]), match, ...permission.bindings, ...filter.bindings],
    };
  }

  /** Whether the query finds anything the asker may read (stops at the first). */
  async function findsAny(query: ParsedQuery, readable: Readable, filters: SearchFilters, typos: boolean): Promise<boolean> {
    const match = matchExpression(query, typos ? await typoVariants(query) : undefined);
    if (match === null) return false;
    const from = matched(match, readable, filters);
    return (await raw(`SELECT 1 AS found ${from.sql} LIMIT 1`, from.bindings)).length > 0;
  }

  /**
   * The total, and the type and workspace counts, in one pass over the matches: grouped by type
   * and workspace without the type filter (the type facet ignores it), then summed. Without those
   * counts asked for, a plain count.
   */
  async function counts(match: string, query: EngineQuery, grouped: boolean) {
    if (!grouped) {
      const from = matched(match, query.readable, query.filters);
      const [row] = await raw(`SELECT count(*) AS n ${from.sql}`, from.bindings);
      return { total: Number(row?.n ?? 0), type: {}, workspace: {} };
    }
    const from = matched(match, query.readable, query.filters, { types: false });
    const groups = await raw(`SELECT d.type AS type, d.workspace_id AS workspace, count(*) AS n ${from.sql} GROUP BY d.type, d.workspace_id`, from.bindings);
    const types = query.filters.types && query.filters.types.length > 0 ? new Set(query.filters.types) : null;
    let total = 0;
    const type: Record<string, number> = {};
    const workspace: Record<string, number> = {};
    for (const row of groups) {
      const n = Number(row.n);
      type[String(row.type)] = (type[String(row.type)] ?? 0) + n;
      if (types && !types.has(String(row.type))) continue;
      total += n;
      if (row.workspace !== null) workspace[String(row.workspace)] = (workspace[String(row.workspace)] ?? 0) + n;
    }
    return { total, type, workspace };
  }

  async function facetCounts(name: string, match: string, query: EngineQuery): Promise<Record<string, number>> {
    const from = matched(match, query.readable, query.filters, { facet: name });
    const counts: Record<string, number> = {};
    for (const row of await raw(`SELECT fv.value AS value, count(*) AS n ${from.sql} GROUP BY fv.value`, from.bindings))
      if (Number(row.n) > 0) counts[String(row.value)] = Number(row.n);
    return counts;
  }

  async function highlights(match: string, rowids: number[]) {
    const found = await raw(
      `SELECT ${FTS}.rowid AS r, d.url AS url, d.context AS context,
          highlight(${FTS}, 0, ?, ?) AS title,
          snippet(${FTS}, 1, ?, ?, '', ${SNIPPET_TOKENS}) AS headings,
          snippet(${FTS}, 2, ?, ?, '', ${SNIPPET_TOKENS}) AS body
        FROM ${FTS} JOIN ${DOCUMENTS} d ON d.rowid = ${FTS}.rowid
        WHERE ${FTS} MATCH ? AND ${FTS}.rowid IN (SELECT value FROM json_each(?))`,
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
      `INSERT INTO ${ACCESS} (rowid, id, type, audience, workspace_id, only_workspace, updated_at)
        SELECT rowid, id, type, audience, workspace_id,
          CASE WHEN json_array_length(workspace_ids) = 1 THEN workspace_ids ->> 0 END, updated_at
        FROM (${written})`,
      [ids],
      trx,
    );
    const terms = new Set<string>();
    for (const document of documents) for (const text of [document.title, document.headings, document.body]) for (const term of termsOf(text)) terms.add(term);
    await raw(`INSERT OR IGNORE INTO ${TERMS} (term) SELECT value FROM json_each(?)`, [json([...terms])], trx);
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
    await raw(`DELETE FROM ${ACCESS} WHERE rowid IN (${existing})`, [ids], trx);
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
      ...(await raw(`SELECT term FROM ${TERMS} WHERE term >= ? AND term < ? AND length(term) BETWEEN ? AND ?`, [
        first,
        `${first}\uffff`,
        length - max,
        length + max,
      ])),
      ...(await raw(`SELECT term FROM ${TERMS} WHERE term IN (SELECT value FROM json_each(?))`, [json(oneEditVariants(folded))])),
    ];
    const distances = new Map<string, number>();
    for (const row of found) {
      const term = String(row.term);
      if (term === folded || distances.has(term)) continue;
      const distance = editDistance(folded, term, max);
      if (distance <= max) distances.set(term, distance);
    }
    const nearest = [...distances.entries()].sort(([a, x], [b, y]) => x - y || (a < b ? -1 : 1)).slice(0, SPELLINGS);
    // The terms table keeps words no longer indexed; the index's own vocabulary says how used each still is.
    const used = new Map<string, number>();
    for (const row of await raw(`SELECT v.term AS term, v.doc AS doc FROM json_each(?) j JOIN ${VOCABULARY} v ON v.term = j.value`, [
      json(nearest.map(([term]) => term)),
    ]))
      used.set(String(row.term), Number(row.doc));
    // Nearest first, then alphabetical: never by how many documents hold a word, a count that
    // includes documents the asker may not read.
    return nearest.filter(([term]) => (used.get(term) ?? 0) > 0).map(([term]) => term);
  }

  const SPELLINGS = 10;
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
        await raw(`CREATE TABLE IF NOT EXISTS ${TERMS} (term TEXT PRIMARY KEY) WITHOUT ROWID`, [], trx);
        await raw(
          `CREATE TABLE IF NOT EXISTS ${ACCESS} (
            rowid INTEGER PRIMARY KEY,
            id TEXT NOT NULL,
            type TEXT NOT NULL,
            audience TEXT NOT NULL,
            workspace_id TEXT,
            only_workspace TEXT,
            updated_at TEXT NOT NULL
          )`,
          [],
          trx,
        );
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
      const counted = await counts(match, query, facetNames.includes('type') || facetNames.includes('workspace'));
      const total = counted.total;

      const facets: Record<string, Record<string, number>> = {};
      for (const name of facetNames)
        facets[name] = name === 'type' ? counted.type : name === 'workspace' ? counted.workspace : total === 0 ? {} : await facetCounts(name, match, query);

      const pageSize = Math.max(1, Math.floor(query.pageSize));
      const offset = (Math.max(1, Math.floor(query.page)) - 1) * pageSize;
      if (total === 0 || offset >= total) return { total, hits: [], facets };

      // Meilisearch's order of rules, which members of other sites know: words as typed before typos,
      // then the best field they were found in (all in the title, all in title and headings, else),
      // then bm25 (weighted likewise), then the newest. bm25 alone lets a short body outrank a long
      // document's title, because it normalises by the whole document's length.
      const from = matched(match, query.readable, query.filters);
      const within = `${FTS}.rowid IN (SELECT rowid FROM ${FTS} WHERE ${FTS} MATCH ?)`;
      const typoTier = variants.size === 0 ? '0' : `CASE WHEN ${within} THEN 0 ELSE 1 END`;
      const score = total <= RANKED_MATCHES ? RANK : '0';
      const page = await raw(
        `SELECT d.rowid AS r, d.id, d.type, d.workspace_id, d.updated_at,
            ${typoTier} AS typo_tier,
            CASE WHEN ${within} THEN 0 WHEN ${within} THEN 1 ELSE 2 END AS field_tier,
            ${score} AS score
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
          url: String(found?.url ?? ''),
          workspaceId: row.workspace_id === null ? null : String(row.workspace_id),
          context: found?.context === null || found?.context === undefined ? null : String(found.context),
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
        if ([...word].length < 3 || (await findsAny(single(word), readable, {}, false))) continue;
        // Only a spelling the asker may read documents of: a word held only by hidden documents stays unsaid.
        for (const candidate of (await spellings(word)).slice(0, 10)) {
          if (await findsAny(single(candidate), readable, {}, false)) {
            spelt.set(word, candidate);
            break;
          }
        }
      }
      if (spelt.size === 0) return null;
      const better = respelt(query, spelt);
      return (await findsAny(better, readable, filters, true)) ? queryText(better) : null;
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
        await raw(`DELETE FROM ${ACCESS}`, [], trx);
        await raw(`DELETE FROM ${TERMS}`, [], trx);
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
