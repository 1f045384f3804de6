/**
 * A ParsedQuery as PostgreSQL text search queries, built only from tsquery functions and
 * operators over bound parameters: no text a member typed ever becomes tsquery syntax, so there is
 * no syntax error to make (the semantics are websearch_to_tsquery's: groups ANDed, OR inside a
 * group, phrases, exclusions), plus typo variants and prefix completions chosen from the
 * vocabulary.
 */
import type { ParsedQuery, Term } from './parse-query';
import { foldWord } from './postgres-words';
import { MIN_TYPO_LENGTH } from './spelling';

/** The text search configuration prepare() creates: English stems, accents folded by `unaccent`. */
export const TEXT_SEARCH_CONFIG = 'search_english';

export interface Fragment {
  sql: string;
  bindings: unknown[];
}

/** What the vocabulary offers for one query word (folded). */
export interface Expansion {
  /** Vocabulary words the word, still being typed, begins. */
  completions: string[];
  /** Vocabulary words one typo away. */
  typos: string[];
}

export type Expansions = Map<string, Expansion>;

export interface TsQueries {
  /** What a document must match: every group, typos allowed, none of the exclusions. */
  match: Fragment;
  /** The positive part, typos allowed: ranks and highlights. */
  all: Fragment;
  /** The positive part without typo variants: a document matching it ranks above typo matches. */
  exact: Fragment;
  /** False when no typo variant was found, so `exact` equals `all` and need not be tested. */
  hasTypos: boolean;
}

const wordQuery = (word: string): Fragment => ({ sql: `plainto_tsquery('${TEXT_SEARCH_CONFIG}', ?)`, bindings: [word] });
const phraseQuery = (words: string[]): Fragment => ({ sql: `phraseto_tsquery('${TEXT_SEARCH_CONFIG}', ?)`, bindings: [words.join(' ')] });

function join(parts: Fragment[], operator: '||' | '&&'): Fragment {
  if (parts.length === 1) return parts[0];
  return { sql: `(${parts.map((part) => part.sql).join(` ${operator} `)})`, bindings: parts.flatMap((part) => part.bindings) };
}

/** Words whose vocabulary lookups can change the query: prefixes and typo-length words. */
export function wordsToExpand(query: ParsedQuery): { prefixes: string[]; typos: string[] } {
  const prefixes = new Set<string>();
  const typos = new Set<string>();
  for (const group of query.required) {
    for (const term of group) {
      if (term.kind !== 'word') continue;
      const folded = foldWord(term.word);
      if (term.prefix) prefixes.add(folded);
      if ([...folded].length >= MIN_TYPO_LENGTH) typos.add(folded);
    }
  }
  return { prefixes: [...prefixes], typos: [...typos] };
}

function termWords(term: Extract<Term, { kind: 'word' }>, expansions: Expansions, typos: boolean): string[] {
  const expansion = expansions.get(foldWord(term.word));
  const words = [term.word, ...(term.prefix ? (expansion?.completions ?? []) : [])];
  if (typos) words.push(...(expansion?.typos ?? []));
  return [...new Set(words)];
}

function positive(query: ParsedQuery, expansions: Expansions, typos: boolean): Fragment {
  return join(
    query.required.map((group) =>
      join(
        group.flatMap((term) => (term.kind === 'phrase' ? [phraseQuery(term.words)] : termWords(term, expansions, typos).map(wordQuery))),
        '||',
      ),
    ),
    '&&',
  );
}

/** The queries for a non-empty ParsedQuery (`required` has at least one group). */
export function tsQueries(query: ParsedQuery, expansions: Expansions): TsQueries {
  const all = positive(query, expansions, true);
  const exact = positive(query, expansions, false);
  const hasTypos = [...expansions.values()].some((expansion) => expansion.typos.length > 0);
  if (query.excluded.length === 0) return { match: all, all, exact, hasTypos };
  const excluded = join(
    query.excluded.map((term) => (term.kind === 'phrase' ? phraseQuery(term.words) : wordQuery(term.word))),
    '||',
  );
  return { match: { sql: `(${all.sql} && !!${excluded.sql})`, bindings: [...all.bindings, ...excluded.bindings] }, all, exact, hasTypos };
}

/** The query as a member would type it, with some words replaced ("did you mean"). */
export function queryText(query: ParsedQuery, replace: (word: string) => string): string {
  const term = (t: Term) => (t.kind === 'phrase' ? `"${t.words.map(replace).join(' ')}"` : replace(t.word));
  const required = query.required.map((group) => group.map(term).join(' or '));
  const excluded = query.excluded.map((t) => `-${t.kind === 'phrase' ? `"${t.words.join(' ')}"` : t.word}`);
  return [...required, ...excluded].join(' ');
}
