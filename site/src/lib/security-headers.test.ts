import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders } from './security-headers.ts';

function directives(csp: string): Map<string, string[]> {
  return new Map(csp.split('; ').map((part) => {
    const [name, ...sources] = part.split(' ');
    return [name, sources];
  }));
}

describe('contentSecurityPolicy', () => {
  const csp = directives(contentSecurityPolicy({ cmsPublicOrigin: 'http://localhost:1337', cmsAdminOrigin: 'https://cms.example.nhs.uk' }));

  it('allows scripts and styles from the site only: nothing inline', () => {
    expect(csp.get('default-src')).toEqual(["'self'"]);
    expect(csp.get('script-src')).toEqual(["'self'"]);
    expect(csp.get('style-src')).toEqual(["'self'"]);
  });

  it('allows images from the CMS and data: URIs', () => {
    expect(csp.get('img-src')).toEqual(["'self'", 'http://localhost:1337', 'data:']);
  });

  it('allows only privacy-enhanced video frames', () => {
    expect(csp.get('frame-src')).toEqual(['https://www.youtube-nocookie.com', 'https://player.vimeo.com']);
  });

  it('may be framed by the site itself and the CMS admin only', () => {
    expect(csp.get('frame-ancestors')).toEqual(["'self'", 'https://cms.example.nhs.uk']);
  });

  it('relaxes styles only for the dev server', () => {
    const dev = directives(contentSecurityPolicy({ cmsPublicOrigin: 'http://localhost:1337', cmsAdminOrigin: 'http://localhost:1337', dev: true }));
    expect(dev.get('style-src')).toContain("'unsafe-inline'");
    expect(dev.get('script-src')).toEqual(["'self'"]);
  });
});

describe('securityHeaders', () => {
  it('includes nosniff and a referrer policy', () => {
    const headers = new Map(securityHeaders({ cmsPublicOrigin: 'http://localhost:1337', cmsAdminOrigin: 'http://localhost:1337' }));
    expect(headers.get('x-content-type-options')).toBe('nosniff');
    expect(headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
  });
});
