import { z } from 'zod';
import { parseCms } from '../cms/accounts.ts';
import { isCmsRequestError } from '../cms/http.ts';
import type { MemberCms } from '../cms/member-client.ts';

/**
 * Typed calls to the page builder's CMS routes (cms/src/plugins/page-builder), through the
 * viewer's own client (`Astro.locals.cms`): their token, nothing cached, refusals as
 * CmsRequestError carrying the CMS's message and field errors. Every permission is the CMS's
 * (the membership plugin's canManage); the site only shows what it answers.
 */
const base = (slug: string) => `/api/page-builder/workspaces/${encodeURIComponent(slug)}`;
const pagePath = (slug: string, documentId: string) => `${base(slug)}/pages/${encodeURIComponent(documentId)}`;

export const PAGE_STATUSES = ['draft', 'published', 'changed'] as const;
export type PageStatus = (typeof PAGE_STATUSES)[number];

const authorSchema = z
  .object({ name: z.string().nullish() })
  .nullish()
  .transform((value) => (value ? { name: value.name || 'A former manager' } : null));

export const pageSummarySchema = z.object({
  documentId: z.string().min(1),
  title: z.string(),
  slug: z.string(),
  position: z.number().nullish().transform((value) => value ?? 0),
  isHome: z.boolean().nullish().transform((value) => value ?? false),
  commentsEnabled: z.boolean().nullish().transform((value) => value ?? false),
  status: z.enum(PAGE_STATUSES),
  revision: z.number().int(),
  updatedAt: z.string().nullish().transform((value) => value ?? null),
  updatedBy: authorSchema,
  publishedAt: z.string().nullish().transform((value) => value ?? null),
});
export type PageSummary = z.infer<typeof pageSummarySchema>;

/** Blocks as the CMS returns them (populated, like the site's /api/pages reads); checked where rendered. */
export type RawBlock = Record<string, unknown> & { __component: string };
const rawBlockSchema = z.looseObject({ __component: z.string() }) as unknown as z.ZodType<RawBlock>;

export const pageDetailSchema = pageSummarySchema.extend({
  blocks: z
    .array(rawBlockSchema)
    .nullish()
    .transform((value) => value ?? []),
});
export type PageDetail = z.infer<typeof pageDetailSchema>;

export const VERSION_KINDS = ['publish', 'restore', 'conflict', 'replaced'] as const;
export type VersionKind = (typeof VERSION_KINDS)[number] | 'other';

export const versionSchema = z.object({
  number: z.number().int(),
  // A kind this site does not know yet is shown as a kept version, not an error page.
  kind: z.string().transform((kind): VersionKind => ((VERSION_KINDS as readonly string[]).includes(kind) ? (kind as VersionKind) : 'other')),
  title: z.string(),
  createdAt: z.string(),
  author: authorSchema,
  /** For a restore: the version it brought back. */
  restoredFrom: z.number().int().nullish().transform((value) => value ?? null),
});
export type Version = z.infer<typeof versionSchema>;

export const versionDetailSchema = versionSchema.extend({
  blocks: z
    .array(rawBlockSchema)
    .nullish()
    .transform((value) => value ?? []),
});
export type VersionDetail = z.infer<typeof versionDetailSchema>;

export const presenceSchema = z.object({ name: z.string(), seenAt: z.string() });
export type Presence = z.infer<typeof presenceSchema>;

export const uploadedImageSchema = z.object({
  id: z.number().int(),
  url: z.string().min(1),
  width: z.number().nullish(),
  height: z.number().nullish(),
  mime: z.string().nullish(),
});
export type UploadedImage = z.infer<typeof uploadedImageSchema>;

export const redirectSchema = z.object({ slug: z.string().min(1), isHome: z.boolean().nullish().transform((value) => value ?? false) });
export type PageRedirect = z.infer<typeof redirectSchema>;

const data = <T extends z.ZodType>(schema: T) => z.object({ data: schema });

async function read<T>(call: Promise<unknown>, schema: z.ZodType<{ data: T }>, path: string): Promise<T> {
  return parseCms(schema, await call, path).data;
}

/** Block input (see the contract): media as file ids, case studies as document ids. */
export type BlockInputValue = Record<string, unknown> & { __component: string };

export function listPages(cms: MemberCms, slug: string): Promise<PageSummary[]> {
  const path = `${base(slug)}/pages`;
  return read(cms.get(path), data(z.array(pageSummarySchema)), path);
}

