import { describe, expect, it } from 'vitest';
import { toQueryString } from '../cms/query-string.ts';
import { cmsSearchQuery, didYouMeanHref, everywhereHref, parseSearchParams, searchHref, searchPageCount, suggestHref, typeHref } from './params.ts';

const parse = (query: string) => parseSearchParams(new URLSearchParams(query));

describe('parseSearchParams', () => {
  it('reads the words, types, workspace, facets and page', () => {
    expect(parse('q=+night+%20staffing+&type=discussion&type=comment&type=discussion&workspace=virtual-wards&region=london&topic=workforce&page=3')).toEqual({
      kind: 'valid',
      request: { q: 'night staffing', types: ['discussion', 'comment'], workspace: 'virtual-wards', regions: ['london'], topics: ['workforce'], page: 3 },
    });
  });

  it('is empty without q, whatever else is there', () => {
    expect(parse('workspace=virtual-wards')).toMatchObject({ kind: 'empty', request: { q: '', workspace: 'virtual-wards' } });
  });

  it('refuses blank and overlong words, keeping them for the box', () => {
    expect(parse('q=%20')).toMatchObject({ kind: 'invalid', errors: [{ field: 'search-q', text: 'Enter a search term' }] });
    const long = 'x'.repeat(101);
    expect(parse(`q=${long}`)).toMatchObject({ kind: 'invalid', request: { q: long }, errors: [{ text: 'Search term must be 100 characters or fewer' }] });
    expect(parse(`q=${'x'.repeat(100)}`).kind).toBe('valid');
  });

  it('refuses a type the contract does not know (facet values are the CMS’s to refuse)', () => {
    expect(parse('q=a&type=secret')).toMatchObject({ kind: 'invalid', request: { types: [] }, errors: [{ text: 'Choose a type of result from the list' }] });
    expect(parse('q=a&region=%3Cscript%3E')).toMatchObject({ kind: 'valid', request: { regions: ['<script>'] } });
  });

  it('falls back to page 1 for a page that is not a number', () => {
    expect(parse('q=a&page=abc').request.page).toBe(1);
    expect(parse('q=a&page=0').request.page).toBe(1);
  });
});

describe('links', () => {
  const { request } = parse('q=night+staffing&type=discussion&workspace=virtual-wards&region=london&region=midlands&topic=workforce&page=4');

  it('asks the CMS for exactly the request, lists as Strapi writes them', () => {
    expect(toQueryString(cmsSearchQuery(request, { pageSize: 10, facets: true }))).toBe(
      'q=night%20staffing&type[0]=discussion&workspace=virtual-wards&region[0]=london&region[1]=midlands&topic[0]=workforce&page=4&pageSize=10&facets=true',
    );
    expect(toQueryString(cmsSearchQuery(parse('q=a%26type%3Dx').request, { pageSize: 6, facets: false }))).toBe('q=a%26type%3Dx&page=1&pageSize=6&facets=false');
  });

  it('changes the type from page 1, keeping the rest', () => {
    expect(typeHref(request, 'comment')).toBe('/search?q=night+staffing&type=comment&workspace=virtual-wards&region=london&region=midlands&topic=workforce');
    expect(typeHref(request, null)).toBe('/search?q=night+staffing&workspace=virtual-wards&region=london&region=midlands&topic=workforce');
  });

  it('searches everywhere with the same words and type', () => {
    expect(everywhereHref(request)).toBe('/search?q=night+staffing&type=discussion');
  });

  it('tries the suggested words with the same filters', () => {
    expect(didYouMeanHref(request, 'night shifts')).toBe('/search?q=night+shifts&type=discussion&workspace=virtual-wards&region=london&region=midlands&topic=workforce');
  });

  it('leaves out what is empty', () => {
    expect(searchHref({})).toBe('/search');
    expect(searchHref({ q: 'a', page: 1 })).toBe('/search?q=a');
  });

  it('asks for suggestions everywhere or in one workspace', () => {
    expect(suggestHref()).toBe('/search/suggest');
    expect(suggestHref('virtual-wards')).toBe('/search/suggest?workspace=virtual-wards');
  });

  it('counts pages up to the contract’s limit', () => {
    expect(searchPageCount(0, 10)).toBe(0);
    expect(searchPageCount(45, 10)).toBe(5);
    expect(searchPageCount(1_000_000, 10)).toBe(50);
  });
});
