import { REGION_NAMES, SEARCH_FACETS, SEARCH_LIMITS, SEARCH_TYPE_LABELS, SEARCH_TYPES, type Region, type SearchAnswer, type SearchFacetValue, type SearchHit, type SearchType } from '@futurenhs/contract';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import type { EngineHit, SearchFilters } from '../engines/engine';
import { isEmptyQuery, parseQuery } from '../engines/parse-query';
import { TOPIC_UID, WORKSPACE_UID } from '../constants';
import { getService } from '../utils';
import { membership } from '../../../../membership/server/src/contract';

export interface SearchInput {
  text: string;
  types: SearchType[];
  /** A workspace's slug: search only in it. */
  workspace: string | null;
  region: string[];
  topic: string[];
  page: number;
  pageSize: number;
  /** Count facets (the results page) or not (suggestions as you type). */
  facets: boolean;
}

interface WorkspaceName {
  documentId: string;
  slug: string;
  title: string;
  visibility: 'open' | 'restricted' | 'hidden';
}

const FACETS_COUNTED = ['type', 'workspace', ...SEARCH_FACETS];

const emptyFacets = (): SearchAnswer['facets'] => ({ type: [], workspace: [], region: [], topic: [] });

const byCount = (a: SearchFacetValue, b: SearchFacetValue) => b.count - a.count || a.label.localeCompare(b.label);

/**
 * One search, for one asker (docs/search.md): their words read once, what they may read worked out
 * now, the engine asked inside that, and its answer named for the site. The search terms are never
 * logged, with or without the asker.
 */
export const searchService = ({ strapi }: { strapi: Core.Strapi }) => {
  async function workspacesByDocumentId(documentIds: string[]): Promise<Map<string, WorkspaceName>> {
    if (documentIds.length === 0) return new Map();
    const rows = (await strapi.db.query(WORKSPACE_UID).findMany({
      select: ['documentId', 'slug', 'title', 'visibility'],
      where: { documentId: { $in: documentIds } },
    })) as WorkspaceName[];
    return new Map(rows.map((row) => [row.documentId, row]));
  }

  async function topicNames(slugs: string[]): Promise<Map<string, string>> {
    if (slugs.length === 0) return new Map();
    const rows = (await strapi.db.query(TOPIC_UID).findMany({ select: ['slug', 'name'], where: { slug: { $in: slugs } } })) as { slug: string; name: string }[];
    return new Map(rows.map((row) => [row.slug, row.name]));
  }

  /** The workspace a search is kept to, if the asker may know of it; otherwise as if it did not exist. */
  async function scopeWorkspace(slug: string, userId: number | null): Promise<WorkspaceName> {
    const access = membership(strapi).access;
    const workspace = await access.findWorkspace(slug);
    if (!workspace || !(await access.accessOf(userId, workspace)).canFind) throw new errors.NotFoundError('There is no such workspace');
    return workspace;
  }

  return {
    async search(input: SearchInput, userId: number | null): Promise<SearchAnswer> {
      const answer: SearchAnswer = { query: input.text, total: 0, page: input.page, pageSize: input.pageSize, hits: [], facets: emptyFacets(), didYouMean: null };
      const scope = input.workspace ? await scopeWorkspace(input.workspace, userId) : null;
      const query = parseQuery(input.text);
      if (isEmptyQuery(query)) return answer;

      const readable = await getService(strapi, 'readable').readableBy(userId);
      const filters: SearchFilters = {
        ...(input.types.length > 0 ? { types: input.types } : {}),
        ...(scope ? { workspaceId: scope.documentId } : {}),
        facets: Object.fromEntries(
          (
            [
              ['region', input.region],
              ['topic', input.topic],
            ] as const
          ).filter(([, values]) => values.length > 0),
        ),
      };
      const engine = getService(strapi, 'engines').engine();
      const result = await engine.search({
        query,
        readable,
        filters,
        page: input.page,
        pageSize: input.pageSize,
        ...(input.facets ? { facets: FACETS_COUNTED } : {}),
      });
      // Suggestions as you type (no facets) never show a correction: spare the engine the work.
      const didYouMean = result.total === 0 && input.page === 1 && input.facets ? await engine.correct(query, readable, filters) : null;

      const facetCounts = result.facets ?? {};
      const workspaceIds = new Set<string>([
        ...result.hits.flatMap((hit) => (hit.workspaceId ? [hit.workspaceId] : [])),
        ...Object.keys(facetCounts.workspace ?? {}),
      ]);
      const [workspaces, topics] = await Promise.all([workspacesByDocumentId([...workspaceIds]), topicNames(Object.keys(facetCounts.topic ?? {}))]);
      // Everything the engine returned is readable; a workspace is named only if the asker could
      // find it anyway (its hidden workspaces are theirs).
      const named = (documentId: string | null) => {
        const workspace = documentId ? workspaces.get(documentId) : undefined;
        if (!workspace) return null;
        if (workspace.visibility === 'hidden' && !readable.workspaceIds.includes(workspace.documentId)) return null;
        return workspace;
      };

      const hits: SearchHit[] = result.hits.flatMap((hit: EngineHit) => {
        if (!(SEARCH_TYPES as readonly string[]).includes(hit.type)) return [];
        const workspace = named(hit.workspaceId);
        return [
          {
            id: hit.id,
            type: hit.type as SearchType,
            title: hit.title,
            snippet: hit.snippet,
            url: hit.url,
            workspace: workspace ? { slug: workspace.slug, title: workspace.title } : null,
            updatedAt: hit.updatedAt || null,
            context: hit.context,
          },
        ];
      });
      const values = (counts: Record<string, number> | undefined, label: (value: string) => string | null): SearchFacetValue[] =>
        Object.entries(counts ?? {})
          .flatMap(([value, count]) => {
            const text = label(value);
            return text !== null && count > 0 ? [{ value, label: text, count }] : [];
          })
          .sort(byCount)
          .slice(0, SEARCH_LIMITS.facetValues);

      return {
        ...answer,
        total: result.total,
        hits,
        facets: {
          type: values(facetCounts.type, (value) => SEARCH_TYPE_LABELS[value as SearchType]?.many ?? null).sort(
            (a, b) => SEARCH_TYPES.indexOf(a.value as SearchType) - SEARCH_TYPES.indexOf(b.value as SearchType),
          ),
          workspace: values(facetCounts.workspace, (value) => {
            const workspace = named(value);
            return workspace ? workspace.title : null;
          }).map((value) => ({ ...value, value: named(value.value)!.slug })),
          region: values(facetCounts.region, (value) => REGION_NAMES[value as Region] ?? null),
          topic: values(facetCounts.topic, (value) => topics.get(value) ?? null),
        },
        didYouMean,
      };
    },
  };
};

export type SearchService = ReturnType<typeof searchService>;
