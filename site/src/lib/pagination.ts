/**
 * The items of the NHS numbered pagination: first, last, and the current page with its
 * neighbours, with ellipses for the gaps ("1 … 8 9 [10] 11 12 … 40").
 */
export type PaginationItem = { type: 'page'; number: number; current: boolean } | { type: 'ellipsis' };

export function paginationItems(current: number, pageCount: number, around = 2): PaginationItem[] {
  if (pageCount <= 1) return [];
  const numbers = new Set<number>([1, pageCount]);
  for (let n = current - around; n <= current + around; n++) if (n >= 1 && n <= pageCount) numbers.add(n);
  const sorted = [...numbers].sort((a, b) => a - b);
  const items: PaginationItem[] = [];
  sorted.forEach((n, index) => {
    const previous = sorted[index - 1];
    if (previous !== undefined && n - previous === 2) items.push({ type: 'page', number: n - 1, current: false });
    else if (previous !== undefined && n - previous > 2) items.push({ type: 'ellipsis' });
    items.push({ type: 'page', number: n, current: n === current });
  });
  return items;
}

/** The URL of another page of the same listing, keeping its filters; page 1 has no parameter. */
export function pageHref(url: URL, page: number): string {
  const params = new URLSearchParams(url.searchParams);
  params.delete('page');
  params.delete('preview');
  if (page > 1) params.set('page', String(page));
  const query = params.toString();
  return `${url.pathname}${query ? `?${query}` : ''}`;
}
