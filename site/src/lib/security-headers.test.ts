import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy, securityHeaders, servedOverHttps, STRICT_TRANSPORT_SECURITY } from './security-headers.ts';

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

describe('servedOverHttps (when HSTS is sent)', () => {
  const request = (url: string, forwardedProto?: string) =>
    new Request(url, { headers: forwardedProto === undefined ? {} : { 'x-forwarded-proto': forwardedProto } });

  it('asks browsers to keep to HTTPS for a year, subdomains included', () => {
    expect(STRICT_TRANSPORT_SECURITY).toBe('max-age=31536000; includeSubDomains');
  });

  it('is true over TLS to the site itself, whatever TRUST_PROXY says', () => {
    expect(servedOverHttps(request('https://futurenhs.example/'), false)).toBe(true);
    expect(servedOverHttps(request('https://futurenhs.example/', 'http'), true)).toBe(true);
  });

  it('is false over plain http', () => {
    expect(servedOverHttps(request('http://futurenhs.example/'), false)).toBe(false);
    expect(servedOverHttps(request('http://futurenhs.example/'), true)).toBe(false);
  });

  it("ignores X-Forwarded-Proto unless the proxy is trusted: anyone can send it", () => {
    expect(servedOverHttps(request('http://futurenhs.example/', 'https'), false)).toBe(false);
  });

  it("believes the trusted proxy's X-Forwarded-Proto: the last entry, the one it added", () => {
    expect(servedOverHttps(request('http://futurenhs.example/', 'https'), true)).toBe(true);
    expect(servedOverHttps(request('http://futurenhs.example/', 'HTTPS'), true)).toBe(true);
    expect(servedOverHttps(request('http://futurenhs.example/', 'http'), true)).toBe(false);
    expect(servedOverHttps(request('http://futurenhs.example/', 'https, http'), true)).toBe(false);
    expect(servedOverHttps(request('http://futurenhs.example/', 'http, https'), true)).toBe(true);
    expect(servedOverHttps(request('http://futurenhs.example/', ''), true)).toBe(false);
  });
});
