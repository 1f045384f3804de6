import { COLLABORATION_PATH, type ExportFormat } from '@futurenhs/contract';
import { itemHref, type FolderKey } from '../files/paths.ts';

/**
 * Where a workspace's documents live, on the site and on the CMS (docs/documents.md). A document
 * is an item of the files tree, so its page is the item's page; everything about it hangs below.
 */
const filesBase = (slug: string) => `/workspaces/${encodeURIComponent(slug)}/files`;

/** The form that creates one, in the top level or in `folder`. */
export function newDocumentHref(slug: string, folder: FolderKey = null): string {
  return `${filesBase(slug)}/new-document${folder === null ? '' : `?folder=${folder}`}`;
}

export const documentHref = (slug: string, id: number) => itemHref(slug, id);

export function versionsHref(slug: string, id: number, version?: number): string {
  return `${itemHref(slug, id)}/versions${version === undefined ? '' : `/${version}`}`;
}

export function exportHref(slug: string, id: number, format: ExportFormat): string {
  return `${itemHref(slug, id)}/export.${format}`;
}

/** The site's JSON endpoints the editor calls (each CSRF-checked like every POST). */
export function ticketHref(slug: string, id: number): string {
  return `${itemHref(slug, id)}/ticket`;
}

export function commentsHref(slug: string, id: number, comment?: number): string {
  return `${itemHref(slug, id)}/comments${comment === undefined ? '' : `/${comment}`}`;
}

export function imagesHref(slug: string, id: number, folder: FolderKey = null): string {
  return `${itemHref(slug, id)}/images${folder === null ? '' : `?folder=${folder}`}`;
}

export { COLLABORATION_PATH };

const apiBase = (slug: string) => `/api/documents/workspaces/${encodeURIComponent(slug)}/documents`;

export const documentCmsPaths = {
  create: (slug: string) => apiBase(slug),
  document: (slug: string, id: number) => `${apiBase(slug)}/${id}`,
  ticket: (slug: string, id: number) => `${apiBase(slug)}/${id}/ticket`,
  export: (slug: string, id: number, format: ExportFormat) => `${apiBase(slug)}/${id}/export/${format}`,
  versions: (slug: string, id: number) => `${apiBase(slug)}/${id}/versions`,
  version: (slug: string, id: number, version: number) => `${apiBase(slug)}/${id}/versions/${version}`,
  restore: (slug: string, id: number, version: number) => `${apiBase(slug)}/${id}/versions/${version}/restore`,
  comments: (slug: string, id: number) => `${apiBase(slug)}/${id}/comments`,
  comment: (slug: string, id: number, comment: number) => `${apiBase(slug)}/${id}/comments/${comment}`,
  replies: (slug: string, id: number, comment: number) => `${apiBase(slug)}/${id}/comments/${comment}/replies`,
};
