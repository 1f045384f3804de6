import type { Core } from '@strapi/strapi';
import { blockUids } from '@futurenhs/blocks';
import { allFixtures } from '@futurenhs/blocks/fixtures.ts';
import { blockInputFromFixture } from './block-input.ts';
import { demoCaseStudies, demoTopics, demoWorkspaces } from './demo-content.ts';
import { ensureDemoImage } from './demo-images.ts';
import { demoFolderId, ensureDemoFiles, FILE_LIST_FOLDER, FILE_LIST_WORKSPACE } from './demo-files.ts';
import { ensureDemoDocuments } from './demo-documents.ts';
import { ensureDemoForum } from './demo-forum.ts';
import { ensureDemoPeople } from './demo-people.ts';

type Log = (message: string) => void;

/**
 * The catalogue's fixtures as one cycle, so consecutive pages show different blocks. The
 * `hostile*` fixtures exist to prove escaping in tests; they are no demo for members. Rich text
 * is left out because every page opens with its own (a fixture's text is about some other team),
 * and the file list because its fixtures' folders are no demo workspace's (the seed places one
 * showing a real folder: ensureWorkspacePages).
 */
export function demoFixtureCycle() {
  const { 'blocks.rich-text': _ownIntroductionInstead, 'blocks.file-list': _ownFolderInstead, ...catalogueFixtures } = allFixtures;
  return Object.values(catalogueFixtures).flatMap((named) =>
    Object.entries(named as Record<string, { __component: string }>)
      .filter(([name]) => !/^hostile/i.test(name))
      .map(([, fixture]) => fixture),
  );
}

export function introBlock(markdown: string) {
  return { __component: 'blocks.rich-text', body: markdown };
}

export function caseStudyBody(study: (typeof demoCaseStudies)[number]) {
  const blocks: Record<string, unknown>[] = [introBlock(study.body)];
  if (study.quote) {
    blocks.push({ __component: 'blocks.quote', quote: study.quote.text, name: study.quote.name, role: study.quote.role });
  }
  return blocks;
}

export async function ensureTopics(strapi: Core.Strapi): Promise<Map<string, string>> {
  const ids = new Map<string, string>();
  for (const topic of demoTopics) {
    const existing = await strapi.documents('api::topic.topic').findFirst({ filters: { slug: topic.slug }, fields: ['slug'] });
    const document = existing ?? (await strapi.documents('api::topic.topic').create({ data: topic }));
    ids.set(topic.slug, document.documentId);
  }
  return ids;
}

async function ensureCaseStudies(strapi: Core.Strapi, topics: Map<string, string>, log: Log): Promise<string[]> {
  const published: string[] = [];
  for (const [index, study] of demoCaseStudies.entries()) {
    const existing = await strapi.documents('api::case-study.case-study').findFirst({ filters: { slug: study.slug }, status: 'draft', fields: ['slug'] });
    if (existing) {
      if (!study.draftOnly) published.push(existing.documentId);
      continue;
    }
    const image = await ensureDemoImage(strapi, `case-study-${study.slug}`, index + 3, '');
    const document = await strapi.documents('api::case-study.case-study').create({
      data: {
        title: study.title,
        slug: study.slug,
        summary: study.summary,
        organisation: study.organisation,
        region: study.region,
        topics: study.topics.map((slug) => topics.get(slug)!),
        outcomes: study.outcomes,
        heroImage: image.id,
        body: caseStudyBody(study),
      } as never,
      ...(study.draftOnly ? {} : { status: 'published' as const }),
    });
    if (!study.draftOnly) published.push(document.documentId);
    log(`case study ${study.slug}${study.draftOnly ? ' (draft)' : ''}`);
  }
  return published;
}

interface DemoWorkspaceDocument {
  documentId: string;
  imageId: number;
}

/** The workspaces themselves: people join them, and files go in them, before their pages are made. */
async function ensureWorkspaceDocuments(strapi: Core.Strapi, log: Log): Promise<Map<string, DemoWorkspaceDocument>> {
  const documents = new Map<string, DemoWorkspaceDocument>();
  for (const [index, workspace] of demoWorkspaces.entries()) {
    const image = await ensureDemoImage(strapi, `workspace-${workspace.slug}`, index, '');
    let document = await strapi.documents('api::workspace.workspace').findFirst({ filters: { slug: workspace.slug }, fields: ['slug'] });
    if (!document) {
      document = await strapi.documents('api::workspace.workspace').create({
        data: { title: workspace.title, slug: workspace.slug, summary: workspace.summary, visibility: workspace.visibility, image: image.id } as never,
      });
      log(`workspace ${workspace.slug} (${workspace.visibility})`);
    }
    documents.set(workspace.slug, { documentId: document.documentId, imageId: image.id });
  }
  return documents;
}

