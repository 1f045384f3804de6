import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { blocksPopulate } from '@futurenhs/blocks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SITE_TOKEN_PERMISSIONS } from '../src/bootstrap/site-api-token.ts';
import { startTestCms, type TestCms } from './helpers/test-strapi.ts';
import { strapiQuery } from './helpers/query-string.ts';

/** Records the site's revalidation calls, standing in for the site process. */
const revalidations: { authorization?: string; body: string }[] = [];
const fakeSite = createServer((request: IncomingMessage, response) => {
  let body = '';
  request.on('data', (chunk) => (body += chunk));
  request.on('end', () => {
    if (request.url === '/_internal/revalidate') revalidations.push({ authorization: request.headers.authorization, body });
    response.writeHead(204).end();
  });
});

let cms: TestCms;
const bearer = () => ({ authorization: `Bearer ${cms.siteToken}` });

async function createWorkspace(slug: string, visibility = 'open') {
  return cms.strapi.documents('api::workspace.workspace').create({
    data: { title: `Workspace ${slug}`, slug, summary: 'A workspace for tests', visibility } as never,
  });
}

beforeAll(async () => {
  await new Promise<void>((resolve) => fakeSite.listen(0, '127.0.0.1', resolve));
  const { port } = fakeSite.address() as AddressInfo;
  cms = await startTestCms({ SITE_INTERNAL_URLS: `http://127.0.0.1:${port}`, REVALIDATE_SECRET: 'test-revalidate-secret' });
});

afterAll(async () => {
  await cms?.stop();
  fakeSite.close();
});

describe('the content API is no side door', () => {
  const contentRoutes = ['/api/workspaces', '/api/pages', '/api/case-studies', '/api/topics'];

  it.each(contentRoutes)('refuses anonymous reads of %s', async (route) => {
    const response = await cms.http.get(route);
    expect(response.status).toBe(403);
  });

  it.each(contentRoutes)('lets the site token read %s', async (route) => {
    const response = await cms.http.get(route).set(bearer());
    expect(response.status).toBe(200);
    expect(response.body.data).toEqual(expect.any(Array));
  });

  it('refuses writes with the site token', async () => {
    const response = await cms.http
      .post('/api/workspaces')
      .set(bearer())
      .send({ data: { title: 'Sneaky', slug: 'sneaky', summary: 'no', visibility: 'open' } });
    expect(response.status).toBe(403);
    expect(await cms.strapi.documents('api::workspace.workspace').findFirst({ filters: { slug: 'sneaky' } })).toBeNull();
  });

  it('refuses the site token anything beyond the content the site renders', async () => {
    expect((await cms.http.get('/api/users').set(bearer())).status).toBe(403);
    expect((await cms.http.get('/api/upload/files').set(bearer())).status).toBe(403);
  });

  it('refuses a wrong token', async () => {
    expect((await cms.http.get('/api/workspaces').set({ authorization: 'Bearer not-the-site-token' })).status).toBe(401);
  });

  it('keeps the site token to read-only permissions across restarts', async () => {
    const token = await cms.strapi.db
      .query('admin::api-token')
      .findOne({ where: { name: 'futurenhs-site' }, populate: ['permissions'] });
    expect(token.permissions.map((permission: { action: string }) => permission.action).sort()).toEqual([...SITE_TOKEN_PERMISSIONS].sort());
  });
});

describe('drafts', () => {
  it('are never served unless asked for by status, and published content is', async () => {
    const draft = await cms.strapi.documents('api::case-study.case-study').create({
      data: { title: 'Unpublished study', slug: 'unpublished-study', summary: 'Not yet', organisation: 'NHS Test', region: 'london' } as never,
    });
    const list = await cms.http.get('/api/case-studies').set(bearer());
    expect(list.body.data.map((study: { slug: string }) => study.slug)).not.toContain('unpublished-study');
    expect((await cms.http.get(`/api/case-studies/${draft.documentId}`).set(bearer())).status).toBe(404);

    await cms.strapi.documents('api::case-study.case-study').publish({ documentId: draft.documentId });
    const after = await cms.http.get('/api/case-studies').set(bearer());
    expect(after.body.data.map((study: { slug: string }) => study.slug)).toContain('unpublished-study');
  });
});

