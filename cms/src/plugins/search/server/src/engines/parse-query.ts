/**
 * A member's words, read the way search boxes read them (as PostgreSQL's websearch_to_tsquery and
 * Meilisearch do): words must all match, "quoted words" match as a phrase, `or` between two terms
 * matches either, a leading `-` excludes, and the last bare word also matches as a prefix while
 * one is still typing. Nothing is a syntax error: stray quotes, operators and punctuation are only
 * text. Engines receive words made of letters and digits alone, so nothing a member types reaches
 * an engine's own query syntax.
 */

export type Term = { kind: 'word'; word: string; prefix: boolean } | { kind: 'phrase'; words: string[] };

export interface ParsedQuery {
  /** Every group must match; a group matches when any of its terms does. */
  required: Term[][];
  /** No matching document may contain any of these. */
  excluded: Term[];
  /** The words read, in order, lower-cased (for "did you mean"). */
  words: string[];
}

/** Meilisearch reads at most 10 words of a query; so does every engine here, alike. */
export const MAX_QUERY_WORDS = 10;
/** Longer runs of letters are not words anyone searches for; cut them so no engine sees a huge token. */
export const MAX_WORD_LENGTH = 40;
/** Characters read at all: the site refuses longer queries, the API cuts them here. */
export const MAX_QUERY_CHARACTERS = 200;

const WORD = /[\p{L}\p{N}]+/gu;

/** Lower-cased words of letters and digits, accents kept (engines fold them as they index). */
export function wordsOf(text: string): string[] {
  return (text.normalize('NFKC').toLowerCase().match(WORD) ?? []).map((word) => word.slice(0, MAX_WORD_LENGTH));
}

interface Token {
  text: string;
  quoted: boolean;
  negated: boolean;
}

function tokenize(input: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  while (index < input.length) {
    const char = input[index];
    if (/\s/u.test(char)) {
      index += 1;
      continue;
    }
    const negated = char === '-' && index + 1 < input.length && !/\s/u.test(input[index + 1]);
    const start = negated ? index + 1 : index;
    if (input[start] === '"') {
      const close = input.indexOf('"', start + 1);
      const end = close === -1 ? input.length : close;
      tokens.push({ text: input.slice(start + 1, end), quoted: true, negated });
      index = end + 1;
      continue;
    }
    let end = start;
    while (end < input.length && !/\s/u.test(input[end]) && input[end] !== '"') end += 1;
    tokens.push({ text: input.slice(start, end), quoted: false, negated });
    index = end === start ? end + 1 : end;
  }
  return tokens;
}

export function parseQuery(raw: string): ParsedQuery {
  const input = (raw ?? '').slice(0, MAX_QUERY_CHARACTERS);
  const stillTyping = input.length > 0 && !/\s$/u.test(input);
  const required: Term[][] = [];
  const excluded: Term[] = [];
  const words: string[] = [];
  let budget = MAX_QUERY_WORDS;
  let joinNext = false;
  const tokens = tokenize(input);

  tokens.forEach((token, position) => {
    if (budget <= 0) return;
    const tokenWords = wordsOf(token.text);
    if (!token.quoted && !token.negated && tokenWords.length === 1 && tokenWords[0] === 'or' && token.text.toLowerCase() === 'or') {
      // `or` joins the terms either side of it; at either end it is only a word nobody needs.
      joinNext = required.length > 0;
      return;
    }
    if (tokenWords.length === 0) return;
    const kept = tokenWords.slice(0, budget);
    budget -= kept.length;
    words.push(...kept);
    const isLast = position === tokens.length - 1;
    const terms: Term[] =
      token.quoted && kept.length > 1
        ? [{ kind: 'phrase', words: kept }]
        : token.quoted || token.negated
          ? kept.length === 1
            ? [{ kind: 'word', word: kept[0], prefix: false }]
            : [{ kind: 'phrase', words: kept }]
          : kept.map((word, i) => ({ kind: 'word' as const, word, prefix: stillTyping && isLast && i === kept.length - 1 }));
    if (token.negated) {
      excluded.push(...terms);
      joinNext = false;
      return;
    }
    // "covid-19" is one token of two words: both must match, as a phrase would be too strict.
    const [first, ...rest] = terms;
    if (joinNext && required.length > 0) required[required.length - 1].push(first);
    else required.push([first]);
    for (const term of rest) required.push([term]);
    joinNext = false;
  });
  return { required, excluded, words };
}

/** True when the query asks for nothing (only punctuation, only exclusions, or empty). */
export function isEmptyQuery(query: ParsedQuery): boolean {
  return query.required.length === 0;
}
