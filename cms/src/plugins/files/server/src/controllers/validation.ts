import { BIDI_CONTROLS } from '@futurenhs/contract';
import { z } from '@strapi/utils';
import {
  DEFAULT_SORT_ORDER,
  FILE_DESCRIPTION_MAX,
  FILE_NAME_MAX,
  FILE_SORTS,
  FILES_PAGE_SIZE,
  FILES_PAGE_SIZE_MAX,
  FOLDER_NAME_MAX,
  SORT_ORDERS,
  VERSION_COMMENT_MAX,
} from '../constants';

export { parse } from '../utils';

const MAX_ID = 2_147_483_647;

const text = (max: number, label: string, missing: string) =>
  z
    .string({ error: missing })
    .overwrite((value) => value.replace(BIDI_CONTROLS, ''))
    .trim()
    .min(1, { error: missing })
    .max(max, { error: `${label} must be ${max.toLocaleString('en-GB')} characters or fewer` });

/** Optional free text: empty means none. */
const optionalText = (max: number, label: string) =>
  z
    .string()
    .overwrite((value) => value.replace(BIDI_CONTROLS, ''))
    .trim()
    .max(max, { error: `${label} must be ${max.toLocaleString('en-GB')} characters or fewer` })
    .nullish()
    .transform((value) => value || null);

/** Folder and file names: no slashes (they are not paths) and no control characters. */
const nameOf = (max: number, label: string, missing: string) =>
  text(max, label, missing).refine((value) => !/[\\/\u0000-\u001f\u007f]/.test(value), { error: `${label} cannot contain / or \\` });

export const idSchema = (label: string) => z.coerce.number({ error: `${label} must be a number` }).int().positive().max(MAX_ID);

/** A folder in a route: `root` for the top level, or a folder's id. */
export const folderRefSchema = z.union([z.literal('root'), idSchema('The folder id')], { error: 'The folder must be "root" or a folder id' });

/** A parent or destination folder in a body: null (or "root") for the top level. */
const parentSchema = z
  .union([z.literal('root'), z.null(), idSchema('The folder id')], { error: 'Choose a folder' })
  .transform((value) => (value === 'root' ? null : value));

export const folderQuerySchema = z
  .object({
    sort: z.enum(FILE_SORTS, { error: `sort must be one of ${FILE_SORTS.join(', ')}` }).default('name'),
    order: z.enum(SORT_ORDERS, { error: 'order must be asc or desc' }).optional(),
    page: z.coerce.number({ error: 'page must be a number' }).int().min(1).max(100_000).default(1),
    pageSize: z.coerce.number({ error: 'pageSize must be a number' }).int().min(1).max(FILES_PAGE_SIZE_MAX).default(FILES_PAGE_SIZE),
  })
  .transform((query) => ({ ...query, order: query.order ?? DEFAULT_SORT_ORDER[query.sort] }));

export const newFolderSchema = z.object({
  name: nameOf(FOLDER_NAME_MAX, 'The folder name', 'Enter a folder name'),
  description: optionalText(FILE_DESCRIPTION_MAX, 'The description'),
  parentId: parentSchema.default(null),
});

export const folderChangeSchema = z.object({
  name: nameOf(FOLDER_NAME_MAX, 'The folder name', 'Enter a folder name').optional(),
  description: optionalText(FILE_DESCRIPTION_MAX, 'The description'),
  parentId: parentSchema.optional(),
});

export const itemChangeSchema = z.object({
  name: nameOf(FILE_NAME_MAX, 'The file name', 'Enter a file name').optional(),
  description: optionalText(FILE_DESCRIPTION_MAX, 'The description'),
  folderId: parentSchema.optional(),
});

export const uploadFieldsSchema = z.object({ description: optionalText(FILE_DESCRIPTION_MAX, 'The description') });
export const versionFieldsSchema = z.object({ comment: optionalText(VERSION_COMMENT_MAX, 'The comment') });
export const versionQuerySchema = z.object({ version: idSchema('The version').optional() });
export const binKindSchema = z.enum(['folder', 'item'], { error: 'Choose a folder or a file' });
export const binQuerySchema = z.object({ page: z.coerce.number({ error: 'page must be a number' }).int().min(1).max(100_000).default(1) });
