import { BIDI_CONTROLS } from '@futurenhs/contract';
import { errors, z } from '@strapi/utils';
import { PAGES_MAX, SLUG_MAX, SLUG_PATTERN, TITLE_MAX } from '../constants';

const title = z
  .string({ error: 'Enter a title' })
  .overwrite((value) => value.replace(BIDI_CONTROLS, ''))
  .trim()
  .min(1, { error: 'Enter a title' })
  .max(TITLE_MAX, { error: `The title must be ${TITLE_MAX} characters or fewer` });

const SLUG_MESSAGE = 'Enter an address of lowercase letters, numbers and hyphens, like team-news';
const slug = z
  .string({ error: 'Enter an address for the page' })
  .trim()
  .min(1, { error: 'Enter an address for the page' })
  .max(SLUG_MAX, { error: `The address must be ${SLUG_MAX} characters or fewer` })
  .regex(SLUG_PATTERN, { error: SLUG_MESSAGE });

const revision = z.number({ error: 'Reload the page: the form did not say which version it was based on' }).int().min(0).max(2_147_483_647);

export const createSchema = z.object({
  title,
  // Empty or absent: made from the title.
  slug: z.preprocess((value) => (value === '' || value === null ? undefined : value), slug.optional()),
});
export const settingsSchema = z.object({ title, slug });
export const saveSchema = z.object({ revision, blocks: z.array(z.unknown(), { error: 'The blocks must be a list' }) });
export const revisionSchema = z.object({ revision });
export const orderSchema = z.object({
  order: z.array(z.string().max(64), { error: 'Give the pages in their new order' }).min(1).max(PAGES_MAX),
});

/** Route parameters that do not look like what they name answer 404, as a missing one does. */
export function documentIdParam(value: unknown, what = 'This page does not exist'): string {
  if (typeof value !== 'string' || !/^[A-Za-z0-9]{1,64}$/.test(value)) throw new errors.NotFoundError(what);
  return value;
}
export function numberParam(value: unknown, what: string): number {
  const number = Number(value);
  if (!Number.isSafeInteger(number) || number < 1 || number > 2_147_483_647 || String(number) !== String(value)) throw new errors.NotFoundError(what);
  return number;
}
export function slugParam(value: unknown, what: string): string {
  if (typeof value !== 'string' || value.length > SLUG_MAX || !SLUG_PATTERN.test(value)) throw new errors.NotFoundError(what);
  return value;
}

export { parse } from '../../../../common/plugin';
