/**
 * Spelling helpers of the SQLite engine: which vocabulary words are one or two edits away from a
 * member's word. The vocabulary is looked up by exact terms (a few hundred variants of one word),
 * never scanned whole, so a typo costs the same on a large index as on a small one.
 */

/** Folds a word as FTS5's `unicode61 remove_diacritics 2` tokenizer folds what it indexes. */
export function foldWord(word: string): string {
  return word.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/**
 * Edit distance with adjacent transpositions counting as one edit (optimal string alignment), the
 * measure typo tolerance uses: "diabtees" is one edit from "diabetes".
 */
export function editDistance(a: string, b: string, max = Infinity): number {
  const x = [...a];
  const y = [...b];
  if (Math.abs(x.length - y.length) > max) return max + 1;
  let before: number[] = [];
  let previous = Array.from({ length: y.length + 1 }, (_, j) => j);
  for (let i = 1; i <= x.length; i += 1) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= y.length; j += 1) {
      const cost = x[i - 1] === y[j - 1] ? 0 : 1;
      let value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
      if (i > 1 && j > 1 && x[i - 1] === y[j - 2] && x[i - 2] === y[j - 1]) value = Math.min(value, before[j - 2] + 1);
      current.push(value);
      best = Math.min(best, value);
    }
    if (best > max) return max + 1;
    before = previous;
    previous = current;
  }
  return previous[y.length];
}

const ALPHABET = [...'abcdefghijklmnopqrstuvwxyz0123456789'];

/**
 * Every string one edit (substitution, insertion, deletion, transposition) from `word`, over the
 * Latin letters, digits and the word's own characters: the candidates a vocabulary is asked for.
 */
export function oneEditVariants(word: string): string[] {
  const chars = [...word];
  const alphabet = [...new Set([...ALPHABET, ...chars])];
  const variants = new Set<string>();
  for (let i = 0; i <= chars.length; i += 1) {
    const head = chars.slice(0, i).join('');
    const tail = chars.slice(i).join('');
    for (const letter of alphabet) variants.add(head + letter + tail);
    if (i < chars.length) {
      const rest = chars.slice(i + 1).join('');
      variants.add(head + rest);
      for (const letter of alphabet) variants.add(head + letter + rest);
      if (i + 1 < chars.length) variants.add(head + chars[i + 1] + chars[i] + chars.slice(i + 2).join(''));
    }
  }
  variants.delete(word);
  return [...variants];
}

/** Words this short get no typo tolerance: "care" must not find "core". */
export const MIN_TYPO_LENGTH = 5;

const TOKEN = /[\p{L}\p{N}\p{Co}]+/gu;

/**
 * The words FTS5's `unicode61 remove_diacritics 2` tokenizer makes of a text, folded alike: what
 * the engine's terms table records. A word it reads differently only misses as a typo candidate.
 */
export function termsOf(text: string): string[] {
  return (text.normalize('NFC').match(TOKEN) ?? []).map(foldWord);
}
