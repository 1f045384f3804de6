import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { describe, expect, test } from 'vitest';
import BlockList from '../BlockList.astro';
import { catalogue } from '../catalogue.ts';
import { dynamicZoneComponents } from '../generate-components.ts';
import type { BlockData } from '../types.ts';
import { markupProblems, parseHtml, query, queryAll, textOf, type HtmlElement } from '../test-support/html.ts';
import { testSchemaAndFixtures } from '../test-support/block-tests.ts';
import { renderBlock } from '../test-support/render.ts';
import { fileListFixtures, fileListInvalid, fileListLiveFixtures } from './fixtures.ts';
import { fileHref, fileSizeText, folderHref, updatedTime } from './format.ts';
import { fileList } from './schema.ts';
import { fileListFingerprint, fileListLoader, fileListPath, folderFilesSchema, type FileListLive } from './live.ts';

type FixtureName = keyof typeof fileListFixtures;
const definition = fileList;

/** Renders a fixture as a page does: the stored block through BlockList, with the live data the site read. */
async function renderLive(name: FixtureName, live: FileListLive | null = fileListLiveFixtures[name]) {
  const block = definition.schema.parse(fileListFixtures[name]) as BlockData;
  // The site's answers are parsed by the loader's schema before they are handed over.
  const parsed = live && fileListLoader.parseExample(live);
  const container = await AstroContainer.create();
  const html = await container.renderToString(BlockList, { props: { blocks: [block], live: parsed ? new Map([[block, parsed]]) : undefined } });
  return { html, root: parseHtml(html) };
}

const rows = (root: HtmlElement) => queryAll(root, 'ul.nhsuk-list li');
const lastLink = (root: HtmlElement) => queryAll(root, 'a').at(-1)!;

/** A folder page as the files plugin answers it (contract: folderViewSchema), with what the block does not show. */
function folderAnswer(live: FileListLive) {
  return {
    data: {
      folder: live.folder && { ...live.folder, description: null, updatedAt: '2026-11-01T09:00:00.000Z', itemCount: live.files.length, can: { change: true, delete: false }, parentId: null },
      breadcrumbs: live.folder ? [live.folder] : [],
      folders: [],
      items: live.files.map((file) => ({
        ...file,
        description: 'Shown on the file’s page only',
        mime: 'application/pdf',
        version: 2,
        updatedBy: { id: 4, name: 'Priya Shah', jobTitle: null, organisation: null },
        can: { change: true, delete: true },
      })),
      pagination: { page: 1, pageSize: live.files.length || 1, pageCount: 1, total: live.files.length },
      sort: 'date',
      order: 'desc',
      can: { upload: true, createFolder: true, manageBin: false },
      maxUploadBytes: 262_144_000,
    },
  };
}

