import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { beforeAll, describe, expect, it } from 'vitest';
import type { FolderView, ItemSummary, ItemView } from '@futurenhs/contract';
import FolderListing from './FolderListing.astro';
import ItemDetails from './ItemDetails.astro';

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

const locals = { viewer: { id: '7' }, csrfToken: 'tok' } as unknown as App.Locals;
const ada = { id: 7, name: 'Ada Lovelace', jobTitle: 'Chief Nurse', organisation: 'Leeds' };

function item(id: number, overrides: Partial<ItemSummary> = {}): ItemSummary {
  return {
    id,
    kind: 'file',
    name: `paper-${id}.pdf`,
    description: null,
    mime: 'application/pdf',
    label: 'PDF',
    size: 2_500_000,
    version: 2,
    scan: 'unscanned',
    updatedAt: '2026-11-20T10:05:00.000Z',
    updatedBy: ada,
    can: { change: false, delete: false },
    ...overrides,
  };
}

function folder(overrides: Partial<FolderView> = {}): FolderView {
  return {
    folder: null,
    breadcrumbs: [],
    folders: [],
    items: [],
    pagination: { page: 1, pageSize: 50, pageCount: 1, total: 0 },
    sort: 'name',
    order: 'asc',
    can: { upload: false, createFolder: false, manageBin: false },
    maxUploadBytes: 250 * 1024 * 1024,
    ...overrides,
  };
}

const render = (view: FolderView) =>
  container.renderToString(FolderListing, { props: { slug: 'board', folderKey: null, view, query: { sort: 'name', order: 'asc', page: 1 }, url: new URL('http://site.test/workspaces/board/files') }, locals });

describe('a folder of files', () => {
  it('offers only what the CMS says the viewer may do, row by row', async () => {
    const html = await render(
      folder({
        items: [item(1, { can: { change: true, delete: true } }), item(2, { scan: 'pending' })],
        pagination: { page: 1, pageSize: 50, pageCount: 1, total: 2 },
        can: { upload: true, createFolder: false, manageBin: false },
      }),
    );
    expect(html).toContain('href="/workspaces/board/files/root/upload"');
    expect(html).not.toContain('New folder');
    expect(html).not.toContain('Recycle bin');
    expect(html).toContain('href="/workspaces/board/files/items/1/edit"');
    expect(html).toContain('href="/workspaces/board/files/items/1/delete"');
    expect(html).not.toContain('/items/2/edit');
    expect(html).not.toContain('/items/2/delete');
    expect(html).toContain('2.4 MB');
    expect(html).toContain('Being checked for viruses');
    expect(html).toContain('by Ada Lovelace');
  });

  it('says when it is empty, and shows the bin to managers', async () => {
    const html = await render(folder({ can: { upload: true, createFolder: true, manageBin: true } }));
    expect(html).toContain('There are no files in this workspace yet. Upload files to share them with the workspace.');
    expect(html).toContain('New folder');
    expect(html).toContain('href="/workspaces/board/files/bin"');
    expect(html).not.toContain('<table');
  });
});

describe('a file', () => {
  const view = (overrides: Partial<ItemView['item']> = {}, previewable = true): ItemView => ({
    item: { ...item(5), folderId: null, createdAt: '2026-11-01T09:00:00.000Z', createdBy: null, ...overrides },
    breadcrumbs: [],
    versions: [
      { number: 2, size: 2_500_000, mime: 'application/pdf', label: 'PDF', sha256: 'ab'.repeat(32), comment: 'Final', createdAt: '2026-11-20T10:05:00.000Z', author: ada, scan: 'unscanned', restoredFrom: null },
      { number: 1, size: 2_000_000, mime: 'application/pdf', label: 'PDF', sha256: 'cd'.repeat(32), comment: null, createdAt: '2026-11-01T09:00:00.000Z', author: null, scan: 'unscanned', restoredFrom: null },
    ],
    previewable,
    maxUploadBytes: 1024,
  });

  it('downloads the current version, previews it, and lets those who may change it restore an older one', async () => {
    const html = await container.renderToString(ItemDetails, { props: { slug: 'board', view: view({ can: { change: true, delete: false } }) }, locals });
    expect(html).toContain('href="/workspaces/board/files/items/5/download"');
    expect(html).toContain('href="/workspaces/board/files/items/5/download?version=1"');
    expect(html).toContain('Open in browser');
    expect(html).toContain('Restore<span class="nhsuk-u-visually-hidden"> version 1</span>');
    expect(html).not.toContain('version 2</span></button>');
    expect(html).toContain('abababababab');
    expect(html).toContain('Former member');
    expect(html).not.toContain('/items/5/delete');
  });

  it('offers no download while the file is being checked, and no restore to readers', async () => {
    const html = await container.renderToString(ItemDetails, { props: { slug: 'board', view: view({ scan: 'pending' }, false) }, locals });
    expect(html).not.toContain('href="/workspaces/board/files/items/5/download"');
    expect(html).toContain('once it has been checked for viruses');
    expect(html).not.toContain('Open in browser');
    expect(html).not.toContain('Restore');
  });
});
