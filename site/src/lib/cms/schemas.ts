import { REGIONS, VISIBILITIES } from '@futurenhs/contract';
import { z } from 'zod';

/**
 * The shapes the site reads from Strapi 5's REST API (flat attributes, `documentId`,
 * `data` + `meta.pagination`). Only the fields the site asks for are described; zod drops the rest.
 */
export { REGION_NAMES, REGIONS, type Region } from '@futurenhs/contract';

// With `pagination[withCount]=false` (no count query) Strapi leaves out pageCount and total.
export const paginationSchema = z.object({
  page: z.number().int(),
  pageSize: z.number().int(),
  pageCount: z.number().int().optional(),
  total: z.number().int().optional(),
});
export type Pagination = Required<z.infer<typeof paginationSchema>>;

export function listResponse<T extends z.ZodType>(item: T) {
  return z.object({
    data: z.array(item),
    meta: z.object({ pagination: paginationSchema.optional() }).optional(),
  });
}

export const mediaSchema = z.object({
  url: z.string().min(1),
  alternativeText: z.string().nullish(),
  width: z.number().nullish(),
  height: z.number().nullish(),
});
export type Media = z.infer<typeof mediaSchema>;

export const WORKSPACE_CARD_FIELDS = ['title', 'slug', 'summary', 'visibility'] as const;
export const workspaceCardSchema = z.object({
  documentId: z.string(),
  title: z.string(),
  slug: z.string(),
  summary: z.string().nullish().transform((value) => value ?? ''),
  visibility: z.enum(VISIBILITIES),
});
export type WorkspaceCard = z.infer<typeof workspaceCardSchema>;

export const PAGE_LINK_FIELDS = ['title', 'slug', 'position', 'isHome'] as const;
export const pageLinkSchema = z.object({
  documentId: z.string(),
  title: z.string(),
  slug: z.string(),
  position: z.number().int().nullish().transform((value) => value ?? 0),
  isHome: z.boolean().nullish().transform((value) => value ?? false),
});
export type PageLink = z.infer<typeof pageLinkSchema>;

export const PAGE_FIELDS = [...PAGE_LINK_FIELDS, 'updatedAt', 'commentsEnabled'] as const;
export const pageSchema = pageLinkSchema.extend({
  updatedAt: z.string().nullish(),
  commentsEnabled: z.boolean().nullish().transform((value) => value ?? false),
  blocks: z.array(z.unknown()).nullish(),
});

export const TOPIC_FIELDS = ['name', 'slug'] as const;
export const topicSchema = z.object({ name: z.string(), slug: z.string() });
export type Topic = z.infer<typeof topicSchema>;

export const CASE_STUDY_CARD_FIELDS = ['title', 'slug', 'summary', 'organisation', 'region', 'publishedAt'] as const;
export const caseStudyCardSchema = z.object({
  documentId: z.string(),
  title: z.string(),
  slug: z.string(),
  summary: z.string().nullish().transform((value) => value ?? ''),
  organisation: z.string().nullish(),
  region: z.enum(REGIONS).nullish(),
  publishedAt: z.string().nullish(),
});
export type CaseStudyCard = z.infer<typeof caseStudyCardSchema>;

export const outcomeSchema = z.object({ headline: z.string(), detail: z.string().nullish() });
export type Outcome = z.infer<typeof outcomeSchema>;

export const CASE_STUDY_FIELDS = [...CASE_STUDY_CARD_FIELDS, 'updatedAt'] as const;
export const caseStudySchema = caseStudyCardSchema.extend({
  updatedAt: z.string().nullish(),
  topics: z.array(topicSchema).nullish().transform((value) => value ?? []),
  outcomes: z.array(outcomeSchema).nullish().transform((value) => value ?? []),
  heroImage: mediaSchema.nullish(),
  body: z.array(z.unknown()).nullish(),
});
