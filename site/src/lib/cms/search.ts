import { cms, type CmsClient } from './client.ts';
import { caseStudyCardSchema, CASE_STUDY_CARD_FIELDS, listResponse, WORKSPACE_CARD_FIELDS, workspaceCardSchema, type CaseStudyCard, type WorkspaceCard } from './schemas.ts';
import { LISTED_VISIBILITIES } from '@futurenhs/contract';

/**
 * Interim search (until the search engine of a later issue): case-insensitive substring matches
 * on titles and summaries of listed workspaces and published case studies. Only what the
 * directory already shows is searched, so nothing members-only can leak.
 */
export const SEARCH_RESULTS_PER_TYPE = 10;

export interface SearchResults {
  workspaces: { items: WorkspaceCard[]; total: number };
  caseStudies: { items: CaseStudyCard[]; total: number };
}

function titleOrSummary(term: string) {
  return { $or: [{ title: { $containsi: term } }, { summary: { $containsi: term } }] };
}

export async function searchContent(term: string, client: CmsClient = cms()): Promise<SearchResults> {
  const [workspaces, caseStudies] = await Promise.all([
    client.read(
      {
        path: '/api/workspaces',
        query: {
          fields: [...WORKSPACE_CARD_FIELDS],
          filters: { visibility: { $in: [...LISTED_VISIBILITIES] }, ...titleOrSummary(term) },
          sort: ['title:asc'],
          pagination: { page: 1, pageSize: SEARCH_RESULTS_PER_TYPE },
        },
        schema: listResponse(workspaceCardSchema),
      },
      (response) => ({ items: response.data, total: response.meta?.pagination?.total ?? response.data.length }),
    ),
    client.read(
      {
        path: '/api/case-studies',
        query: {
          fields: [...CASE_STUDY_CARD_FIELDS],
          filters: titleOrSummary(term),
          sort: ['publishedAt:desc', 'title:asc'],
          pagination: { page: 1, pageSize: SEARCH_RESULTS_PER_TYPE },
        },
        schema: listResponse(caseStudyCardSchema),
      },
      (response) => ({ items: response.data, total: response.meta?.pagination?.total ?? response.data.length }),
    ),
  ]);
  return { workspaces, caseStudies };
}
