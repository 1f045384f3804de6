import {
  cleanText,
  binViewSchema,
  DEFAULT_SORT_ORDER,
  FILE_SORTS,
  FILES_PAGE_SIZE,
  folderViewSchema,
  itemViewSchema,
  SORT_ORDERS,
  type BinEntry,
  type FileSort,
  type FolderView,
  type ItemView,
  type SortOrder,
} from '@futurenhs/contract';
import { z } from 'zod';
import { parseCms } from '../cms/accounts.ts';
import type { MemberCms } from '../cms/member-client.ts';
import { cmsPaths, type FolderKey } from './paths.ts';

/**
 * Typed calls to the files plugin as the viewer (`Astro.locals.cms`: their own token, nothing
 * cached, since every answer carries what this viewer may do). Answers are checked against the
 * contract's schemas; a refusal is a `CmsRequestError` the page explains.
 */
type Reader = Pick<MemberCms, 'get'>;
type Writer = Pick<MemberCms, 'post' | 'patch' | 'delete'>;

export interface FolderQuery {
  sort: FileSort;
  order: SortOrder;
  page: number;
}

/**
 * The sort and order from the address: `sort=size&order=asc`, or the sort form's one choice
 * (`sort=size-asc`); anything unknown is the default (by name, A to Z).
 */
export function folderQuery(params: URLSearchParams): FolderQuery {
  const [rawSort, rawOrder] = (params.get('sort') ?? '').split('-');
  const sort = FILE_SORTS.find((value) => value === rawSort) ?? 'name';
  const order = SORT_ORDERS.find((value) => value === (rawOrder ?? params.get('order'))) ?? DEFAULT_SORT_ORDER[sort];
  const raw = params.get('page');
  const page = raw && /^[1-9][0-9]{0,5}$/.test(raw) ? Number(raw) : 1;
  return { sort, order, page };
}

export async function getFolder(cms: Reader, slug: string, folder: FolderKey, query?: Partial<FolderQuery>): Promise<FolderView> {
  const params = new URLSearchParams();
  if (query?.sort) params.set('sort', query.sort);
  if (query?.order) params.set('order', query.order);
  if (query?.page && query.page > 1) params.set('page', String(query.page));
  params.set('pageSize', String(FILES_PAGE_SIZE));
  const path = `${cmsPaths.folder(slug, folder)}?${params}`;
  return parseCms(folderViewSchema, await cms.get(path), path).data;
}

export async function getItem(cms: Reader, slug: string, id: number): Promise<ItemView> {
  const path = cmsPaths.item(slug, id);
  return parseCms(itemViewSchema, await cms.get(path), path).data;
}

/** Pages of the bin looked through for one entry (50 each). */
const BIN_PAGES_SEARCHED = 20;

export async function getBin(cms: Reader, slug: string, page: number): Promise<{ entries: BinEntry[]; page: number; pageCount: number; total: number }> {
  const path = `${cmsPaths.bin(slug)}${page > 1 ? `?page=${page}` : ''}`;
  const { entries, pagination } = parseCms(binViewSchema, await cms.get(path), path).data;
  return { entries, page: pagination.page, pageCount: pagination.pageCount, total: pagination.total };
}

/** One folder of the tree, with how deep it is (1 for the top level's folders). */
export interface TreeFolder {
  id: number;
  name: string;
  depth: number;
}

/** How many folders the move forms offer at most: the walk asks the CMS once per folder. */
export const TREE_FOLDERS_MAX = 200;

/**
 * Every folder of the workspace, depth first in name order, for the move forms: walked through
 * the folder pages (each lists all its subfolders). `skip` (a folder being moved) is left out with
 * everything under it, since a folder cannot go inside itself.
 */
export async function folderTree(cms: Reader, slug: string, skip?: number): Promise<{ folders: TreeFolder[]; complete: boolean }> {
  const folders: TreeFolder[] = [];
  let asked = 0;
  async function walk(parent: FolderKey, depth: number): Promise<boolean> {
    if (asked >= TREE_FOLDERS_MAX) return false;
    asked++;
    const view = await getFolder(cms, slug, parent, { sort: 'name', order: 'asc', page: 1 });
    for (const child of view.folders) {
      if (child.id === skip) continue;
      folders.push({ id: child.id, name: child.name, depth });
      if (child.itemCount > 0 && !(await walk(child.id, depth + 1))) return false;
    }
    return true;
  }
  const complete = await walk(null, 1);
  return { folders, complete };
}

const anything = z.unknown();

export async function createFolder(cms: Writer, slug: string, input: { name: string; description: string | null; parentId: FolderKey }): Promise<number> {
  const path = cmsPaths.folders(slug);
  const created = parseCms(z.object({ data: z.object({ id: z.number().int() }).loose() }), await cms.post(path, input, { changesViewer: false }), path);
  return created.data.id;
}

export async function updateFolder(cms: Writer, slug: string, folder: number, change: { name?: string; description?: string | null; parentId?: FolderKey }): Promise<void> {
  const path = cmsPaths.folder(slug, folder);
  parseCms(anything, await cms.patch(path, change), path);
}

export async function deleteFolder(cms: Writer, slug: string, folder: number): Promise<void> {
  await cms.delete(cmsPaths.folder(slug, folder));
}

export async function updateItem(cms: Writer, slug: string, id: number, change: { name?: string; description?: string | null; folderId?: FolderKey }): Promise<void> {
  await cms.patch(cmsPaths.item(slug, id), change);
}

export async function deleteItem(cms: Writer, slug: string, id: number): Promise<void> {
  await cms.delete(cmsPaths.item(slug, id));
}

export async function restoreVersion(cms: Writer, slug: string, id: number, version: number, comment: string | null): Promise<void> {
  await cms.post(cmsPaths.restore(slug, id, version), { comment }, { changesViewer: false });
}

/** The bin's routes name an entry `folder` or `item` (a file or a document). */
export function binKind(kind: BinEntry['kind']): 'folder' | 'item' {
  return kind === 'folder' ? 'folder' : 'item';
}

/** Restores an entry; gives the name it came back under (a clash adds " (restored)"). */
export async function restoreFromBin(cms: Writer, slug: string, kind: 'folder' | 'item', id: number): Promise<string> {
  const answer = (await cms.post(`${cmsPaths.binEntry(slug, kind, id)}/restore`, undefined, { changesViewer: false })) as { data?: { name?: unknown } } | undefined;
  return typeof answer?.data?.name === 'string' ? cleanText(answer.data.name) : '';
}

/** One entry of the bin as the CMS lists it (its real name), or null when it is not in the bin. */
export async function findBinEntry(cms: Reader, slug: string, kind: 'folder' | 'item', id: number): Promise<BinEntry | null> {
  const isEntry = (entry: BinEntry) => entry.id === id && (kind === 'folder' ? entry.kind === 'folder' : entry.kind !== 'folder');
  for (let page = 1, pageCount = 1; page <= pageCount && page <= BIN_PAGES_SEARCHED; page += 1) {
    const bin = await getBin(cms, slug, page);
    const found = bin.entries.find(isEntry);
    if (found) return found;
    pageCount = bin.pageCount;
  }
  return null;
}

export async function purgeFromBin(cms: Writer, slug: string, kind: 'folder' | 'item', id: number): Promise<void> {
  await cms.delete(cmsPaths.binEntry(slug, kind, id));
}

export async function emptyBin(cms: Writer, slug: string): Promise<void> {
  await cms.delete(cmsPaths.bin(slug));
}
