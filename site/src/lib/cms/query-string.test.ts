import { blocksPopulate } from '@futurenhs/blocks';
import { describe, expect, it } from 'vitest';
import { toQueryString } from './query-string.ts';

describe('toQueryString', () => {
  it('writes nested objects and arrays in the qs bracket style', () => {
    expect(
      toQueryString({
        fields: ['title', 'slug'],
        filters: { slug: { $eq: 'digital-primary-care' } },
        populate: { image: { fields: ['url', 'alternativeText'] } },
        pagination: { page: 2, pageSize: 12 },
      }),
    ).toBe(
      'fields[0]=title&fields[1]=slug&filters[slug][$eq]=digital-primary-care' +
        '&populate[image][fields][0]=url&populate[image][fields][1]=alternativeText' +
        '&pagination[page]=2&pagination[pageSize]=12',
    );
  });

  it('percent-encodes values so user input cannot add parameters', () => {
    expect(toQueryString({ filters: { title: { $containsi: 'a&b=c [x] é' } } })).toBe(
      'filters[title][$containsi]=a%26b%3Dc%20%5Bx%5D%20%C3%A9',
    );
  });

  it('keeps $, : and , readable', () => {
    expect(toQueryString({ sort: ['title:asc'], filters: { region: { $in: ['a,b'] } } })).toBe('sort[0]=title:asc&filters[region][$in][0]=a,b');
  });

  it('leaves out undefined and null, and writes booleans and numbers as text', () => {
    expect(toQueryString({ a: undefined, b: null, c: true, d: 0, e: { f: undefined } })).toBe('c=true&d=0');
  });

  it('writes $or filters as indexed lists', () => {
    expect(toQueryString({ filters: { $or: [{ title: { $containsi: 'x' } }, { summary: { $containsi: 'x' } }] } })).toBe(
      'filters[$or][0][title][$containsi]=x&filters[$or][1][summary][$containsi]=x',
    );
  });

  it('serializes the block catalogue populate for a dynamic zone', () => {
    const query = toQueryString({ populate: { blocks: blocksPopulate() } });
    expect(query).toContain('populate[blocks][on][blocks.inset-text]');
    expect(query.split('&').every((pair) => pair.startsWith('populate[blocks][on][blocks.'))).toBe(true);
  });
});