async function ensureWorkspacePages(strapi: Core.Strapi, documents: Map<string, DemoWorkspaceDocument>, caseStudyIds: string[]): Promise<Set<string>> {
  const usedUids = new Set<string>();
  const fixtures = demoFixtureCycle();
  // The busiest workspace's home page shows a folder of its files (seeded before the pages).
  const fileListFolder = await demoFolderId(strapi, FILE_LIST_WORKSPACE, FILE_LIST_FOLDER);
  let cursor = 0;
  for (const workspace of demoWorkspaces) {
    const document = documents.get(workspace.slug)!;
    for (const [position, page] of workspace.pages.entries()) {
      // Three catalogue blocks a page after its introduction: over the demo, every block appears.
      const blocks: Record<string, unknown>[] = [introBlock(page.intro)];
      // The busiest workspace's home page shows its forum and its guidance; the live blocks' own fixtures follow.
      if (workspace.slug === FILE_LIST_WORKSPACE && position === 0) {
        blocks.push({ __component: 'blocks.latest-discussions', heading: 'Latest discussions', headingLevel: 'h2', count: 5 });
        blocks.push({ __component: 'blocks.file-list', heading: FILE_LIST_FOLDER, headingLevel: 'h2', folder: fileListFolder, count: 5, sort: 'name' });
      }
      for (let taken = 0; taken < 3; cursor++) {
        const fixture = fixtures[cursor % fixtures.length];
        // One of each kind of block on a page: a block's several fixtures would otherwise sit together.
        if (blocks.some((block) => block.__component === (fixture as { __component: string }).__component)) continue;
        const input = blockInputFromFixture(fixture as never, { imageId: document.imageId, caseStudyDocumentId: caseStudyIds[cursor % caseStudyIds.length] });
        if (!input) continue;
        blocks.push(input);
        taken++;
      }
      blocks.forEach((block) => usedUids.add(block.__component as string));

      const existing = await strapi.documents('api::page.page').findFirst({
        filters: { slug: page.slug, workspace: { documentId: document.documentId } },
        status: 'draft',
        fields: ['slug'],
      });
      if (existing) continue;
      await strapi.documents('api::page.page').create({
        data: { title: page.title, slug: page.slug, position, isHome: position === 0, workspace: document.documentId, blocks } as never,
        ...(page.draftOnly ? {} : { status: 'published' as const }),
      });
    }
  }
  return usedUids;
}

export async function ensureAdminUser(strapi: Core.Strapi, log: Log): Promise<void> {
  const email = process.env.ADMIN_EMAIL;
  const password = process.env.ADMIN_PASSWORD;
  if (!email || !password) {
    log('ADMIN_EMAIL and ADMIN_PASSWORD are not set: no admin user created');
    return;
  }
  if (await strapi.db.query('admin::user').findOne({ where: { email: email.toLowerCase() } })) return;
  const superAdmin = await strapi.service('admin::role').getSuperAdmin();
  await strapi.service('admin::user').create({
    email: email.toLowerCase(),
    firstname: 'Platform',
    lastname: 'Administrator',
    password,
    isActive: true,
    registrationToken: null,
    roles: [superAdmin.id],
  });
  log(`admin user ${email}`);
}

/** Loads the demo; safe to run again: what exists (by slug) is kept as it is, edits included. */
export async function seedDemo(strapi: Core.Strapi, log: Log = () => undefined): Promise<void> {
  const topics = await ensureTopics(strapi);
  const caseStudyIds = await ensureCaseStudies(strapi, topics, log);
  const workspaces = await ensureWorkspaceDocuments(strapi, log);
  await ensureDemoPeople(strapi, log);
  await ensureDemoFiles(strapi, log);
  await ensureDemoDocuments(strapi, log);
  const usedUids = await ensureWorkspacePages(strapi, workspaces, caseStudyIds);
  const missing = blockUids.filter((uid) => !usedUids.has(uid));
  if (missing.length && usedUids.size) log(`note: blocks not used by newly created demo pages: ${missing.join(', ')}`);
  await ensureDemoForum(strapi, log);
  await ensureAdminUser(strapi, log);
  await strapi.db.connection.raw('ANALYZE');
}
