import { VISIBILITIES, type Visibility } from '@futurenhs/contract';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { encodeSession, SESSION_COOKIE } from '../../src/lib/session/cookie.ts';
import { createHomeWithLatestDiscussions, forumOk, startDiscussion } from './forum-helpers.ts';
import { Cms, SiteClient, type Actor } from './membership-helpers.ts';
import { builderApi, pngFile } from './page-builder-helpers.ts';
import { createDocument, nameVersion } from './documents-helpers.ts';
import { filesOk, pngFile as filePng, textFile, uploadFiles } from './files-helpers.ts';

/** A private page builder image of the workspace, uploaded by its manager; its file name. */
async function uploadBuilderImage(cmsUrl: string, jwt: string, slug: string): Promise<string> {
  const form = new FormData();
  form.set('file', pngFile('matrix.png'));
  const response = await fetch(`${cmsUrl}/api/page-builder/workspaces/${slug}/images`, { method: 'POST', headers: { authorization: `Bearer ${jwt}` }, body: form });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`Uploading an image to ${slug}: HTTP ${response.status} ${text}`);
  return (JSON.parse(text) as { data: { url: string } }).data.url.split('/').pop()!;
}

/**
 * Who may reach which workspace route, through real HTTP against the stack: every actor × a
 * workspace of each visibility × every route under src/pages/workspaces/[slug] (read from the
 * file system, so a new page without a rule here fails). Content that an actor may not read must
 * never appear in what they get, and a hidden workspace must look exactly like a missing one.
 */
const siteUrl = inject('siteUrl');
const cmsUrl = inject('cmsUrl');
const env = inject('stackEnv');

const pagesDir = fileURLToPath(new URL('../../src/pages/workspaces/', import.meta.url));

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

/** `[slug]/manage/audit.csv.ts` → `/manage/audit.csv`; `[slug]/index.astro` → ``. */
function routeOf(file: string): string {
  const path = relative(pagesDir, file).split('\\').join('/').replace(/\.(astro|ts)$/, '');
  return `/${path}`.replace(/\/index$/, '').replace(/^\/\[slug\]/, '');
}

const workspaceFiles = files(pagesDir).filter((file) => relative(pagesDir, file).startsWith('[slug]') && !file.endsWith('.test.ts'));

/**
 * forum: read by those who may view the workspace (the listing and a way in, 403, for the rest);
 * forum-post: starting a discussion, for those who may post (members and managers).
 * files: read like the forum; files-add: upload and new folder, for those who may post;
 * files-change: a folder's or file's own forms, for its creator (the member) and managers;
 * files-bytes: downloads and previews (signed-out visitors are sent to sign in);
 * files-bin: the recycle bin, managers only; files-forbidden: the files pages' own 403.
 * document-json: the document editor's JSON (signed out is 401, not a redirect; not found is JSON);
 * post-only: only ever posted to (the editor's ticket), a GET is 405 for anyone.
 */
type Kind =
  | 'home'
  | 'page'
  | 'members'
  | 'manager'
  | 'manager-fragment'
  | 'forum'
  | 'forum-post'
  | 'image'
  | 'files'
  | 'files-add'
  | 'files-change'
  | 'files-bytes'
  | 'files-bin'
  | 'files-forbidden'
  | 'document-json'
  | 'post-only';
