import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.ts';

// The one variable without a default.
const required = { SESSION_SECRET: 's'.repeat(32) };

describe('parseConfig', () => {
  it('has working defaults for local development', () => {
    const config = parseConfig(required);
    expect(config).toMatchObject({
      CMS_URL: 'http://127.0.0.1:1337',
      CMS_PUBLIC_URL: 'http://localhost:1337',
      CMS_ADMIN_ORIGIN: 'http://localhost:1337',
      SITE_CACHE_TTL_SECONDS: 300,
      SITE_PAGE_CACHE: true,
    });
    expect(parseConfig(required, true).SITE_PAGE_CACHE).toBe(false);
    expect(config.SITE_URL).toBe('http://localhost:4321');
    expect(config.TRUST_PROXY).toBe(false);
    expect(config.REDIS_URL).toBeUndefined();
  });

  it('treats empty variables as unset and trims trailing slashes', () => {
    const config = parseConfig({ ...required, CMS_URL: '', CMS_PUBLIC_URL: 'https://cms.example.nhs.uk/', SITE_PAGE_CACHE: 'false' });
    expect(config.CMS_URL).toBe('http://127.0.0.1:1337');
    expect(config.CMS_PUBLIC_URL).toBe('https://cms.example.nhs.uk');
    expect(config.CMS_ADMIN_ORIGIN).toBe('https://cms.example.nhs.uk');
    expect(config.SITE_PAGE_CACHE).toBe(false);
  });

  it('names what is wrong', () => {
    expect(() => parseConfig({ ...required, CMS_URL: 'not a url' })).toThrow(/CMS_URL/);
    expect(() => parseConfig({ ...required, SITE_CACHE_TTL_SECONDS: '-1' })).toThrow(/SITE_CACHE_TTL_SECONDS/);
    expect(() => parseConfig({})).toThrow(/SESSION_SECRET/);
    expect(() => parseConfig({ SESSION_SECRET: 'short' })).toThrow(/SESSION_SECRET/);
  });
});
