/**
 * Typo tolerance as every engine keeps it (Meilisearch's rule): a word of five letters or more
 * matches with one typo, and a typo is one edit. The database engines look the one-edit strings of
 * a word up in their vocabularies; "did you mean" measures candidates by edit distance.
 */

/** Words this short get no typo tolerance: "care" must not find "core". */
export const MIN_TYPO_LENGTH = 5;

/** From this length Meilisearch allows two typos; the database engines offer them only as "did you mean". */
export const MIN_TWO_TYPO_LENGTH = 9;

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
