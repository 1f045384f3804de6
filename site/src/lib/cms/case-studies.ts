import type { BlockData } from '@futurenhs/blocks';
import type { PreviewRequest } from '../preview.ts';
import { blocksZonePopulate, pageBlocks } from './blocks.ts';
import { cms, type CmsClient } from './client.ts';
import {
  CASE_STUDY_CARD_FIELDS,
  CASE_STUDY_FIELDS,
  caseStudyCardSchema,
  caseStudySchema,
  listResponse,
  TOPIC_FIELDS,
  topicSchema,
  type CaseStudyCard,
  type Media,
  type Outcome,
  type Pagination,
  type Region,
  type Topic,
} from './schemas.ts';
import { countedPagination } from './workspaces.ts';

export const CASE_STUDIES_PAGE_SIZE = 10;

const IMAGE_FIELDS = ['url', 'alternativeText', 'width', 'height'];

export interface CaseStudyCardWithImage extends CaseStudyCard {
  heroImage?: Media | null;
}

const cardWithImageSchema = caseStudyCardSchema.extend({ heroImage: caseStudySchema.shape.heroImage });

export interface CaseStudyFilters {
  region?: Region;
  topic?: string;
  page?: number;
  pageSize?: number;
}

export interface CaseStudyList {
  caseStudies: CaseStudyCardWithImage[];
  pagination: Pagination;
}

// Built once: a zod schema costs more to construct than to use, and these are used per request.
const cardWithImageList = listResponse(cardWithImageSchema);
const topicList = listResponse(topicSchema);
const caseStudyList = listResponse(caseStudySchema);

export async function listCaseStudies(
  { region, topic, page = 1, pageSize = CASE_STUDIES_PAGE_SIZE }: CaseStudyFilters,
  client: CmsClient = cms(),
): Promise<CaseStudyList> {
  return client.read(
    {
      path: '/api/case-studies',
      query: {
        fields: [...CASE_STUDY_CARD_FIELDS],
        populate: { heroImage: { fields: IMAGE_FIELDS } },
        filters: {
          ...(region ? { region: { $eq: region } } : {}),
          ...(topic ? { topics: { slug: { $eq: topic } } } : {}),
        },
        sort: ['publishedAt:desc', 'title:asc'],
        pagination: { page, pageSize },
      },
      schema: cardWithImageList,
    },
    (response) => ({ caseStudies: response.data, pagination: countedPagination(response.meta, pageSize, page) }),
  );
}

export async function listLatestCaseStudies(limit = 3, client: CmsClient = cms()): Promise<CaseStudyCardWithImage[]> {
  return client.read(
    {
      path: '/api/case-studies',
      query: {
        fields: [...CASE_STUDY_CARD_FIELDS],
        populate: { heroImage: { fields: IMAGE_FIELDS } },
        sort: ['publishedAt:desc', 'title:asc'],
        pagination: { page: 1, pageSize: limit, withCount: false },
      },
      schema: cardWithImageList,
    },
    (response) => response.data,
  );
}

export async function listTopics(client: CmsClient = cms()): Promise<Topic[]> {
  return client.read(
    {
      path: '/api/topics',
      query: { fields: [...TOPIC_FIELDS], sort: ['name:asc'], pagination: { page: 1, pageSize: 100, withCount: false } },
      schema: topicList,
    },
    (response) => response.data,
  );
}

export interface CaseStudy extends CaseStudyCard {
  updatedAt: string | null;
  topics: Topic[];
  outcomes: Outcome[];
  heroImage: Media | null;
  body: BlockData[];
}

export type CaseStudyResult = { kind: 'not-found' } | { kind: 'found'; caseStudy: CaseStudy; preview: boolean };

async function findCaseStudy(slug: string, status: 'published' | 'draft', client: CmsClient): Promise<CaseStudy | null> {
  return client.read(
    {
      path: '/api/case-studies',
      query: {
        fields: [...CASE_STUDY_FIELDS],
        filters: { slug: { $eq: slug } },
        populate: {
          topics: { fields: [...TOPIC_FIELDS], sort: ['name:asc'] },
          outcomes: true,
          heroImage: { fields: IMAGE_FIELDS },
          body: blocksZonePopulate(),
        },
        pagination: { page: 1, pageSize: 1, withCount: false },
      },
      schema: caseStudyList,
      status,
    },
    (response) => {
      const study = response.data[0];
      if (!study) return null;
      const { body, ...rest } = study;
      return {
        ...rest,
        updatedAt: study.updatedAt ?? null,
        heroImage: study.heroImage ?? null,
        body: pageBlocks(body, `case study "${study.slug}"${status === 'draft' ? ' (draft)' : ''}`),
      };
    },
  );
}

/** A published case study, or with a verified preview token the draft of exactly that document. */
export async function getCaseStudy(slug: string, preview: PreviewRequest, client: CmsClient = cms()): Promise<CaseStudyResult> {
  if (preview.kind === 'invalid') return { kind: 'not-found' };
  if (preview.kind === 'valid') {
    const draft = await findCaseStudy(slug, 'draft', client);
    if (!draft || draft.documentId !== preview.documentId) return { kind: 'not-found' };
    return { kind: 'found', caseStudy: draft, preview: true };
  }
  const study = await findCaseStudy(slug, 'published', client);
  return study ? { kind: 'found', caseStudy: study, preview: false } : { kind: 'not-found' };
}