/** Every route under [slug], by kind of rule. Add a page: add it here. */
const RULES: Record<string, Kind> = {
  '': 'home',
  '/pages/[page]': 'page',
  '/members': 'members',
  '/manage/members': 'manager',
  '/manage/settings': 'manager',
  '/manage/audit': 'manager',
  '/manage/audit.csv': 'manager',
  '/manage/moderation': 'manager',
  '/discussions': 'forum',
  '/discussions/new': 'forum-post',
  '/discussions/[id]': 'forum',
  '/manage/pages': 'manager',
  '/manage/pages/[documentId]': 'manager',
  '/manage/pages/[documentId]/add': 'manager',
  '/manage/pages/[documentId]/blocks/new': 'manager',
  '/manage/pages/[documentId]/blocks/[index]': 'manager',
  '/manage/pages/[documentId]/blocks/preview': 'manager-fragment',
  '/manage/pages/[documentId]/preview': 'manager',
  '/manage/pages/[documentId]/history': 'manager',
  '/manage/pages/[documentId]/delete': 'manager',
  '/images/[file]': 'image',
  '/files': 'files',
  '/files/[folder]': 'files',
  '/files/[folder]/upload': 'files-add',
  '/files/[folder]/new-folder': 'files-add',
  '/files/[folder]/edit': 'files-change',
  '/files/[folder]/move': 'files-change',
  '/files/[folder]/delete': 'files-change',
  '/files/items/[id]': 'files',
  '/files/items/[id]/edit': 'files-change',
  '/files/items/[id]/move': 'files-change',
  '/files/items/[id]/delete': 'files-change',
  '/files/items/[id]/new-version': 'files-change',
  '/files/items/[id]/download': 'files-bytes',
  '/files/items/[id]/preview': 'files-bytes',
  '/files/bin': 'files-bin',
  '/files/bin/delete': 'files-bin',
  '/files/bin/empty': 'files-bin',
  '/files/forbidden': 'files-forbidden',
  '/files/new-document': 'files-add',
  '/files/items/[id]/versions': 'files',
  '/files/items/[id]/versions/[version]': 'files',
  '/files/items/[id]/export.docx': 'files-bytes',
  '/files/items/[id]/export.pdf': 'files-bytes',
  '/files/items/[id]/comments': 'document-json',
  '/files/items/[id]/images': 'document-json',
  '/files/items/[id]/ticket': 'post-only',
};

/** The routes of a document written together: visited with the workspace's document rather than its file. */
const DOCUMENT_ROUTES = new Set(['/files/items/[id]/versions', '/files/items/[id]/versions/[version]', '/files/items/[id]/export.docx', '/files/items/[id]/export.pdf', '/files/items/[id]/comments', '/files/items/[id]/images', '/files/items/[id]/ticket']);

/** The query a route needs to be more than a 404 for those who may use it. */
const QUERIES: Record<string, string> = {
  '/manage/pages/[documentId]/blocks/new': '?type=blocks.inset-text',
  '/manage/pages/[documentId]/blocks/preview': '?type=blocks.inset-text',
};
/** Queries that name something of the workspace's own, per visibility. */
const queryOf = (template: string, visibility: Visibility) =>
  template === '/files/bin/delete' ? `?kind=item&id=${binnedIds[visibility]}` : (QUERIES[template] ?? '');

/**
 * platformAdmin: a Strapi admin's own token, put where a member's session would be. Platform
 * admins' powers are in the admin panel (the CMS matrix tests them); on the site such a token is
 * nobody's session, so they are treated as anonymous.
 */
const ACTORS = ['anonymous', 'outsider', 'pending', 'invited', 'member', 'manager', 'otherManager', 'platformAdmin'] as const;
type Person = Exclude<ActorName, 'anonymous' | 'platformAdmin'>;
const PEOPLE = ACTORS.filter((actor): actor is Person => actor !== 'anonymous' && actor !== 'platformAdmin');
/** Those the site should treat as nobody in particular. */
const asAnonymous = (actor: ActorName) => actor === 'anonymous' || actor === 'platformAdmin';
type ActorName = (typeof ACTORS)[number];

const run = Date.now().toString(36);
const slugs: Record<Visibility, string> = { open: `mx-open-${run}`, restricted: `mx-restricted-${run}`, hidden: `mx-hidden-${run}` };
const secrets = (visibility: Visibility) => ({
  home: `Home secret of the ${visibility} workspace ${run}`,
  page: `Page secret of the ${visibility} workspace ${run}`,
  pageTitle: `Notes of the ${visibility} team ${run}`,
  discussionTitle: `Discussion secret of the ${visibility} workspace ${run}`,
  discussionBody: `Opening post secret of the ${visibility} workspace ${run}`,
  comment: `Comment secret of the ${visibility} workspace ${run}`,
});
/** Each workspace's discussion has this many comments: its count must not reach non-readers either. */
const COMMENT_COUNT = /\b2 comments\b/;

/** What the CMS says each standing may do (docs/design.md#workspaces-and-access), written out for the test's own checks. */
function standingOf(actor: ActorName): 'none' | 'pending' | 'invited' | 'member' | 'manager' {
  return actor === 'pending' || actor === 'invited' || actor === 'member' || actor === 'manager' ? actor : 'none';
}
const canFind = (actor: ActorName, visibility: Visibility) => visibility !== 'hidden' || standingOf(actor) !== 'none';
const canView = (actor: ActorName, visibility: Visibility) =>
  !asAnonymous(actor) && (standingOf(actor) === 'member' || standingOf(actor) === 'manager' || visibility === 'open');
