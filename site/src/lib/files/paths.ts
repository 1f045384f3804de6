/**
 * Where a workspace's files live, on the site and on the CMS (docs/files.md). A folder is `root`
 * (the top level) or its id; the site's URL for the top level has no folder segment.
 */
export type FolderKey = number | null;

const workspaceBase = (slug: string) => `/workspaces/${encodeURIComponent(slug)}/files`;

/** The folder page: `/workspaces/{slug}/files` for the top level, `/files/{id}` below it. */
export function filesHref(slug: string, folder: FolderKey = null): string {
  return folder === null ? workspaceBase(slug) : `${workspaceBase(slug)}/${folder}`;
}

/** A page about a folder (`upload`, `new-folder`, `edit`, `delete`): the top level is `root`. */
export function folderActionHref(slug: string, folder: FolderKey, action: 'upload' | 'new-folder' | 'edit' | 'move' | 'delete'): string {
  return `${workspaceBase(slug)}/${folder ?? 'root'}/${action}`;
}

export function itemHref(slug: string, id: number, action?: 'new-version' | 'edit' | 'move' | 'delete'): string {
  return `${workspaceBase(slug)}/items/${id}${action ? `/${action}` : ''}`;
}

export function downloadHref(slug: string, id: number, version?: number): string {
  return `${itemHref(slug, id)}/download${version ? `?version=${version}` : ''}`;
}

export function previewHref(slug: string, id: number): string {
  return `${itemHref(slug, id)}/preview`;
}

export function binHref(slug: string, action?: 'empty'): string {
  return `${workspaceBase(slug)}/bin${action ? `/${action}` : ''}`;
}

/** `root` or a positive id, from a URL segment; anything else is no folder at all. */
export function parseFolderKey(raw: string | undefined): FolderKey | undefined {
  if (raw === 'root') return null;
  if (!raw || !/^[1-9][0-9]{0,9}$/.test(raw)) return undefined;
  const id = Number(raw);
  return id <= 2_147_483_647 ? id : undefined;
}

export function parseItemId(raw: string | undefined): number | undefined {
  const key = parseFolderKey(raw);
  return typeof key === 'number' ? key : undefined;
}

const apiBase = (slug: string) => `/api/files/workspaces/${encodeURIComponent(slug)}`;

export const cmsPaths = {
  folder: (slug: string, folder: FolderKey) => `${apiBase(slug)}/folders/${folder ?? 'root'}`,
  folders: (slug: string) => `${apiBase(slug)}/folders`,
  upload: (slug: string, folder: FolderKey) => `${apiBase(slug)}/folders/${folder ?? 'root'}/files`,
  item: (slug: string, id: number) => `${apiBase(slug)}/items/${id}`,
  versions: (slug: string, id: number) => `${apiBase(slug)}/items/${id}/versions`,
  restore: (slug: string, id: number, version: number) => `${apiBase(slug)}/items/${id}/versions/${version}/restore`,
  bytes: (slug: string, id: number, what: 'download' | 'preview', version?: number) =>
    `${apiBase(slug)}/items/${id}/${what}${version ? `?version=${version}` : ''}`,
  bin: (slug: string) => `${apiBase(slug)}/bin`,
  binEntry: (slug: string, kind: 'folder' | 'item', id: number) => `${apiBase(slug)}/bin/${kind}/${id}`,
};
