import { describe, expect, it } from 'vitest';
import { pageHref, paginationItems } from './pagination.ts';

const compact = (current: number, count: number) =>
  paginationItems(current, count)
    .map((item) => (item.type === 'ellipsis' ? '…' : item.current ? `[${item.number}]` : String(item.number)))
    .join(' ');

describe('paginationItems', () => {
  it('is empty for a single page', () => {
    expect(paginationItems(1, 1)).toEqual([]);
    expect(paginationItems(1, 0)).toEqual([]);
  });

  it('lists every page when there are few', () => {
    expect(compact(2, 3)).toBe('1 [2] 3');
    expect(compact(1, 5)).toBe('[1] 2 3 4 5');
  });

  it('shows the first, the last and the neighbours of the current page, with ellipses', () => {
    expect(compact(10, 40)).toBe('1 … 8 9 [10] 11 12 … 40');
    expect(compact(1, 40)).toBe('[1] 2 3 … 40');
    expect(compact(40, 40)).toBe('1 … 38 39 [40]');
  });

  it('shows a single missing page instead of an ellipsis', () => {
    expect(compact(5, 9)).toBe('1 2 3 4 [5] 6 7 8 9');
  });
});

describe('pageHref', () => {
  it('keeps the filters and replaces the page', () => {
    expect(pageHref(new URL('http://site/case-studies?region=london&topic=digital&page=3'), 2)).toBe(
      '/case-studies?region=london&topic=digital&page=2',
    );
  });

  it('drops the parameter for page 1', () => {
    expect(pageHref(new URL('http://site/workspaces?page=3'), 1)).toBe('/workspaces');
  });
});