const canPost = (actor: ActorName) => standingOf(actor) === 'member' || standingOf(actor) === 'manager';

function expectedStatus(kind: Kind, actor: ActorName, visibility: Visibility): number {
  // Shown (by rewrite) in place of a refused files action: it names no workspace, so it answers alike for any.
  if (kind === 'files-forbidden') return 403;
  if (kind === 'post-only') return 405;
  if (!canFind(actor, visibility)) return 404;
  switch (kind) {
    case 'home':
    case 'members':
      return 200;
    case 'page':
      return canView(actor, visibility) ? 200 : 403;
    case 'manager':
      if (asAnonymous(actor)) return 303;
      return actor === 'manager' ? 200 : 403;
    case 'manager-fragment':
      // Only posted to (by the block forms' script): a manager's GET is refused as a GET.
      if (asAnonymous(actor)) return 303;
      return actor === 'manager' ? 405 : 403;
    case 'forum':
      return canView(actor, visibility) ? 200 : 403;
    case 'forum-post':
      return canView(actor, visibility) && canPost(actor) ? 200 : 403;
    case 'image':
      // A page builder image: whoever may read the workspace's pages, and nobody else.
      return canView(actor, visibility) ? 200 : 403;
    case 'files':
      return canView(actor, visibility) ? 200 : 403;
    case 'files-add':
      return canView(actor, visibility) && canPost(actor) ? 200 : 403;
    case 'files-change':
      // The folder and the file were made by the member.
      return canView(actor, visibility) && (actor === 'member' || actor === 'manager') ? 200 : 403;
    case 'files-bytes':
      if (asAnonymous(actor)) return 303;
      return canView(actor, visibility) ? 200 : 403;
    case 'files-bin':
      return canView(actor, visibility) && actor === 'manager' ? 200 : 403;
    case 'document-json':
      if (asAnonymous(actor)) return 401;
      return canView(actor, visibility) ? 200 : 403;
  }
}

const clients = {} as Record<ActorName, SiteClient>;
const people = {} as Record<Person, Actor>;
const discussionIds = {} as Record<Visibility, number>;
/** The 'notes' page of each workspace (for the page builder's routes), and a private image of each. */
const notesIds = {} as Record<Visibility, string>;
const imageFiles = {} as Record<Visibility, string>;
/** Each workspace's folder and file (the member's), and a file in its recycle bin. */
const folderIds = {} as Record<Visibility, number>;
const fileIds = {} as Record<Visibility, number>;
const binnedIds = {} as Record<Visibility, number>;
const fileSecret = (visibility: Visibility) => `File secret of the ${visibility} workspace ${run}`;
/** Each workspace's document written together (the member's), named with a secret, and a named version of it. */
const documentIds = {} as Record<Visibility, number>;
const versionIds = {} as Record<Visibility, number>;
const documentSecret = (visibility: Visibility) => `Document secret of the ${visibility} workspace ${run}`;

