import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestCms, type TestCms } from './helpers/test-strapi.ts';

let cms: TestCms;
let adminToken: string;
let workspaceDocumentId: string;

beforeAll(async () => {
  cms = await startTestCms();
  const superAdmin = await cms.strapi.service('admin::role').getSuperAdmin();
  await cms.strapi.service('admin::user').create({
    email: 'editor@test.nhs.uk',
    firstname: 'Edith',
    lastname: 'Editor',
    password: 'Editor-password-1',
    isActive: true,
    registrationToken: null,
    roles: [superAdmin.id],
  });
  adminToken = (await cms.http.post('/admin/login').send({ email: 'editor@test.nhs.uk', password: 'Editor-password-1' })).body.data.token;
  workspaceDocumentId = (
    await cms.strapi.documents('api::workspace.workspace').create({
      data: { title: 'Validation workspace', slug: 'validation-workspace', summary: 'For block validation', visibility: 'open' } as never,
    })
  ).documentId;
});
afterAll(() => cms?.stop());

const createPage = (slug: string, blocks: unknown[]) =>
  cms.strapi.documents('api::page.page').create({ data: { title: slug, slug, workspace: workspaceDocumentId, blocks } as never });

describe('blocks are checked against their own schemas when saved', () => {
  it('accepts valid blocks', async () => {
    const page = await createPage('valid', [
      { __component: 'blocks.inset-text', body: 'Bring your smartcard.' },
      { __component: 'blocks.action-link', text: 'Read the guidance', href: 'https://www.england.nhs.uk/' },
    ]);
    expect(page.documentId).toEqual(expect.any(String));
  });

  it.each([
    ['required text that is only spaces', { __component: 'blocks.inset-text', body: '   ' }],
    ['a javascript: link', { __component: 'blocks.action-link', text: 'Click', href: 'javascript:alert(1)' }],
    ['an image with neither alt text nor "decorative"', { __component: 'blocks.image', image: null, altText: '' }],
    ['a block that is not in the catalogue', { __component: 'blocks.marquee', text: 'Hello' }],
  ])('refuses %s, and saves nothing', async (_, block) => {
    const slug = `refused-${Math.random().toString(36).slice(2, 8)}`;
    await expect(createPage(slug, [{ __component: 'blocks.inset-text', body: 'Fine' }, block])).rejects.toThrow(/Block 2/);
    expect(await cms.strapi.documents('api::page.page').findFirst({ filters: { slug }, status: 'draft' })).toBeNull();
  });

  it('refuses an editor in the admin with the field at fault, and the valid edit goes through', async () => {
    const model = 'api::case-study.case-study';
    const study = { title: 'Validated study', slug: 'validated-study', summary: 'Checked on save', organisation: 'NHS Test', region: 'london' };
    const refused = await cms.http
      .post(`/content-manager/collection-types/${model}`)
      .set({ authorization: `Bearer ${adminToken}` })
      .send({ ...study, body: [{ __component: 'blocks.warning-callout', heading: 'Important', body: '   ' }] });
    expect(refused.status).toBe(400);
    expect(refused.body.error.details.errors.map((error: { path: string[] }) => error.path.join('.'))).toContain('body.0.body');

    const accepted = await cms.http
      .post(`/content-manager/collection-types/${model}`)
      .set({ authorization: `Bearer ${adminToken}` })
      .send({ ...study, body: [{ __component: 'blocks.warning-callout', heading: 'Important', body: 'Stop the drip before moving the patient.' }] });
    expect(accepted.status).toBe(201);
  });
});
