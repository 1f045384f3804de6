/**
 * What the Meilisearch engine sends, checked where no Meilisearch server runs: the engine itself
 * is held to the contract suite whenever MEILISEARCH_HOST is set.
 */
import { describe, expect, it } from 'vitest';
import type { Readable } from './engine';
import { decodeId, encodeId, filtersFilter, MAX_CHOICES, queryStrings, quote, readableFilter } from './meilisearch-query';
import { parseQuery } from './parse-query';

const readable = (overrides: Partial<Readable> = {}): Readable => ({
  audiences: ['public', 'signed-in'],
  workspaceIds: [],
  withheldIds: [],
  withheldWorkspaceIds: [],
  ...overrides,
});

describe('Meilisearch ids', () => {
  it('are made of the characters Meilisearch allows, and decode to the id they came from', () => {
    for (const id of ['page:abc123', 'comment:42', 'person:a_b', 'x:__3a_', 'case-study:zoë 東京 🙂', 'a"b\\c']) {
      expect(encodeId(id)).toMatch(/^[A-Za-z0-9_-]+$/);
      expect(decodeId(encodeId(id))).toBe(id);
    }
    expect(encodeId('page:abc')).toBe('page_3a_abc');
    // `_` is escaped too, so two ids never share an encoding.
    expect(encodeId('a:b')).not.toBe(encodeId('a_3a_b'));
  });
});

describe('filter values', () => {
  it('are quoted with quotes and backslashes escaped', () => {
    expect(quote('plain')).toBe('"plain"');
    expect(quote('a"b')).toBe('"a\\"b"');
    expect(quote('a\\" OR type = "x')).toBe('"a\\\\\\" OR type = \\"x"');
  });
});

describe('the readable filter', () => {
  it('lets anyone read their audiences and members their workspaces', () => {
    expect(readableFilter(readable({ audiences: ['public'] }))).toBe('audience IN ["public"]');
    expect(readableFilter(readable({ workspaceIds: ['w1', 'w2'] }))).toBe('(workspaceIds IN ["w1", "w2"] OR audience IN ["public", "signed-in"])');
  });

  it('withholds documents and, outside membership, withheld workspaces', () => {
    expect(readableFilter(readable({ workspaceIds: ['w1'], withheldIds: ['page:1'], withheldWorkspaceIds: ['w2'] }))).toBe(
      'NOT id IN ["page_3a_1"] AND (workspaceIds IN ["w1"] OR (audience IN ["public", "signed-in"] AND NOT workspaceIds IN ["w2"]))',
    );
  });

  it('is null when nothing is readable, so no request is made', () => {
    expect(readableFilter(readable({ audiences: [] }))).toBeNull();
  });

  it('takes hostile workspace ids as values', () => {
    expect(readableFilter(readable({ audiences: [], workspaceIds: ['"] OR audience IN ["members'] }))).toBe(
      'workspaceIds IN ["\\"] OR audience IN [\\"members"]',
    );
  });
});

describe('filters', () => {
  it('by types, workspace and facet values, each facet any of its values', () => {
    expect(filtersFilter({ types: ['page', 'comment'], workspaceId: 'w1', facets: { region: ['london', 'north'], topic: [] } }, { types: true })).toEqual([
      'type IN ["page", "comment"]',
      'workspaceId = "w1"',
      'facets IN ["region:london", "region:north"]',
    ]);
    expect(filtersFilter({ types: ['page'] }, { types: false })).toEqual([]);
  });
});

describe('query strings', () => {
  it('end with a space unless the last word is being typed', () => {
    expect(queryStrings(parseQuery('diabetes care '))).toEqual(['diabetes care ']);
    expect(queryStrings(parseQuery('diabetes ca'))).toEqual(['diabetes ca']);
  });

  it('quote phrases and put exclusions first, so the prefix word stays last', () => {
    expect(queryStrings(parseQuery('"social prescribing" -nurse -"night shift" gp'))).toEqual(['-nurse -"night shift" "social prescribing" gp']);
  });

  it('run every choice of one term per `or` group, at most MAX_CHOICES', () => {
    expect(queryStrings(parseQuery('nurse or midwife pay '))).toEqual(['nurse pay ', 'midwife pay ']);
    expect(queryStrings(parseQuery('a or b or c or d e or f or g or h i or j '))).toHaveLength(MAX_CHOICES);
  });

  it('carry only letters, digits, spaces, quotes and minus signs', () => {
    for (const text of ['\'; DROP TABLE x; --', 'a AND b OR NOT c', '%_*?:&|!()<>[]{}^$\\/.+', '"unbalanced', '<script>alert(1)</script>'])
      for (const sent of queryStrings(parseQuery(text))) expect(sent).toMatch(/^[\p{L}\p{N} "-]*$/u);
  });
});
