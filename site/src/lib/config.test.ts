import { describe, expect, it } from 'vitest';
import { parseConfig } from './config.ts';

describe('parseConfig', () => {
  it('has working defaults for local development', () => {
    const config = parseConfig({});
    expect(config).toMatchObject({
      CMS_URL: 'http://127.0.0.1:1337',
      CMS_PUBLIC_URL: 'http://localhost:1337',
      CMS_ADMIN_ORIGIN: 'http://localhost:1337',
      SITE_CACHE_TTL_SECONDS: 300,
      SITE_PAGE_CACHE: true,
    });
    expect(parseConfig({}, true).SITE_PAGE_CACHE).toBe(false);
  });

  it('treats empty variables as unset and trims trailing slashes', () => {
    const config = parseConfig({ CMS_URL: '', CMS_PUBLIC_URL: 'https://cms.example.nhs.uk/', SITE_PAGE_CACHE: 'false' });
    expect(config.CMS_URL).toBe('http://127.0.0.1:1337');
    expect(config.CMS_PUBLIC_URL).toBe('https://cms.example.nhs.uk');
    expect(config.CMS_ADMIN_ORIGIN).toBe('https://cms.example.nhs.uk');
    expect(config.SITE_PAGE_CACHE).toBe(false);
  });

  it('names what is wrong', () => {
    expect(() => parseConfig({ CMS_URL: 'not a url' })).toThrow(/CMS_URL/);
    expect(() => parseConfig({ SITE_CACHE_TTL_SECONDS: '-1' })).toThrow(/SITE_CACHE_TTL_SECONDS/);
  });
});