beforeAll(async () => {
  const cms = await Cms.connect(cmsUrl, env);
  for (const name of PEOPLE) people[name] = await cms.person(name);
  // Standings are arranged while each workspace is restricted (requests and approvals need that),
  // then it is given its visibility: the CMS keeps every standing.
  for (const visibility of VISIBILITIES) {
    const slug = slugs[visibility];
    await cms.createWorkspace(people.manager, slug, 'restricted', `Matrix ${visibility} ${run}`);
    const secret = secrets(visibility);
    // The home page carries the latest-discussions block: its live list must reach readers only.
    await createHomeWithLatestDiscussions(cms, slug, { title: `Welcome ${visibility}`, text: secret.home });
    await cms.createPage(slug, { title: secret.pageTitle, slug: 'notes', text: secret.page, position: 1 });
    await cms.as(people.pending, 'POST', `/workspaces/${slug}/request`, { message: 'Please' });
    await cms.as(people.member, 'POST', `/workspaces/${slug}/request`, {});
    await cms.as(people.manager, 'POST', `/workspaces/${slug}/members/${people.member.id}/approve`);
    await cms.as(people.manager, 'POST', `/workspaces/${slug}/invitations`, { email: people.invited.email });
    discussionIds[visibility] = await startDiscussion(cmsUrl, people.member, slug, { title: secret.discussionTitle, body: secret.discussionBody }, [
      [people.manager, secret.comment],
      [people.member, `A second comment ${run}`],
    ]);
    const pages = await builderApi<{ data: { documentId: string; slug: string }[] }>(cmsUrl, people.manager.jwt, 'GET', `/workspaces/${slug}/pages`);
    notesIds[visibility] = pages.json.data.find((page) => page.slug === 'notes')!.documentId;
    imageFiles[visibility] = await uploadBuilderImage(cmsUrl, people.manager.jwt, slug);
    const folder = await filesOk<{ data: { id: number } }>(cmsUrl, people.member, 'POST', `/workspaces/${slug}/folders`, { name: `Papers ${run}`, parentId: null });
    folderIds[visibility] = folder.data.id;
    // An image, so its preview is there for readers too.
    [fileIds[visibility]] = await uploadFiles(cmsUrl, people.member, slug, 'root', [filePng(`${fileSecret(visibility)}.png`)]);
    const [binned] = await uploadFiles(cmsUrl, people.member, slug, 'root', [textFile(`Old draft ${run}.txt`, 'draft')]);
    await filesOk(cmsUrl, people.member, 'DELETE', `/workspaces/${slug}/items/${binned}`);
    binnedIds[visibility] = binned!;
    documentIds[visibility] = await createDocument(cmsUrl, people.member, slug, documentSecret(visibility));
    versionIds[visibility] = await nameVersion(cmsUrl, people.member, slug, documentIds[visibility], `Version ${run}`);
    if (visibility !== 'restricted') await cms.as(people.manager, 'PATCH', `/workspaces/${slug}/visibility`, { visibility });
  }
  await cms.createWorkspace(people.otherManager, `mx-other-${run}`, 'open');
  clients.anonymous = new SiteClient(siteUrl);
  for (const name of PEOPLE) clients[name] = await SiteClient.signedIn(siteUrl, people[name].email);
  const adminToken = cms.admin.token;
  clients.platformAdmin = SiteClient.carrying(siteUrl, SESSION_COOKIE, encodeSession({ access: adminToken, refresh: adminToken, device: 'platform-admin' }));
}, 120_000);

/** The routes beside [slug]: the directory and /new, checked in 'probing' below. */
const OTHER_ROUTES = ['index.astro', 'new.astro'];

describe('the access matrix covers every workspace route', () => {
  it('has a rule for every page and endpoint under src/pages/workspaces/[slug]', () => {
    const routes = workspaceFiles.map(routeOf);
    expect(routes.length).toBeGreaterThanOrEqual(20);
    for (const route of routes) expect(Object.keys(RULES), `no access rule for /workspaces/{slug}${route}`).toContain(route);
  });

  it('knows every other page under src/pages/workspaces', () => {
    const others = files(pagesDir)
      .map((file) => relative(pagesDir, file).split('\\').join('/'))
      .filter((path) => !path.startsWith('[slug]'));
    expect(others.sort()).toEqual(OTHER_ROUTES);
  });
});

const cases = VISIBILITIES.flatMap((visibility) => ACTORS.map((actor) => ({ visibility, actor })));

