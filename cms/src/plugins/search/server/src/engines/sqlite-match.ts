/**
 * FTS5 match expressions from a parsed query. Every word is double-quoted, so FTS5 reads it as a
 * string and nothing a member types is FTS5 syntax (`AND`, `NEAR`, `*`, column filters...): the
 * operators here are only the ones this file writes.
 */
import type { ParsedQuery, Term } from './parse-query';

function quoted(text: string): string {
  return `"${text.replace(/"/g, '""')}"`;
}

/** Typo variants per query word: vocabulary words one edit away, OR'ed with the word itself. */
export type Variants = ReadonlyMap<string, string[]>;

const NONE: Variants = new Map();

function termExpression(term: Term, variants: Variants): string {
  if (term.kind === 'phrase') return quoted(term.words.join(' '));
  const word = term.prefix ? `${quoted(term.word)}*` : quoted(term.word);
  const others = variants.get(term.word) ?? [];
  return others.length === 0 ? word : `(${[word, ...others.map(quoted)].join(' OR ')})`;
}

/**
 * The whole query: groups ANDed, terms of a group ORed, exclusions NOTed. Null when it asks for
 * nothing. With `columns`, only the required words, and only within those columns: which fields a
 * document matched in, for ranking (the exclusions are the whole query's business).
 */
export function matchExpression(query: ParsedQuery, variants: Variants = NONE, columns?: string[]): string | null {
  if (query.required.length === 0) return null;
  const required = query.required.map((group) => `(${group.map((term) => termExpression(term, variants)).join(' OR ')})`).join(' AND ');
  if (columns) return `{${columns.join(' ')}} : (${required})`;
  if (query.excluded.length === 0) return required;
  // Exclusions match exactly: a typo variant of an excluded word would hide documents nobody excluded.
  return `(${required}) NOT (${query.excluded.map((term) => termExpression(term, NONE)).join(' OR ')})`;
}

/** The query in the words a member would type: what "did you mean" offers back. */
export function queryText(query: ParsedQuery): string {
  const text = (term: Term) => (term.kind === 'phrase' ? `"${term.words.join(' ')}"` : term.word);
  return [...query.required.map((group) => group.map(text).join(' or ')), ...query.excluded.map((term) => `-${text(term)}`)].join(' ');
}

/** The same query with some words spelt otherwise. */
export function respelt(query: ParsedQuery, spellings: ReadonlyMap<string, string>): ParsedQuery {
  const word = (w: string) => spellings.get(w) ?? w;
  const term = (t: Term): Term => (t.kind === 'phrase' ? { kind: 'phrase', words: t.words.map(word) } : { ...t, word: word(t.word) });
  return {
    required: query.required.map((group) => group.map(term)),
    excluded: query.excluded.map(term),
    words: query.words.map(word),
  };
}