describe('file list', () => {
  testSchemaAndFixtures('blocks.file-list', fileListFixtures, fileListInvalid);

  test('fields left empty take their defaults: no heading, h2, the top level, five files, newest first', () => {
    expect(definition.schema.parse(fileListFixtures.defaults)).toEqual({
      __component: 'blocks.file-list',
      id: 173,
      heading: null,
      headingLevel: 'h2',
      folder: null,
      count: 5,
      sort: 'newest',
    });
  });

  test('Strapi bounds the folder and the count, and pre-fills the defaults', () => {
    const [{ json }] = definition.strapiComponents();
    expect(json.attributes).toEqual({
      heading: { type: 'string', maxLength: 120 },
      headingLevel: { type: 'enumeration', enum: ['h2', 'h3', 'h4'], default: 'h2', required: true },
      folder: { type: 'integer', min: 1, max: 2_147_483_647 },
      count: { type: 'integer', min: 1, max: 20, default: 5 },
      sort: { type: 'enumeration', enum: ['newest', 'name'], default: 'newest', required: true },
    });
  });

  test('lists each file: name linking to its page, type, size, last change; then "See all files"', async () => {
    const { root } = await renderLive('topLevel');
    expect(markupProblems(root)).toEqual([]);
    expect(textOf(query(root, 'h2'))).toBe('Key documents');
    const listed = rows(root);
    expect(listed).toHaveLength(5);
    const pack = listed[0];
    const link = query(pack, 'a');
    expect(link.attrs.href).toBe('/workspaces/virtual-wards/files/items/88');
    expect(textOf(link)).toBe('Board pack November 2026.pdf');
    expect(textOf(query(pack, 'p'))).toBe(`PDF, 1.8 MB · , updated ${updatedTime('2026-11-24T07:45:00.000Z')}`);
    expect(query(pack, 'time').attrs.datetime).toBe('2026-11-24T07:45:00.000Z');
    // A file still being checked says so.
    expect(textOf(query(listed[2], 'p'))).toBe(`CSV, 812 bytes · , updated ${updatedTime('2026-11-18T10:00:00.000Z')} · , being checked for viruses`);
    const all = lastLink(root);
    expect(textOf(all)).toBe('See all files');
    expect(all.attrs.href).toBe('/workspaces/virtual-wards/files');
  });

  test('a chosen folder: no more files than the count, and a link to that folder by name', async () => {
    const { root } = await renderLive('boardPapers');
    expect(textOf(query(root, 'h3'))).toBe('Board papers');
    expect(rows(root).map((row) => textOf(query(row, 'a')))).toEqual(['Board pack November 2026.pdf', 'Minutes October 2026.docx', 'Pathway map.png']);
    const all = lastLink(root);
    expect(textOf(all)).toBe('See all files in Board papers');
    expect(all.attrs.href).toBe('/workspaces/virtual-wards/files/12');
  });

  test('without a heading the list stands alone: no empty heading', async () => {
    const { root } = await renderLive('defaults');
    expect(markupProblems(root)).toEqual([]);
    expect(['h2', 'h3', 'h4'].flatMap((tag) => queryAll(root, tag))).toEqual([]);
    expect(rows(root)).toHaveLength(5);
  });

  test('an empty folder says so and links to it', async () => {
    const { root } = await renderLive('empty');
    expect(markupProblems(root)).toEqual([]);
    expect(queryAll(root, 'ul')).toEqual([]);
    expect(textOf(root)).toContain('There are no files in this folder yet.');
    const link = query(root, 'a');
    expect(textOf(link)).toBe('Go to Templates');
    expect(link.attrs.href).toBe('/workspaces/virtual-wards/files/31');
  });

  test('a folder that is gone says so and links to all the files', async () => {
    const { root } = await renderLive('folderGone');
    expect(markupProblems(root)).toEqual([]);
    expect(textOf(query(root, 'h2'))).toBe('Last year’s minutes');
    expect(textOf(root)).toContain('The folder this list showed is no longer available.');
    expect(query(root, 'a').attrs.href).toBe('/workspaces/virtual-wards/files');
  });

  test('without live data (no workspace, or a viewer who may not read it) the block shows nothing', async () => {
    const { html } = await renderLive('topLevel', null);
    expect(html.trim()).toBe('');
    const { html: alone } = await renderBlock('blocks.file-list', fileListFixtures.topLevel);
    expect(alone.trim()).toBe('');
  });

  test('names, types, folder names and headings are text: markup is escaped, direction overrides removed', async () => {
    const { html, root } = await renderLive('hostileText');
    expect(markupProblems(root)).toEqual([]);
    expect(html).not.toMatch(/<script|<img|<b |<i>/i);
    expect(html).not.toMatch(/[\u202A-\u202E\u2066-\u2069]/);
    expect(textOf(query(root, 'h4'))).toBe('<script>window.__pwned=1</script>Files');
    expect(textOf(query(root, 'li a'))).toBe('<img src=x onerror="window.__pwned=1">Minutes gnp.exe');
    expect(textOf(query(root, 'li p'))).toMatch(/^<i>PDF<\/i>, 1 KB .* failed virus check$/);
    expect(textOf(lastLink(root))).toBe('See all files in <b onmouseover="window.__pwned=1">Papers</b>');
  });

  test('a workspace slug is encoded into the links', async () => {
    const { root } = await renderLive('boardPapers', { ...fileListLiveFixtures.boardPapers, workspaceSlug: 'a b' });
    expect(query(root, 'li a').attrs.href).toBe('/workspaces/a%20b/files/items/88');
    expect(lastLink(root).attrs.href).toBe('/workspaces/a%20b/files/12');
  });

  test('is offered on workspace pages only: a case study has no workspace', () => {
    expect(dynamicZoneComponents(true, catalogue)).toContain('blocks.file-list');
    expect(dynamicZoneComponents(false, catalogue)).not.toContain('blocks.file-list');
  });

  test('rich text can link to a file: the address of its page stays a link', async () => {
    const href = fileHref('virtual-wards', 42);
    const { root } = await renderBlock('blocks.rich-text', { __component: 'blocks.rich-text', body: `Use the [referral template](${href}) and the [templates folder](${folderHref('virtual-wards', 31)}).` });
    expect(markupProblems(root)).toEqual([]);
    const links = queryAll(root, 'a');
    expect(links.map((link) => [textOf(link), link.attrs.href])).toEqual([
      ['referral template', '/workspaces/virtual-wards/files/items/42'],
      ['templates folder', '/workspaces/virtual-wards/files/31'],
    ]);
  });
});