describe.each(cases)('$actor × $visibility workspace', ({ visibility, actor }) => {
  it('gets the right status on every route and never content it may not read', async () => {
    const slug = slugs[visibility];
    const secret = secrets(visibility);
    const problems: string[] = [];
    for (const file of workspaceFiles) {
      const template = routeOf(file);
      const kind = RULES[template];
      const path = `/workspaces/${slug}${template
        .replace('[page]', 'notes')
        .replace('/files/items/[id]', `/files/items/${DOCUMENT_ROUTES.has(template) ? documentIds[visibility] : fileIds[visibility]}`)
        .replace('[version]', String(versionIds[visibility]))
        .replace('[folder]', String(folderIds[visibility]))
        .replace('[id]', String(discussionIds[visibility]))
        .replace('[documentId]', notesIds[visibility])
        .replace('[index]', '0')
        .replace('[file]', imageFiles[visibility])}${queryOf(template, visibility)}`;
      const response = await clients[actor].get(path);
      const body = await response.text();
      const expected = expectedStatus(kind, actor, visibility);
      if (response.status !== expected) problems.push(`${path}: ${response.status}, expected ${expected}`);
      if (expected === 303 && !(response.headers.get('location') ?? '').startsWith(`/sign-in?next=${encodeURIComponent(path)}`)) {
        problems.push(`${path}: redirected to ${response.headers.get('location')}, not to sign in`);
      }
      if (!canView(actor, visibility)) {
        for (const text of [secret.home, secret.page, secret.pageTitle, secret.discussionTitle, secret.discussionBody, secret.comment, fileSecret(visibility), documentSecret(visibility)]) {
          if (body.includes(text)) problems.push(`${path} shows "${text}"`);
        }
        if (COMMENT_COUNT.test(body)) problems.push(`${path} shows the discussion's comment count`);
        if (body.includes(`/discussions/${discussionIds[visibility]}`)) problems.push(`${path} links to the discussion`);
      }
      // Those who may find the workspace but not read it: the forum pages offer a way in, never its content.
      if ((kind === 'forum' || kind === 'forum-post') && asAnonymous(actor) && expected === 403 && !body.includes('Sign in to read this workspace')) {
        problems.push(`${path}: an anonymous visitor is not asked to sign in`);
      }
      if (!canFind(actor, visibility) && body.includes(`Matrix ${visibility}`)) problems.push(`${path} names the hidden workspace`);
      // Whoever may find a workspace but not read it learns who manages it (docs/design.md#workspaces-and-access).
      if (kind === 'home' && expected === 200 && !canView(actor, visibility) && !body.includes('manager Tester')) problems.push(`${path} does not name its managers`);
      if (kind === 'manager' && expected === 403 && !body.includes('You do not have permission to see this page')) problems.push(`${path}: 403 is not the NHS page`);
      if (expected === 404 && kind !== 'document-json' && !body.includes('Page not found')) problems.push(`${path}: 404 is not the NHS page`);
      if (kind === 'image' && expected === 200) {
        if (!(response.headers.get('content-type') ?? '').startsWith('image/')) problems.push(`${path}: not an image (${response.headers.get('content-type')})`);
        if (response.headers.get('x-content-type-options') !== 'nosniff') problems.push(`${path}: no nosniff`);
        if (response.headers.get('content-disposition') !== 'inline') problems.push(`${path}: not inline`);
      }
      if (template === '/manage/audit.csv' && expected === 200) {
        if (!/attachment/.test(response.headers.get('content-disposition') ?? '')) problems.push(`${path}: not an attachment`);
        if (response.headers.get('x-content-type-options') !== 'nosniff') problems.push(`${path}: no nosniff`);
      }
      if (!asAnonymous(actor) && response.headers.get('cache-control') !== 'private, no-store' && response.status === 200) {
        problems.push(`${path}: a page for one member may be cached (${response.headers.get('cache-control')})`);
      }
      // Anonymous visitors all get the same page: it stays shareable, with nothing personal in it.
      if (actor === 'anonymous' && response.status === 200 && /private|no-store/.test(response.headers.get('cache-control') ?? '')) {
        problems.push(`${path}: an anonymous page is not cacheable (${response.headers.get('cache-control')})`);
      }
      if (actor === 'anonymous' && (response.headers.getSetCookie().length > 0 || body.includes('name="_csrf"'))) problems.push(`${path}: personal bits in an anonymous page`);
    }
    // The document's own page (the item page, showing a document): read like the files.
    const documentPath = `/workspaces/${slug}/files/items/${documentIds[visibility]}`;
    const documentPage = await clients[actor].get(documentPath);
    const documentBody = await documentPage.text();
    if (documentPage.status !== expectedStatus('files', actor, visibility)) problems.push(`${documentPath}: ${documentPage.status}, expected ${expectedStatus('files', actor, visibility)}`);
    if (canView(actor, visibility) !== documentBody.includes(documentSecret(visibility))) problems.push(`${documentPath}: the document's name ${canView(actor, visibility) ? 'is missing' : 'is shown'}`);
    if (canView(actor, visibility)) {
      const home = await (await clients[actor].get(`/workspaces/${slug}`)).text();
      if (!home.includes(secret.home)) problems.push('a reader does not see the home page’s content');
      const page = await (await clients[actor].get(`/workspaces/${slug}/pages/notes`)).text();
      if (!page.includes(secret.page)) problems.push('a reader does not see the page’s content');
      // The latest-discussions block on the home page lists the discussion, live, with its comments.
      if (!home.includes(secret.discussionTitle) || !home.includes(`href="/workspaces/${slug}/discussions/${discussionIds[visibility]}"`)) {
        problems.push('a reader does not see the latest discussions on the home page');
      }
      if (!COMMENT_COUNT.test(home)) problems.push('the latest discussions on the home page do not show the comment count');
      const list = await (await clients[actor].get(`/workspaces/${slug}/discussions`)).text();
      if (!list.includes(secret.discussionTitle)) problems.push('a reader does not see the discussion in the list');
      const thread = await (await clients[actor].get(`/workspaces/${slug}/discussions/${discussionIds[visibility]}`)).text();
      if (!thread.includes(secret.discussionBody) || !thread.includes(secret.comment)) problems.push('a reader does not see the discussion and its comments');
    }
    expect(problems).toEqual([]);
  });
});

