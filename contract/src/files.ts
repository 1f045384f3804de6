import { z } from 'zod';
import { authorSchema } from './forum.ts';
import { isoTime, optionalPlainText, plainText } from './text.ts';

/**
 * A workspace's files (cms/src/plugins/files): folders, and folder items that are files (with
 * versions) or, later, documents written together. The CMS refuses past these limits; the site's
 * forms say so first.
 */
export const FOLDER_NAME_MAX = 100;
export const FILE_NAME_MAX = 200;
export const FILE_DESCRIPTION_MAX = 1_000;
export const VERSION_COMMENT_MAX = 500;
/** Folders nest at most this deep (the root is depth 0). */
export const FOLDER_DEPTH_MAX = 8;
/** Files in one upload. */
export const UPLOAD_FILES_MAX = 20;
/**
 * One upload request (several files) may hold at most this many times the per-file limit: the
 * CMS's body parser stops reading past it (413), and the site refuses such a request before
 * sending it. Each file is held to the per-file limit itself.
 */
export const UPLOAD_REQUEST_FACTOR = 4;
/** The default upload size limit in MB (FILES_MAX_MB on the CMS; the site reads it from the CMS's answers). */
export const DEFAULT_FILE_MAX_MB = 250;

export const FOLDER_ITEM_KINDS = ['file', 'document'] as const;
export type FolderItemKind = (typeof FOLDER_ITEM_KINDS)[number];

export const FILE_SORTS = ['name', 'date', 'size'] as const;
export type FileSort = (typeof FILE_SORTS)[number];
export const SORT_ORDERS = ['asc', 'desc'] as const;
export type SortOrder = (typeof SORT_ORDERS)[number];
/** The order a sort starts in: names A to Z, newest first, largest first. */
export const DEFAULT_SORT_ORDER: Record<FileSort, SortOrder> = { name: 'asc', date: 'desc', size: 'desc' };
export const FILES_PAGE_SIZE = 50;
export const FILES_PAGE_SIZE_MAX = 100;

/**
 * A version's virus check. `unscanned`: scanning is off (the default), so it is served as is;
 * `pending`: scanning is on and it has not been checked yet; `clean`; `infected`; `failed`: the
 * scanner could not check it (retried). Where scanning is on, only `clean` is ever downloaded.
 */
export const SCAN_STATES = ['unscanned', 'pending', 'clean', 'infected', 'failed'] as const;
export type ScanState = (typeof SCAN_STATES)[number];

/** What the asker may do with a folder or an item, as the CMS decides it; the site shows only these actions. */
export const itemAbilitiesSchema = z.object({
  change: z.boolean().catch(false),
  delete: z.boolean().catch(false),
});
export type ItemAbilities = z.output<typeof itemAbilitiesSchema>;

/** Who uploaded or changed something: the forum's author shape (real name, job title, organisation). */
export const filePersonSchema = authorSchema.nullable();
export type FilePerson = z.output<typeof filePersonSchema>;

export const folderRefSchema = z.object({ id: z.number().int(), name: plainText });
export type FolderRef = z.output<typeof folderRefSchema>;

export const folderSummarySchema = z.object({
  id: z.number().int(),
  name: plainText,
  description: optionalPlainText,
  updatedAt: isoTime,
  /** Items and folders directly inside, not in the bin. */
  itemCount: z.number().int(),
  can: itemAbilitiesSchema,
});
export type FolderSummary = z.output<typeof folderSummarySchema>;

export const itemSummarySchema = z.object({
  id: z.number().int(),
  kind: z.enum(FOLDER_ITEM_KINDS),
  name: plainText,
  description: optionalPlainText,
  /** The current version's type, size and check (documents: text/html, their text's size, unscanned). */
  mime: z.string(),
  /** Human kind: "PDF", "Word document", ... */
  label: plainText,
  size: z.number().int(),
  version: z.number().int(),
  scan: z.enum(SCAN_STATES),
  updatedAt: isoTime,
  updatedBy: filePersonSchema,
  can: itemAbilitiesSchema,
});
export type ItemSummary = z.output<typeof itemSummarySchema>;

