import { describe, expect, it } from 'vitest';
import { foldWord, vocabularyOf } from './postgres-words';
import { editDistance, oneEditVariants } from './spelling';

describe('the PostgreSQL engine vocabulary', () => {
  it('folds accents as unaccent does, keeping other scripts', () => {
    expect(foldWord('café')).toBe('cafe');
    expect(foldWord('naïve')).toBe('naive');
    expect(foldWord('東京')).toBe('東京');
  });

  it('keeps distinct folded words of two letters or more, not bare numbers', () => {
    expect([...vocabularyOf(['Café au lait, 2024', 'A CAFE in Zoë’s ward'])].sort()).toEqual(['au', 'cafe', 'in', 'lait', 'ward', 'zoe']);
  });

  it('generates every string one deletion, insertion, substitution or swap away, and only those', () => {
    const variants = new Set(oneEditVariants('nurse'));
    for (const typo of ['nuse', 'nurses', 'nurze', 'nusre', 'unrse', 'anurse']) expect(variants.has(typo), typo).toBe(true);
    expect(variants.has('nurse')).toBe(false);
    for (const variant of variants) expect(editDistance('nurse', variant), variant).toBe(1);
  });

  it('counts an adjacent swap as one edit', () => {
    expect(editDistance('diabetes', 'diabtees')).toBe(1);
    expect(editDistance('diabetes', 'diabetis')).toBe(1);
    expect(editDistance('prescribing', 'prescibing')).toBe(1);
    expect(editDistance('care', 'core')).toBe(1);
    expect(editDistance('diabetes', 'diebetis')).toBe(2);
    expect(editDistance('', 'abc')).toBe(3);
  });
});
