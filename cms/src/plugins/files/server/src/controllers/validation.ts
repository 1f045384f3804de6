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

// Composed (NFC): "é" typed as one character or as "e" and an accent is the same name, shown the same.
export const text = (max: number, label: string, missing: string) =>
  z
    .string({ error: missing })
    .overwrite((value) => value.normalize('NFC').replace(BIDI_CONTROLS, ''))
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
export const nameOf = (max: number, label: string, missing: string) =>
  text(max, label, missing).refine((value) => !/[\\/\u0000-\u001f\u007f]/.test(value), { error: `${label} cannot contain / or \\` });

/** Ids are whole numbers from 1: anything else gets a sentence, never Zod's own wording. */
export const idSchema = (label: string) => {
  const error = `${label} must be a number`;
  return z.coerce.number({ error }).int({ error }).positive({ error }).max(MAX_ID, { error });
};

/** A folder in a route: `root` for the top level, or a folder's id. */
export const folderRefSchema = z.union([z.literal('root'), idSchema('The folder id')], { error: 'The folder must be "root" or a folder id' });

const CHOOSE_FOLDER = 'Choose a folder';
/** A parent or destination folder in a body: null (or "root") for the top level. */
const parentSchema = z
  .union(
    [
      z.literal('root'),
      z.null(),
      z.coerce.number({ error: CHOOSE_FOLDER }).int({ error: CHOOSE_FOLDER }).positive({ error: CHOOSE_FOLDER }).max(MAX_ID, { error: CHOOSE_FOLDER }),
    ],
    { error: CHOOSE_FOLDER },
  )
  .transform((value) => (value === 'root' ? null : value));

const PAGE_ERROR = 'page must be a whole number from 1';
const PAGE_SIZE_ERROR = `pageSize must be a whole number from 1 to ${FILES_PAGE_SIZE_MAX}`;
const pageSchema = z.coerce.number({ error: PAGE_ERROR }).int({ error: PAGE_ERROR }).min(1, { error: PAGE_ERROR }).max(100_000, { error: PAGE_ERROR }).default(1);

export const folderQuerySchema = z
  .object({
    sort: z.enum(FILE_SORTS, { error: `sort must be one of ${FILE_SORTS.join(', ')}` }).default('name'),
    order: z.enum(SORT_ORDERS, { error: 'order must be asc or desc' }).optional(),
    page: pageSchema,
    pageSize: z.coerce
      .number({ error: PAGE_SIZE_ERROR })
      .int({ error: PAGE_SIZE_ERROR })
      .min(1, { error: PAGE_SIZE_ERROR })
      .max(FILES_PAGE_SIZE_MAX, { error: PAGE_SIZE_ERROR })
      .default(FILES_PAGE_SIZE),
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
export const binQuerySchema = z.object({ page: pageSchema });
