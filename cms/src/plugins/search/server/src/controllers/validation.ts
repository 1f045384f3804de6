import { REGIONS, SEARCH_LIMITS, SEARCH_TYPES, SLUG_PATTERN } from '@futurenhs/contract';
import { z } from '@strapi/utils';

/** A query parameter given once (`type=page`) or repeated (`type=page&type=comment`). */
const list = <T extends z.ZodType>(item: T, label: string) =>
  z.preprocess(
    (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
    z
      .array(item)
      .max(SEARCH_LIMITS.facetValues, { error: `Choose at most ${SEARCH_LIMITS.facetValues} ${label}` })
      .transform((values) => [...new Set(values)] as z.infer<T>[]),
  );

const number = (label: string, max: number, fallback: number) =>
  z.coerce
    .number({ error: `${label} must be a number` })
    .int({ error: `${label} must be a whole number` })
    .min(1, { error: `${label} must be 1 or more` })
    .max(max, { error: `${label} must be ${max} or less` })
    .optional()
    .transform((value) => value ?? fallback);

export const searchQuerySchema = z.object({
  q: z
    .string({ error: 'Search term must be text' })
    .optional()
    .transform((value) => (value ?? '').replace(/\s+/g, ' ').trim())
    .refine((value) => value.length <= SEARCH_LIMITS.query, { error: `Search term must be ${SEARCH_LIMITS.query} characters or fewer` }),
  type: list(z.enum(SEARCH_TYPES, { error: 'Choose a type of result from the list' }), 'types'),
  workspace: z.string().max(200).regex(SLUG_PATTERN, { error: 'There is no such workspace' }).optional(),
  region: list(z.enum(REGIONS, { error: 'Choose a region from the list' }), 'regions'),
  topic: list(z.string().max(100).regex(SLUG_PATTERN, { error: 'Choose a topic from the list' }), 'topics'),
  page: number('Page', SEARCH_LIMITS.pages, 1),
  pageSize: number('Page size', SEARCH_LIMITS.pageSize, 10),
  facets: z
    .enum(['true', 'false'], { error: 'facets must be true or false' })
    .optional()
    .transform((value) => value !== 'false'),
});
