/**
 * Words as the PostgreSQL engine's vocabulary (`search_terms`) holds them: the vocabulary is what
 * typo variants (spelling.ts), prefix completions and "did you mean" choose from.
 */
import { wordsOf } from './parse-query';

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