describe('probing', () => {
  it('answers a missing page of a workspace one may not read exactly as an existing one', async () => {
    for (const actor of ['anonymous', 'outsider'] as const) {
      const existing = await clients[actor].get(`/workspaces/${slugs.restricted}/pages/notes`);
      const missing = await clients[actor].get(`/workspaces/${slugs.restricted}/pages/no-such-page`);
      expect(missing.status).toBe(existing.status);
    }
    const hidden = await clients.outsider.get(`/workspaces/${slugs.hidden}`);
    const nothing = await clients.outsider.get(`/workspaces/no-such-workspace-${run}`);
    expect(hidden.status).toBe(404);
    expect(nothing.status).toBe(404);
  });

  it('does not tell a non-reader whether a discussion exists; a hidden workspace’s discussions are not found, exactly as missing ones', async () => {
    // The pages differ only in their own address (e.g. the sign-in link's "next"), which is taken out.
    const same = (html: string, ...addresses: string[]) =>
      addresses.reduce((text, address) => text.split(address).join('ADDRESS').split(encodeURIComponent(address)).join('ADDRESS'), html);
    for (const actor of ['anonymous', 'outsider'] as const) {
      const existingPath = `/workspaces/${slugs.restricted}/discussions/${discussionIds.restricted}`;
      const missingPath = `/workspaces/${slugs.restricted}/discussions/99999999`;
      const existing = await clients[actor].get(existingPath);
      const missing = await clients[actor].get(missingPath);
      expect(missing.status).toBe(403);
      expect(existing.status).toBe(403);
      expect(same(await existing.text(), existingPath)).toBe(same(await missing.text(), missingPath));
      const hiddenPath = `/workspaces/${slugs.hidden}/discussions/${discussionIds.hidden}`;
      const nowherePath = `/workspaces/no-such-workspace-${run}/discussions/1`;
      const hiddenExisting = await clients[actor].get(hiddenPath);
      const hiddenMissing = await clients[actor].get(nowherePath);
      expect(hiddenExisting.status).toBe(404);
      expect(hiddenMissing.status).toBe(404);
      expect(same(await hiddenExisting.text(), hiddenPath)).toBe(same(await hiddenMissing.text(), nowherePath));
    }
    // A reader asking for a discussion of another workspace, or none, gets not found.
    expect((await clients.member.get(`/workspaces/${slugs.restricted}/discussions/${discussionIds.hidden}`)).status).toBe(404);
    expect((await clients.member.get(`/workspaces/${slugs.restricted}/discussions/99999999`)).status).toBe(404);
  });

  it('shows a new discussion and a new comment on the home page’s latest discussions at once, though its rendering is shared', async () => {
    const slug = slugs.restricted;
    const home = async (actor: 'member' | 'manager') => (await clients[actor].get(`/workspaces/${slug}`)).text();
    // Warm: the page's blocks are rendered and shared between readers, the discussions cached.
    expect(await home('member')).toContain(secrets('restricted').discussionTitle);
    expect(await home('manager')).toContain(secrets('restricted').discussionTitle);
    const title = `Just started ${run}`;
    const id = await startDiscussion(cmsUrl, people.manager, slug, { title, body: 'New today' });
    const link = `<a href="/workspaces/${slug}/discussions/${id}">${title}</a>`;
    const entry = (html: string) => html.slice(html.indexOf(link), html.indexOf('</li>', html.indexOf(link)));
    let html = await home('member');
    expect(html).toContain(link);
    expect(entry(html)).toContain('no comments yet');
    await forumOk(cmsUrl, people.member, 'POST', `/workspaces/${slug}/discussions/${id}/comments`, { body: 'First!' });
    html = await home('member');
    expect(entry(html)).toContain('1 comment');
  });

  it('refuses forum forms to those who may not post, without storing anything', async () => {
    const title = `Outsider's discussion ${run}`;
    const refused = await clients.outsider.post(`/workspaces/${slugs.restricted}/discussions/new`, { title, body: 'Let me in' }, `/workspaces/${slugs.restricted}`);
    expect(refused.status).toBe(403);
    const hidden = await clients.outsider.post(`/workspaces/${slugs.hidden}/discussions/new`, { title, body: 'Let me in' }, '/workspaces');
    expect(hidden.status).toBe(404);
    const list = await (await clients.manager.get(`/workspaces/${slugs.restricted}/discussions`)).text();
    expect(list).not.toContain(title);
  });

  it('refuses managers’ forms to everyone else, without changing anything', async () => {
    const restricted = await clients.member.post(`/workspaces/${slugs.restricted}/manage/members`, { intent: 'invite', email: 'x@example.nhs.net' }, `/workspaces/${slugs.restricted}`);
    expect(restricted.status).toBe(403);
    const hidden = await clients.outsider.post(`/workspaces/${slugs.hidden}/manage/settings`, { visibility: 'open' }, '/workspaces');
    expect(hidden.status).toBe(404);
    expect((await clients.outsider.get(`/workspaces/${slugs.hidden}`)).status).toBe(404);
  });

  it('refuses the page builder’s forms to everyone but the workspace’s managers, without changing anything', async () => {
    const pagesOf = async (visibility: Visibility) =>
      (await builderApi<{ data: { documentId: string; title: string; slug: string; revision: number }[] }>(cmsUrl, people.manager.jwt, 'GET', `/workspaces/${slugs[visibility]}/pages`)).json.data;
    const before = await pagesOf('restricted');
    const notes = before.find((page) => page.slug === 'notes')!;
    const builder = `/workspaces/${slugs.restricted}/manage/pages`;
    const home = `/workspaces/${slugs.restricted}`;
    expect((await clients.member.post(builder, { intent: 'create', title: `Member's page ${run}`, slug: '' }, home)).status).toBe(403);
    expect((await clients.otherManager.post(builder, { intent: 'create', title: `Other manager's page ${run}`, slug: '' }, '/workspaces')).status).toBe(403);
    expect((await clients.member.post(`${builder}/${notesIds.restricted}`, { intent: 'publish', revision: String(notes.revision) }, home)).status).toBe(403);
    expect((await clients.pending.post(`${builder}/${notesIds.restricted}/delete`, { intent: 'delete' }, home)).status).toBe(403);
    expect((await clients.member.post(`${builder}/${notesIds.restricted}`, { intent: 'settings', title: 'Taken over', slug: 'taken-over' }, home)).status).toBe(403);
    expect((await clients.outsider.post(`/workspaces/${slugs.hidden}/manage/pages`, { intent: 'create', title: 'Hidden?', slug: '' }, '/workspaces')).status).toBe(404);
    expect(await pagesOf('restricted')).toEqual(before);
  });

  it('redirects a renamed page’s old address only for those who may read the workspace', async () => {
    for (const visibility of VISIBILITIES) {
      const slug = slugs[visibility];
      const moved = await builderApi(cmsUrl, people.manager.jwt, 'POST', `/workspaces/${slug}/pages`, { title: `Moving ${run}`, slug: `old-address-${run}` });
      const { documentId } = (moved.json as { data: { documentId: string; revision: number } }).data;
      const revision = (moved.json as { data: { revision: number } }).data.revision;
      expect((await builderApi(cmsUrl, people.manager.jwt, 'POST', `/workspaces/${slug}/pages/${documentId}/publish`, { revision })).status).toBe(200);
      expect((await builderApi(cmsUrl, people.manager.jwt, 'PUT', `/workspaces/${slug}/pages/${documentId}/settings`, { title: `Moving ${run}`, slug: `new-address-${run}` })).status).toBe(200);
      const old = `/workspaces/${slug}/pages/old-address-${run}`;
      for (const actor of ACTORS) {
        const response = await clients[actor].get(old);
        const expected = !canFind(actor, visibility) ? 404 : canView(actor, visibility) ? 301 : 403;
        expect(response.status, `${actor} × ${visibility}`).toBe(expected);
        if (expected === 301) expect(response.headers.get('location')).toBe(`/workspaces/${slug}/pages/new-address-${run}`);
        else expect(response.headers.get('location') ?? '').not.toContain('new-address');
      }
    }
  });

  it('serves a private image only through the site, never by its upload address', async () => {
    for (const visibility of VISIBILITIES) {
      const response = await fetch(`${cmsUrl}/uploads/${imageFiles[visibility]}`);
      expect(response.status).toBe(404);
      // Another workspace's image is not this workspace's, whoever asks.
      const other = visibility === 'open' ? 'restricted' : 'open';
      expect((await clients.manager.get(`/workspaces/${slugs[visibility]}/images/${imageFiles[other]}`)).status).toBe(404);
    }
  });

  it('shows the demo workspaces’ images (covers and media-library images on their pages) only through the site, to their readers', async () => {
    const manager = await SiteClient.signedIn(siteUrl, 'manager@demo.nhs.net', env.DEMO_PASSWORD ?? 'Demo-password-2026');
    const seen: { slug: string; file: string }[] = [];
    for (const slug of ['digital-primary-care', 'mental-health-crisis-care', 'icb-finance-leads']) {
      const home = await (await manager.get(`/workspaces/${slug}`)).text();
      const pages = [...new Set([...home.matchAll(new RegExp(`href="(/workspaces/${slug}/pages/[a-z0-9-]+)"`, 'g'))].map((match) => match[1]))];
      for (const html of [home, ...(await Promise.all(pages.map(async (path) => (await manager.get(path)).text())))]) {
        for (const [, file] of html.matchAll(new RegExp(`src="/workspaces/${slug}/images/([^"]+)"`, 'g'))) seen.push({ slug, file });
        // Nothing shown in a workspace points at the CMS's static path.
        expect(html).not.toMatch(/src="[^"]*\/uploads\//);
      }
    }
    expect(seen.some(({ slug }) => slug === 'icb-finance-leads')).toBe(true);
    for (const { slug, file } of seen) {
      expect(file).toMatch(/^[a-f0-9]{32}\.[a-z]{3,4}$/);
      expect((await fetch(`${cmsUrl}/uploads/${file}`)).status, file).toBe(404);
      const shown = await manager.get(`/workspaces/${slug}/images/${file}`);
      expect([file, shown.status, shown.headers.get('content-type')?.startsWith('image/')]).toEqual([file, 200, true]);
      const outsider = await clients.outsider.get(`/workspaces/${slug}/images/${file}`);
      expect(outsider.status, `${slug}/${file} to an outsider`).toBe(slug === 'digital-primary-care' ? 200 : slug === 'icb-finance-leads' ? 404 : 403);
    }
  });

  it('sends anonymous visitors to sign in, and members with an incomplete profile to complete it, before they take part', async () => {
    const anonymous = await clients.anonymous.get('/workspaces/new');
    expect(anonymous.status).toBe(303);
    expect(anonymous.headers.get('location')).toBe('/sign-in?next=%2Fworkspaces%2Fnew');
    const cms = await Cms.connect(cmsUrl, env);
    const incomplete = await cms.person('Incomplete', { profile: false });
    const client = await SiteClient.signedIn(siteUrl, incomplete.email);
    const creating = await client.get('/workspaces/new');
    expect(creating.status).toBe(303);
    expect(creating.headers.get('location')).toBe('/account?complete=1&next=%2Fworkspaces%2Fnew');
    const joining = await client.post(`/workspaces/${slugs.open}`, { intent: 'join' });
    expect(joining.status).toBe(303);
    expect(joining.headers.get('location')).toMatch(/^\/account\?complete=1/);
    const { data } = await cms.as<{ data: { standing: string } }>(incomplete, 'GET', `/workspaces/${slugs.open}/access`);
    expect(data.standing).toBe('none');
  });

  it('never lists a hidden workspace in the directory', async () => {
    for (const actor of ['anonymous', 'outsider'] as const) {
      const html = await (await clients[actor].get(`/workspaces?q=${encodeURIComponent(`Matrix hidden ${run}`)}`)).text();
      expect(html).not.toContain(`href="/workspaces/${slugs.hidden}"`);
      expect(html).toContain('0 workspaces');
    }
  });
});
