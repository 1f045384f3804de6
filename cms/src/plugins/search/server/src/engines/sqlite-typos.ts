/**
 * Words as the SQLite engine's terms table holds them (the edits that make a typo are spelling.ts').
 * The vocabulary is looked up by exact terms (a few hundred variants of one word), never scanned
 * whole, so a typo costs the same on a large index as on a small one. Folding differs from the
 * PostgreSQL engine's (postgres-words.ts) on purpose: each folds as its own index does.
 */

/** Folds a word as FTS5's `unicode61 remove_diacritics 2` tokenizer folds what it indexes. */
export function foldWord(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu;

/**
 * The words FTS5's `unicode61 remove_diacritics 2` tokenizer makes of a text, folded alike: what
 * the engine's terms table records. A word it reads differently only misses as a typo candidate.
 */
export function termsOf(text: string): string[] {
  return (text.normalize('NFC').match(TOKEN) ?? []).map(foldWord);
}
