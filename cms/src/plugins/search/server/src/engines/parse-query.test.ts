import { describe, expect, it } from 'vitest';
import { isEmptyQuery, MAX_QUERY_WORDS, parseQuery } from './parse-query';

const word = (w: string, prefix = false) => ({ kind: 'word', word: w, prefix });

describe('parseQuery', () => {
  it('requires every word, and reads the last one as a prefix while it is being typed', () => {
    expect(parseQuery('Diabetes care').required).toEqual([[word('diabetes')], [word('care', true)]]);
    expect(parseQuery('diabetes care ').required).toEqual([[word('diabetes')], [word('care')]]);
  });

  it('reads quoted words as a phrase, and an unclosed quote to the end', () => {
    expect(parseQuery('"social prescribing" pilot ').required).toEqual([[{ kind: 'phrase', words: ['social', 'prescribing'] }], [word('pilot')]]);
    expect(parseQuery('"social prescribing').required).toEqual([[{ kind: 'phrase', words: ['social', 'prescribing'] }]]);
    expect(parseQuery('"').required).toEqual([]);
  });

  it('joins terms either side of `or`, and ignores `or` at either end', () => {
    expect(parseQuery('nurse or midwife ').required).toEqual([[word('nurse'), word('midwife')]]);
    expect(parseQuery('or nurse or ').required).toEqual([[word('nurse')]]);
    expect(parseQuery('AND OR NOT').required).toEqual([[word('and'), word('not', true)]]);
  });

  it('excludes a term with a leading minus, never a minus inside a word', () => {
    const parsed = parseQuery('covid-19 -vaccine -"long covid" ');
    expect(parsed.required).toEqual([[word('covid')], [word('19')]]);
    expect(parsed.excluded).toEqual([word('vaccine'), { kind: 'phrase', words: ['long', 'covid'] }]);
  });

  it('passes only letters and digits to engines, whatever was typed', () => {
    const parsed = parseQuery(`'; DROP TABLE users; -- .* (a|b)+ \\ <script>alert(1)</script> %_ :* & ! ( ) '`);
    for (const term of parsed.required.flat().concat(parsed.excluded)) {
      const words = term.kind === 'word' ? [term.word] : term.words;
      for (const w of words) expect(w).toMatch(/^[\p{L}\p{N}]+$/u);
    }
    expect(parseQuery('*** ??? ...').required).toEqual([]);
    expect(isEmptyQuery(parseQuery('-only'))).toBe(true);
  });

  it('reads at most ten words, and long input only to its limit', () => {
    const parsed = parseQuery(Array.from({ length: 30 }, (_, i) => `w${i}`).join(' '));
    expect(parsed.words).toHaveLength(MAX_QUERY_WORDS);
    expect(parseQuery('x'.repeat(10_000)).words[0].length).toBeLessThanOrEqual(40);
  });

  it('keeps accented letters and other scripts as words', () => {
    expect(parseQuery('Café naïve Ünïcödé 東京').words).toEqual(['café', 'naïve', 'ünïcödé', '東京']);
  });
});