export function createPage(cms: MemberCms, slug: string, page: { title: string; slug?: string }): Promise<PageDetail> {
  const path = `${base(slug)}/pages`;
  return read(cms.post(path, page), data(pageDetailSchema), path);
}

export function getPage(cms: MemberCms, slug: string, documentId: string): Promise<PageDetail> {
  const path = pagePath(slug, documentId);
  return read(cms.get(path), data(pageDetailSchema), path);
}

export function saveBlocks(cms: MemberCms, slug: string, documentId: string, revision: number, blocks: BlockInputValue[]): Promise<PageDetail> {
  const path = pagePath(slug, documentId);
  return read(cms.put(path, { revision, blocks }), data(pageDetailSchema), path);
}

export function saveSettings(cms: MemberCms, slug: string, documentId: string, settings: { title: string; slug: string }): Promise<PageSummary> {
  const path = `${pagePath(slug, documentId)}/settings`;
  return read(cms.put(path, settings), data(pageSummarySchema), path);
}

export function reorderPages(cms: MemberCms, slug: string, order: string[]): Promise<PageSummary[]> {
  const path = `${base(slug)}/pages/order`;
  return read(cms.put(path, { order }), data(z.array(pageSummarySchema)), path);
}

export function makeHome(cms: MemberCms, slug: string, documentId: string): Promise<PageSummary[]> {
  const path = `${pagePath(slug, documentId)}/home`;
  return read(cms.post(path), data(z.array(pageSummarySchema)), path);
}

export async function deletePage(cms: MemberCms, slug: string, documentId: string): Promise<void> {
  await cms.delete(pagePath(slug, documentId));
}

export function publishPage(cms: MemberCms, slug: string, documentId: string, revision: number): Promise<PageDetail> {
  const path = `${pagePath(slug, documentId)}/publish`;
  return read(cms.post(path, { revision }), data(pageDetailSchema), path);
}

export function unpublishPage(cms: MemberCms, slug: string, documentId: string): Promise<PageSummary> {
  const path = `${pagePath(slug, documentId)}/unpublish`;
  return read(cms.post(path), data(pageSummarySchema), path);
}

export function listVersions(cms: MemberCms, slug: string, documentId: string): Promise<Version[]> {
  const path = `${pagePath(slug, documentId)}/versions`;
  return read(cms.get(path), data(z.array(versionSchema)), path);
}

export function getVersion(cms: MemberCms, slug: string, documentId: string, number: number): Promise<VersionDetail> {
  const path = `${pagePath(slug, documentId)}/versions/${number}`;
  return read(cms.get(path), data(versionDetailSchema), path);
}

export function restoreVersion(cms: MemberCms, slug: string, documentId: string, number: number, revision: number): Promise<PageDetail> {
  const path = `${pagePath(slug, documentId)}/versions/${number}/restore`;
  return read(cms.post(path, { revision }), data(pageDetailSchema), path);
}

/** The other managers who have this page open (and records that the viewer has). */
export function presence(cms: MemberCms, slug: string, documentId: string): Promise<Presence[]> {
  const path = `${pagePath(slug, documentId)}/presence`;
  // A heartbeat: nothing the site remembers about the manager changes.
  return read(cms.post(path, undefined, { changesViewer: false }), data(z.array(presenceSchema)), path);
}

/** Uploads one image for the workspace's pages: checked, resized and made private by the CMS. */
export function uploadImage(cms: MemberCms, slug: string, file: File): Promise<UploadedImage> {
  const path = `${base(slug)}/images`;
  const form = new FormData();
  form.set('file', file, file.name || 'image');
  return read(cms.post(path, form), data(uploadedImageSchema), path);
}

/**
 * Where an old page slug now lives, asked as the viewer (after their access to the workspace was
 * decided as 'view'). Null when there is no such redirect.
 */
export async function findRedirect(cms: MemberCms, slug: string, from: string): Promise<PageRedirect | null> {
  const path = `${base(slug)}/redirects/${encodeURIComponent(from)}`;
  try {
    return await read(cms.get(path), data(redirectSchema), path);
  } catch (error) {
    if (isCmsRequestError(error, 404)) return null;
    throw error;
  }
}

/** The path of an image a workspace shows, through the CMS's checked route, for the site's image route. */
export function imagePath(slug: string, file: string): string {
  return `${base(slug)}/images/${encodeURIComponent(file)}`;
}