describe('workspace pages', () => {
  it('have slugs unique within their workspace, not across the platform', async () => {
    const first = await createWorkspace('slug-rules-one');
    const second = await createWorkspace('slug-rules-two');
    const pages = cms.strapi.documents('api::page.page');
    await pages.create({ data: { title: 'About', slug: 'about', workspace: first.documentId } as never });
    await expect(pages.create({ data: { title: 'About again', slug: 'about', workspace: first.documentId } as never })).rejects.toThrow(
      /already has a page/,
    );
    const elsewhere = await pages.create({ data: { title: 'About', slug: 'about', workspace: second.documentId } as never });
    expect(elsewhere.slug).toBe('about');
  });

  it('must belong to a workspace', async () => {
    await expect(cms.strapi.documents('api::page.page').create({ data: { title: 'Orphan', slug: 'orphan' } as never })).rejects.toThrow(
      /must belong to a workspace/,
    );
  });

  it('have one home page per workspace: choosing another moves the role', async () => {
    const workspace = await createWorkspace('home-rules');
    const pages = cms.strapi.documents('api::page.page');
    const first = await pages.create({ data: { title: 'Home', slug: 'home', isHome: true, workspace: workspace.documentId } as never, status: 'published' });
    const second = await pages.create({ data: { title: 'New home', slug: 'new-home', isHome: true, workspace: workspace.documentId } as never, status: 'published' });
    const homes = await pages.findMany({ filters: { workspace: { documentId: workspace.documentId }, isHome: true }, fields: ['slug'] });
    expect(homes.map((page) => page.documentId)).toEqual([second.documentId]);
    expect((await pages.findOne({ documentId: first.documentId, fields: ['isHome'] }))?.isHome).toBe(false);
  });

  it('return their blocks through the populate the blocks catalogue describes', async () => {
    const workspace = await createWorkspace('blocks-populate');
    await cms.strapi.documents('api::page.page').create({
      data: {
        title: 'With blocks',
        slug: 'with-blocks',
        workspace: workspace.documentId,
        blocks: [{ __component: 'blocks.inset-text', visuallyHiddenPrefix: 'Important:', body: 'Bring your **smartcard**.' }],
      } as never,
      status: 'published',
    });
    const query = strapiQuery({
      filters: { slug: { $eq: 'with-blocks' }, workspace: { slug: { $eq: 'blocks-populate' } } },
      fields: ['title', 'slug'],
      populate: { blocks: blocksPopulate() },
    });
    const response = await cms.http.get(`/api/pages?${query}`).set(bearer());
    expect(response.status).toBe(200);
    expect(response.body.data[0].blocks).toEqual([
      expect.objectContaining({ __component: 'blocks.inset-text', visuallyHiddenPrefix: 'Important:', body: 'Bring your **smartcard**.' }),
    ]);
  });
});

describe('site cache revalidation', () => {
  it('tells the site before a publish returns, with the shared secret', async () => {
    revalidations.length = 0;
    const study = await cms.strapi.documents('api::case-study.case-study').create({
      data: { title: 'Revalidated', slug: 'revalidated', summary: 'Cache test', organisation: 'NHS Test', region: 'midlands' } as never,
    });
    await cms.strapi.documents('api::case-study.case-study').publish({ documentId: study.documentId });
    expect(revalidations.map((call) => JSON.parse(call.body).reason)).toEqual(['publish api::case-study.case-study']);
    expect(revalidations.every((call) => call.authorization === 'Bearer test-revalidate-secret')).toBe(true);
  });

  it('is not called for a draft-only write, which no cached page shows, but is for a write to the published version', async () => {
    const study = await cms.strapi.documents('api::case-study.case-study').create({
      data: { title: 'Draft only', slug: 'draft-only', summary: 'Cache test', organisation: 'NHS Test', region: 'midlands' } as never,
    });
    await cms.strapi.documents('api::case-study.case-study').publish({ documentId: study.documentId });
    revalidations.length = 0;
    await cms.strapi.documents('api::case-study.case-study').update({ documentId: study.documentId, data: { summary: 'Edited draft' } as never });
    expect(revalidations).toEqual([]);
    await cms.strapi.documents('api::case-study.case-study').update({ documentId: study.documentId, status: 'published', data: { summary: 'Edited live' } as never } as never);
    await cms.strapi.documents('api::case-study.case-study').delete({ documentId: study.documentId });
    expect(revalidations.map((call) => JSON.parse(call.body).reason)).toEqual([
      'update api::case-study.case-study',
      'delete api::case-study.case-study',
    ]);
  });

  it('is called again after the commit when the write is part of a larger transaction, and not on rollback', async () => {
    revalidations.length = 0;
    let calledBeforeCommit = -1;
    await cms.strapi.db.transaction(async () => {
      await cms.strapi.documents('api::topic.topic').create({ data: { name: 'Committed topic', slug: 'committed-topic' } as never });
      calledBeforeCommit = revalidations.length;
    });
    expect(calledBeforeCommit).toBe(1);
    await expect.poll(() => revalidations.map((call) => JSON.parse(call.body).reason)).toEqual([
      'create api::topic.topic',
      'create api::topic.topic (committed)',
    ]);

    revalidations.length = 0;
    await cms.strapi.db
      .transaction(async () => {
        await cms.strapi.documents('api::topic.topic').create({ data: { name: 'Rolled back', slug: 'rolled-back' } as never });
        throw new Error('changed my mind');
      })
      .catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(revalidations.map((call) => JSON.parse(call.body).reason)).toEqual(['create api::topic.topic']);
  });

  it('is not called for reads', async () => {
    revalidations.length = 0;
    await cms.http.get('/api/case-studies').set(bearer());
    await cms.strapi.documents('api::case-study.case-study').findMany({});
    expect(revalidations).toEqual([]);
  });
});

describe('the admin shell', () => {
  it('serves its favicon (Strapi answers 500 on every admin page without one)', async () => {
    const response = await cms.http.get('/favicon.ico');
    expect(response.status).toBe(200);
    expect(response.headers['content-type']).toMatch(/image/);
  });
});

describe('database', () => {
  it('has indexes on the slugs the site looks up', async () => {
    const client = cms.strapi.db.dialect.client;
    const rows =
      client === 'sqlite'
        ? await cms.strapi.db.connection.raw(`SELECT name FROM sqlite_master WHERE type = 'index'`)
        : (await cms.strapi.db.connection.raw(`SELECT indexname AS name FROM pg_indexes`)).rows;
    const names = rows.map((row: { name: string }) => row.name);
    expect(names).toEqual(expect.arrayContaining(['workspaces_slug_idx', 'pages_slug_status_idx', 'case_studies_slug_idx']));
  });
});
