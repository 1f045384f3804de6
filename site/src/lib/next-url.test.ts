import { describe, expect, it } from 'vitest';
import { currentPath, safeNext, withNext } from './next-url.ts';

describe('safeNext', () => {
  it('follows paths on this site, keeping query and fragment', () => {
    expect(safeNext('/account')).toBe('/account');
    expect(safeNext('/workspaces/a?page=2#top')).toBe('/workspaces/a?page=2#top');
    expect(safeNext('/invitations/abc%20def')).toBe('/invitations/abc%20def');
  });

  it('falls back for anything that could leave the site', () => {
    for (const raw of [
      null,
      undefined,
      '',
      'account',
      'https://evil.example/',
      '//evil.example/path',
      '/\\evil.example',
      '/\t/evil.example',
      '/\n/evil.example',
      'javascript:alert(1)',
    ]) {
      expect(safeNext(raw), String(raw)).toBe('/');
    }
    expect(safeNext('https://evil.example/', '/account')).toBe('/account');
    expect(safeNext(`/${'a'.repeat(3000)}`)).toBe('/');
  });

  it('keeps encoded characters encoded (they cannot change the origin)', () => {
    expect(safeNext('/%0d%0aSet-Cookie:x')).toBe('/%0d%0aSet-Cookie:x');
    expect(safeNext('/%2F%2Fevil.example')).toBe('/%2F%2Fevil.example');
  });

  it('collapses dot segments rather than escaping the site', () => {
    expect(safeNext('/../../evil')).toBe('/evil');
  });
});

describe('withNext and currentPath', () => {
  it('build a round trip', () => {
    const url = new URL('http://site.test/workspaces/a?page=2');
    expect(withNext('/sign-in', currentPath(url))).toBe('/sign-in?next=%2Fworkspaces%2Fa%3Fpage%3D2');
    expect(withNext('/account?complete=1', '/x')).toBe('/account?complete=1&next=%2Fx');
    expect(safeNext(new URL(`http://site.test${withNext('/sign-in', currentPath(url))}`).searchParams.get('next'))).toBe('/workspaces/a?page=2');
  });
});