export const paginationSchema = z.object({
  page: z.number().int(),
  pageSize: z.number().int(),
  pageCount: z.number().int(),
  total: z.number().int(),
});

/** GET /api/files/workspaces/:slug/folders/:folder (`root` for the top). */
export const folderViewSchema = z.object({
  data: z.object({
    /** null at the root. */
    folder: folderSummarySchema.extend({ parentId: z.number().int().nullable() }).nullable(),
    /** From the root (excluded) down to this folder (included). */
    breadcrumbs: z.array(folderRefSchema),
    /** Every subfolder, by name (not paged; a folder holds at most FOLDER_CHILDREN_MAX). */
    folders: z.array(folderSummarySchema),
    items: z.array(itemSummarySchema),
    pagination: paginationSchema,
    sort: z.enum(FILE_SORTS),
    order: z.enum(SORT_ORDERS),
    can: z.object({ upload: z.boolean(), createFolder: z.boolean(), manageBin: z.boolean() }),
    maxUploadBytes: z.number().int(),
  }),
});
export type FolderView = z.output<typeof folderViewSchema>['data'];
export const FOLDER_CHILDREN_MAX = 500;

export const versionSchema = z.object({
  number: z.number().int(),
  size: z.number().int(),
  mime: z.string(),
  label: plainText,
  sha256: z.string(),
  comment: optionalPlainText,
  createdAt: isoTime,
  author: filePersonSchema,
  scan: z.enum(SCAN_STATES),
  /** The version this one restored, if it is a restore. */
  restoredFrom: z.number().int().nullable(),
});
export type FileVersion = z.output<typeof versionSchema>;

/** GET /api/files/workspaces/:slug/items/:id */
export const itemViewSchema = z.object({
  data: z.object({
    item: itemSummarySchema.extend({ folderId: z.number().int().nullable(), createdAt: isoTime, createdBy: filePersonSchema }),
    breadcrumbs: z.array(folderRefSchema),
    /** Newest first. */
    versions: z.array(versionSchema),
    /** Whether the current version may be shown in the browser (PDF and raster images). */
    previewable: z.boolean(),
    maxUploadBytes: z.number().int(),
  }),
});
export type ItemView = z.output<typeof itemViewSchema>['data'];

export const binEntrySchema = z.object({
  kind: z.enum(['folder', ...FOLDER_ITEM_KINDS]),
  id: z.number().int(),
  name: plainText,
  /** Where it was: the folders from the root down (empty at the root). */
  path: z.array(folderRefSchema),
  deletedAt: isoTime,
  deletedBy: filePersonSchema,
  /** Items (and folders) inside a folder entry, 0 for an item. */
  contains: z.number().int(),
  size: z.number().int(),
});
export type BinEntry = z.output<typeof binEntrySchema>;

/** GET /api/files/workspaces/:slug/bin (managers). */
export const binViewSchema = z.object({
  data: z.object({ entries: z.array(binEntrySchema), pagination: paginationSchema }),
});

/** POST …/folders/:folder/files (multipart, field `files`, several): what was added. */
export const uploadedSchema = z.object({ data: z.object({ items: z.array(itemSummarySchema) }) });

/**
 * The largest file a member may upload, in bytes: the CMS's FILES_MAX_MB, else the default. The
 * CMS's body parser stops reading past it, and the files plugin checks each file against it again.
 */
export function uploadLimitBytes(env: Record<string, string | undefined>): number {
  const configured = Number(env.FILES_MAX_MB);
  const megabytes = Number.isFinite(configured) && configured > 0 ? configured : DEFAULT_FILE_MAX_MB;
  return Math.floor(megabytes * 1024 * 1024);
}
