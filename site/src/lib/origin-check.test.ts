import { describe, expect, it } from 'vitest';
import { isForbiddenCrossOrigin } from './origin-check.ts';

const site = 'http://site.test';
const post = (path: string, headers: Record<string, string>) => {
  const request = new Request(`${site}${path}`, { method: 'POST', headers });
  return isForbiddenCrossOrigin(request, new URL(request.url));
};

describe('isForbiddenCrossOrigin', () => {
  it('lets safe methods through', () => {
    expect(isForbiddenCrossOrigin(new Request(`${site}/search?q=x`), new URL(`${site}/search?q=x`))).toBe(false);
  });

  it('refuses form posts from another origin, or without an origin', () => {
    expect(post('/workspaces/x/join', { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.test' })).toBe(true);
    expect(post('/workspaces/x/join', { 'content-type': 'multipart/form-data; boundary=x' })).toBe(true);
    expect(post('/workspaces/x/join', {})).toBe(true);
  });

  it('accepts form posts from the site itself', () => {
    expect(post('/workspaces/x/join', { 'content-type': 'application/x-www-form-urlencoded', origin: site })).toBe(false);
  });

  it('exempts the bearer-authenticated revalidation endpoint, with or without a content type', () => {
    expect(post('/_internal/revalidate', {})).toBe(false);
    expect(post('/_internal/revalidate', { 'content-type': 'text/plain', origin: 'http://cms.test' })).toBe(false);
  });
});
