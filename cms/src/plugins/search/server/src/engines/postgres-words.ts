/**
 * Words as the PostgreSQL engine's vocabulary (`search_terms`) holds them, and the edits that make
 * a typo: the vocabulary is what typo variants, prefix completions and "did you mean" choose from.
 */
import { wordsOf } from './parse-query';

/** Meilisearch's rule, kept by every engine: a word of 5 letters or more may carry one typo. */
export const MIN_TYPO_LENGTH = 5;

/** Vocabulary words shorter than this are never a typo or a completion worth offering. */
export const MIN_VOCABULARY_LENGTH = 2;

/**
 * Accents folded the way the `unaccent` dictionary folds most Latin letters, so "café" in a
 * query and "cafe" in the vocabulary are the same word (the tsvector folds with `unaccent` too).
 */
export function foldWord(word: string): string {
  return word.normalize('NFD').replace(/\p{M}+/gu, '').normalize('NFC');
}

/** The distinct folded words of some texts, as the vocabulary stores them. */
export function vocabularyOf(texts: string[]): Set<string> {
  const words = new Set<string>();
  for (const text of texts) {
    for (const word of wordsOf(text)) {
      const folded = foldWord(word);
      if ([...folded].length >= MIN_VOCABULARY_LENGTH && !/^\p{N}+$/u.test(folded)) words.add(folded);
    }
  }
  return words;
}

const ALPHABET = [...'abcdefghijklmnopqrstuvwxyz0123456789'];

/**
 * Every string one edit away (a letter deleted, inserted, replaced, or two neighbours swapped):
 * looked up in the vocabulary's primary key, it finds exactly the words within one typo, which a
 * trigram similarity threshold cannot promise for short words (a swap in a 5-letter word leaves
 * only 2 of 10 trigrams in common). Inserted and replacing letters are a-z, 0-9 and the word's own.
 */
export function oneEditVariants(word: string): string[] {
  const letters = [...word];
  const alphabet = [...new Set([...ALPHABET, ...letters])];
  const variants = new Set<string>();
  for (let i = 0; i < letters.length; i += 1) {
    variants.add([...letters.slice(0, i), ...letters.slice(i + 1)].join(''));
    if (i + 1 < letters.length && letters[i] !== letters[i + 1]) {
      variants.add([...letters.slice(0, i), letters[i + 1], letters[i], ...letters.slice(i + 2)].join(''));
    }
    for (const letter of alphabet) {
      if (letter !== letters[i]) variants.add([...letters.slice(0, i), letter, ...letters.slice(i + 1)].join(''));
    }
  }
  for (let i = 0; i <= letters.length; i += 1) {
    for (const letter of alphabet) variants.add([...letters.slice(0, i), letter, ...letters.slice(i)].join(''));
  }
  variants.delete(word);
  return [...variants];
}

/** Optimal string alignment distance (Damerau–Levenshtein with adjacent swaps), by code point. */
export function editDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  const rows: number[][] = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= s.length; i += 1) {
    for (let j = 1; j <= t.length; j += 1) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) best = Math.min(best, rows[i - 2][j - 2] + 1);
      rows[i][j] = best;
    }
  }
  return rows[s.length][t.length];
}