describe('the live data', () => {
  test('the folder page answer parses to what the block shows, without what is the asker’s own', () => {
    const live = fileListLiveFixtures.boardPapers;
    const parsed = folderFilesSchema.parse(folderAnswer(live));
    expect(parsed).toEqual({ folder: { id: 12, name: 'Board papers' }, files: live.files });
    expect(JSON.stringify(parsed)).not.toMatch(/"can"|description|updatedBy/);
    const broken = folderAnswer(live);
    (broken.data.items[0] as Record<string, unknown>).updatedAt = 'yesterday';
    expect(folderFilesSchema.safeParse(broken).success).toBe(false);
  });

  test('asks for the folder (or the top level) in the block’s order, as many as shown', () => {
    expect(fileListPath('virtual wards', null, 'newest', 5)).toBe('/api/files/workspaces/virtual%20wards/folders/root?sort=date&order=desc&pageSize=5');
    expect(fileListPath('virtual-wards', 12, 'name', 20)).toBe('/api/files/workspaces/virtual-wards/folders/12?sort=name&order=asc&pageSize=20');
  });

  test('the fingerprint changes with an upload, a new version, a rename, a finished check or a deletion, not otherwise', () => {
    const live = fileListLiveFixtures.topLevel;
    const base = fileListFingerprint(live);
    const files = live.files;
    expect(fileListFingerprint({ ...live, files: [...files] })).toBe(base);
    expect(fileListFingerprint({ ...live, files: [{ ...files[0], id: 999 }, ...files.slice(1)] })).not.toBe(base);
    expect(fileListFingerprint({ ...live, files: [{ ...files[0], updatedAt: '2026-11-25T08:00:00.000Z', size: 1 }, ...files.slice(1)] })).not.toBe(base);
    expect(fileListFingerprint({ ...live, files: [{ ...files[0], name: 'Renamed.pdf' }, ...files.slice(1)] })).not.toBe(base);
    expect(fileListFingerprint({ ...live, files: files.map((file) => ({ ...file, scan: 'clean' as const })) })).not.toBe(base);
    expect(fileListFingerprint({ ...live, files: files.slice(1) })).not.toBe(base);
    expect(fileListFingerprint({ ...live, folder: { id: 3, name: 'Papers' } })).not.toBe(base);
    expect(fileListFingerprint({ folder: null, files: [], missing: true })).toBe('missing');
  });

  test('the loader asks once per folder and order, for the largest count, and gives each block its folder’s list', async () => {
    const asked: string[] = [];
    const parse = (fixture: FixtureName, overrides: Record<string, unknown> = {}) => fileList.schema.parse({ ...fileListFixtures[fixture], ...overrides });
    const top = parse('topLevel');
    const topMore = parse('topLevel', { id: 180, count: 8 });
    const papers = parse('boardPapers');
    const papersNewest = parse('boardPapers', { id: 181, sort: 'newest' });
    const answers: Record<string, FileListLive> = {
      root: fileListLiveFixtures.topLevel,
      '12': fileListLiveFixtures.boardPapers,
    };
    const loaded = await fileListLoader.load([top, papers, topMore, papersNewest], {
      workspaceSlug: 'virtual-wards',
      get: async (path, schema) => {
        asked.push(path);
        const folder = /\/folders\/(\w+)\?/.exec(path)![1];
        return schema.parse(folderAnswer(answers[folder]));
      },
    });
    expect(asked.toSorted()).toEqual(
      [fileListPath('virtual-wards', null, 'newest', 8), fileListPath('virtual-wards', 12, 'name', 3), fileListPath('virtual-wards', 12, 'newest', 3)].toSorted(),
    );
    expect(loaded.props.get(top)).toEqual({ ...fileListLiveFixtures.topLevel, workspaceSlug: 'virtual-wards' });
    expect(loaded.props.get(topMore)).toBe(loaded.props.get(top));
    expect(loaded.props.get(papers)).toEqual(fileListLiveFixtures.boardPapers);
    expect(loaded.props.get(papersNewest)).not.toBe(loaded.props.get(papers));
    expect(loaded.fingerprint).toContain(fileListFingerprint(fileListLiveFixtures.boardPapers));
    expect(fileListLoader.parseExample(fileListLiveFixtures.boardPapers)).toEqual(loaded.props.get(papers));
  });

  test('a folder that is gone (404) makes its blocks say so; any other failure is the page’s to handle', async () => {
    const gone = fileList.schema.parse(fileListFixtures.folderGone);
    const top = fileList.schema.parse(fileListFixtures.topLevel);
    const notFound = Object.assign(new Error('This folder does not exist'), { status: 404 });
    const loaded = await fileListLoader.load([gone, top], {
      workspaceSlug: 'virtual-wards',
      get: async (path, schema) => {
        if (path.includes('/folders/7?')) throw notFound;
        return schema.parse(folderAnswer(fileListLiveFixtures.topLevel));
      },
    });
    expect(loaded.props.get(gone)).toEqual({ workspaceSlug: 'virtual-wards', folder: null, files: [], missing: true });
    expect(loaded.props.get(top)?.files).toHaveLength(5);
    expect(loaded.fingerprint).toContain('7:newest=missing');

    const failing = Object.assign(new Error('Bad gateway'), { status: 502 });
    await expect(fileListLoader.load([top], { workspaceSlug: 'virtual-wards', get: async () => Promise.reject(failing) })).rejects.toBe(failing);
  });

  test('sizes read as file managers show them', () => {
    expect(fileSizeText(0)).toBe('0 bytes');
    expect(fileSizeText(1)).toBe('1 byte');
    expect(fileSizeText(1023)).toBe('1023 bytes');
    expect(fileSizeText(1024)).toBe('1 KB');
    expect(fileSizeText(1536)).toBe('1.5 KB');
    expect(fileSizeText(245_760)).toBe('240 KB');
    expect(fileSizeText(1_048_063)).toBe('1,023 KB');
    expect(fileSizeText(1_048_500)).toBe('1 MB');
    expect(fileSizeText(1_843_200)).toBe('1.8 MB');
    expect(fileSizeText(250 * 1024 ** 2)).toBe('250 MB');
    expect(fileSizeText(3 * 1024 ** 3)).toBe('3 GB');
  });
});
