import { describe, expect, it } from 'vitest';
import { diffBlocks, documentDiff } from './diff';
import { EVERY_KIND_DOCUMENT } from './fixtures';
import type { DocumentJson } from './nodes';
import { documentBlocks } from './text';

const doc = (...paragraphs: string[]): DocumentJson => ({
  type: 'doc',
  content: paragraphs.map((value) => ({ type: 'paragraph', content: [{ type: 'text', text: value }] })),
});

describe('documentDiff', () => {
  it('marks every block the same when nothing changed', () => {
    const rows = documentDiff(EVERY_KIND_DOCUMENT, EVERY_KIND_DOCUMENT);
    expect(rows.map((row) => row.change)).toEqual(documentBlocks(EVERY_KIND_DOCUMENT).map(() => 'same'));
    expect(rows[0]).toEqual({ change: 'same', before: 'Aardvark heading', after: 'Aardvark heading' });
  });

  it('puts an edited block beside what it was', () => {
    expect(documentDiff(doc('one', 'two', 'three'), doc('one', 'TWO', 'three'))).toEqual([
      { change: 'same', before: 'one', after: 'one' },
      { change: 'changed', before: 'two', after: 'TWO' },
      { change: 'same', before: 'three', after: 'three' },
    ]);
  });

  it('shows blocks added and removed on their own side', () => {
    expect(documentDiff(doc('one', 'three'), doc('one', 'two', 'three'))).toEqual([
      { change: 'same', before: 'one', after: 'one' },
      { change: 'added', before: null, after: 'two' },
      { change: 'same', before: 'three', after: 'three' },
    ]);
    expect(documentDiff(doc('one', 'two', 'three'), doc('one', 'three'))).toEqual([
      { change: 'same', before: 'one', after: 'one' },
      { change: 'removed', before: 'two', after: null },
      { change: 'same', before: 'three', after: 'three' },
    ]);
  });

  it('pairs a run of removed blocks with the run added in their place, in order, the rest alone', () => {
    expect(diffBlocks(['a', 'b', 'c', 'z'], ['a', 'B', 'C', 'D', 'z'])).toEqual([
      { change: 'same', before: 'a', after: 'a' },
      { change: 'changed', before: 'b', after: 'B' },
      { change: 'changed', before: 'c', after: 'C' },
      { change: 'added', before: null, after: 'D' },
      { change: 'same', before: 'z', after: 'z' },
    ]);
    expect(diffBlocks(['a', 'b', 'c'], ['X'])).toEqual([
      { change: 'changed', before: 'a', after: 'X' },
      { change: 'removed', before: 'b', after: null },
      { change: 'removed', before: 'c', after: null },
    ]);
  });

  it('compares whole documents from and to nothing', () => {
    expect(documentDiff({ type: 'doc', content: [] }, doc('new'))).toEqual([{ change: 'added', before: null, after: 'new' }]);
    expect(documentDiff(doc('old'), { type: 'doc', content: [] })).toEqual([{ change: 'removed', before: 'old', after: null }]);
    expect(documentDiff({ type: 'doc', content: [] }, { type: 'doc', content: [] })).toEqual([]);
  });

  it('compares long, very different versions quickly', () => {
    const before = Array.from({ length: 3000 }, (_, i) => `before ${i}`);
    const after = Array.from({ length: 3000 }, (_, i) => (i % 2 ? `before ${i}` : `after ${i}`));
    const started = Date.now();
    const rows = diffBlocks(before, after);
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(rows.filter((row) => row.change === 'same')).toHaveLength(1500);
    expect(rows.filter((row) => row.change === 'changed')).toHaveLength(1500);
  });
});
