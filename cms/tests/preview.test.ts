import { createHmac } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { previewUrlFor, signPreviewToken } from '../src/preview/preview-url.ts';
import { startTestCms, type TestCms } from './helpers/test-strapi.ts';

let cms: TestCms;
beforeAll(async () => {
  cms = await startTestCms({ SITE_URL: 'https://site.example' });
});
afterAll(() => cms?.stop());

describe('preview links from the admin', () => {
  it('sign the document and an expiry an hour ahead with PREVIEW_SECRET', () => {
    const now = Date.UTC(2026, 10, 24, 12);
    const [documentId, expires, signature] = signPreviewToken('abc123', 'secret', now).split('.');
    expect(documentId).toBe('abc123');
    expect(Number(expires)).toBe(now / 1000 + 3600);
    expect(signature).toBe(createHmac('sha256', 'secret').update(`abc123.${expires}`).digest('hex'));
  });

  it('open a draft case study at its site address with a token', async () => {
    const study = await cms.strapi.documents('api::case-study.case-study').create({
      data: { title: 'Preview me', slug: 'preview-me', summary: 'Draft', organisation: 'NHS Test', region: 'london' } as never,
    });
    const url = new URL((await previewUrlFor('api::case-study.case-study', study.documentId, 'draft'))!);
    expect(`${url.origin}${url.pathname}`).toBe('https://site.example/case-studies/preview-me');
    expect(url.searchParams.get('preview')).toMatch(new RegExp(`^${study.documentId}\\.\\d+\\.[0-9a-f]{64}$`));
  });

  it('open a workspace page at its workspace address, and the published version without a token', async () => {
    const workspace = await cms.strapi.documents('api::workspace.workspace').create({
      data: { title: 'Preview workspace', slug: 'preview-workspace', summary: 'For previews', visibility: 'open' } as never,
    });
    const home = await cms.strapi.documents('api::page.page').create({
      data: { title: 'Home', slug: 'home', isHome: true, workspace: workspace.documentId } as never,
    });
    const other = await cms.strapi.documents('api::page.page').create({
      data: { title: 'Guidance', slug: 'guidance', workspace: workspace.documentId } as never,
    });
    expect(await previewUrlFor('api::page.page', home.documentId, 'published')).toBe('https://site.example/workspaces/preview-workspace');
    expect(await previewUrlFor('api::page.page', other.documentId, 'published')).toBe(
      'https://site.example/workspaces/preview-workspace/pages/guidance',
    );
  });

  it('give no link for types the site does not show', async () => {
    expect(await previewUrlFor('api::topic.topic', 'whatever', 'draft')).toBeNull();
  });
});
