import type { BlockData } from '@futurenhs/blocks';
import { LISTED_VISIBILITIES } from '@futurenhs/contract';
import { z } from 'zod';
import type { PreviewRequest } from '../preview.ts';
import { blocksZonePopulate, pageBlocks } from './blocks.ts';
import { cms, type CmsClient } from './client.ts';
import {
  listResponse,
  PAGE_FIELDS,
  PAGE_LINK_FIELDS,
  pageLinkSchema,
  pageSchema,
  WORKSPACE_CARD_FIELDS,
  workspaceCardSchema,
  type PageLink,
  type Pagination,
  type WorkspaceCard,
} from './schemas.ts';

export const WORKSPACES_PAGE_SIZE = 12;

export interface WorkspaceDirectory {
  workspaces: WorkspaceCard[];
  pagination: Pagination;
}

function containsAny(term: string | undefined, fields: string[]) {
  if (!term) return {};
  return { $or: fields.map((field) => ({ [field]: { $containsi: term } })) };
}

export function emptyPagination(pageSize: number, page = 1): Pagination {
  return { page, pageSize, pageCount: 0, total: 0 };
}

/** The pagination of a counted list response (pageCount and total are always there when counted). */
export function countedPagination(meta: { pagination?: Partial<Pagination> } | undefined, pageSize: number, page: number): Pagination {
  const pagination = meta?.pagination;
  return {
    page: pagination?.page ?? page,
    pageSize: pagination?.pageSize ?? pageSize,
    pageCount: pagination?.pageCount ?? 0,
    total: pagination?.total ?? 0,
  };
}

// Built once: a zod schema costs more to construct than to use, and these are used per request.
const workspaceCardList = listResponse(workspaceCardSchema);

export async function getWorkspaceDirectory(
  { q, page = 1, pageSize = WORKSPACES_PAGE_SIZE }: { q?: string; page?: number; pageSize?: number },
  client: CmsClient = cms(),
): Promise<WorkspaceDirectory> {
  return client.read(
    {
      path: '/api/workspaces',
      query: {
        fields: [...WORKSPACE_CARD_FIELDS],
        filters: { visibility: { $in: [...LISTED_VISIBILITIES] }, ...containsAny(q, ['title', 'summary']) },
        sort: ['title:asc'],
        pagination: { page, pageSize },
      },
      schema: workspaceCardList,
    },
    (response) => ({
      workspaces: response.data,
      pagination: countedPagination(response.meta, pageSize, page),
    }),
  );
}

/** Open workspaces for the home page: a few, newest first. */
export async function listOpenWorkspaces(limit = 4, client: CmsClient = cms()): Promise<WorkspaceCard[]> {
  return client.read(
    {
      path: '/api/workspaces',
      query: {
        fields: [...WORKSPACE_CARD_FIELDS],
        filters: { visibility: { $eq: 'open' } },
        sort: ['createdAt:desc', 'title:asc'],
        pagination: { page: 1, pageSize: limit, withCount: false },
      },
      schema: workspaceCardList,
    },
    (response) => response.data,
  );
}

/** A workspace's public listing (title, summary, visibility) by its slug, whatever its visibility. */
export async function findWorkspace(slug: string, client: CmsClient = cms()): Promise<WorkspaceCard | null> {
  return client.read(
    {
      path: '/api/workspaces',
      query: {
        fields: [...WORKSPACE_CARD_FIELDS],
        filters: { slug: { $eq: slug } },
        pagination: { page: 1, pageSize: 1, withCount: false },
      },
      schema: workspaceCardList,
    },
    (response) => response.data[0] ?? null,
  );
}

/** The workspace's published pages, in the order managers gave them. */
const pageLinkList = listResponse(pageLinkSchema);

async function pageNavigation(workspaceSlug: string, client: CmsClient): Promise<PageLink[]> {
  return client.read(
    {
      path: '/api/pages',
      query: {
        fields: [...PAGE_LINK_FIELDS],
        filters: { workspace: { slug: { $eq: workspaceSlug } } },
        sort: ['position:asc', 'title:asc'],
        pagination: { page: 1, pageSize: 100, withCount: false },
      },
      schema: pageLinkList,
    },
    (response) => response.data,
  );
}

export interface WorkspacePageContent {
  documentId: string;
  title: string;
  slug: string;
  isHome: boolean;
  updatedAt: string | null;
  /** Managers turned members' comments on for this page (the forum's page settings). */
  commentsEnabled: boolean;
  blocks: BlockData[];
}

const pageListSchema = listResponse(pageSchema);

async function findPage(
  workspaceSlug: string,
  which: { home: true } | { slug: string },
  status: 'published' | 'draft',
  client: CmsClient,
): Promise<WorkspacePageContent | null> {
  const pageFilter = 'home' in which ? { isHome: { $eq: true } } : { slug: { $eq: which.slug } };
  return client.read(
    {
      path: '/api/pages',
      query: {
        fields: [...PAGE_FIELDS],
        filters: { workspace: { slug: { $eq: workspaceSlug } }, ...pageFilter },
        populate: { blocks: blocksZonePopulate() },
        pagination: { page: 1, pageSize: 1, withCount: false },
      },
      schema: pageListSchema as z.ZodType<z.infer<typeof pageListSchema>>,
      status,
    },
    (response) => {
      const page = response.data[0];
      if (!page) return null;
      const where = `workspace "${workspaceSlug}" page "${page.slug}"${status === 'draft' ? ' (draft)' : ''}`;
      return {
        documentId: page.documentId,
        title: page.title,
        slug: page.slug,
        isHome: page.isHome,
        updatedAt: page.updatedAt ?? null,
        commentsEnabled: page.commentsEnabled,
        blocks: pageBlocks(page.blocks, where, undefined, workspaceSlug),
      };
    },
  );
}

export interface NavigationItem {
  title: string;
  href: string;
  current: boolean;
}

export type WorkspacePageResult =
  | { kind: 'not-found' }
  /** Restricted workspace: only its listing (title, summary) may be shown to non-members. */
  | { kind: 'restricted'; workspace: WorkspaceCard }
  /** 302 for the home page's own slug; 301 for an old slug of a renamed page. */
  | { kind: 'redirect'; location: string; status?: 301 | 302 }
  | {
      kind: 'page';
      workspace: WorkspaceCard;
      navigation: NavigationItem[];
      /** null: an open workspace with no published home page yet. */
      page: WorkspacePageContent | null;
      preview: boolean;
    };

/**
 * What a published page's rendered blocks depend on: the page's version and its address (the
 * contents list marks the current page). Null for a draft in preview, which is never shared.
 */
export function blocksKey(url: URL, page: Pick<WorkspacePageContent, 'documentId' | 'updatedAt'>, preview: boolean): string | null {
  return preview ? null : `${url.pathname}|${page.documentId}|${page.updatedAt ?? ''}`;
}

export function workspaceHref(workspaceSlug: string): string {
  return `/workspaces/${encodeURIComponent(workspaceSlug)}`;
}

export function workspacePageHref(workspaceSlug: string, page: Pick<PageLink, 'slug' | 'isHome'>): string {
  return page.isHome ? workspaceHref(workspaceSlug) : `${workspaceHref(workspaceSlug)}/pages/${encodeURIComponent(page.slug)}`;
}

/** The workspace's published pages as its navigation shows them (e.g. around a manager's preview of a draft). */
export async function publishedNavigation(
  workspaceSlug: string,
  current: Pick<PageLink, 'documentId'> | null,
  client: CmsClient = cms(),
): Promise<NavigationItem[]> {
  return buildNavigation(workspaceSlug, await pageNavigation(workspaceSlug, client), current);
}

export function buildNavigation(workspaceSlug: string, pages: PageLink[], current: Pick<PageLink, 'documentId'> | null): NavigationItem[] {
  // The home page leads, whatever its position.
  const ordered = [...pages.filter((page) => page.isHome), ...pages.filter((page) => !page.isHome)];
  return ordered.map((page) => ({
    title: page.title,
    href: workspacePageHref(workspaceSlug, page),
    current: current !== null && page.documentId === current.documentId,
  }));
}

/**
 * Who may read a workspace's content: 'view' (its pages), 'restricted' (its listing only, without
 * looking the page up: a page's existence is members-only too) or 'not-found'. Every caller says
 * who is asking (the site's pages ask the membership plugin: src/lib/membership/access.ts); there
 * is no default rule, and a call without a decider shows nothing beyond the listing.
 */
export type ContentDecision = 'view' | 'restricted' | 'not-found';
export type ContentDecider = (workspace: WorkspaceCard) => Promise<ContentDecision> | ContentDecision;

/** Fails closed: never a workspace's pages, and never a hidden workspace at all. */
const listingOnly: ContentDecider = (workspace) => (workspace.visibility === 'hidden' ? 'not-found' : 'restricted');

/** Where a page's old slug now lives (the page builder keeps one for every rename), or null. */
export type MovedPageLookup = (pageSlug: string) => Promise<Pick<PageLink, 'slug' | 'isHome'> | null>;

/**
 * A page of a workspace as the decider allows. A verified preview token shows the draft of
 * exactly its own document (the editor's preview from the admin). A page slug that is not found
 * but was renamed answers 301 to its new address, and only once the viewer may read the workspace
 * (an old address must not tell a non-member that the page exists).
 */
async function resolveWorkspacePage(
  workspaceSlug: string,
  which: { home: true } | { slug: string },
  preview: PreviewRequest,
  client: CmsClient,
  decide: ContentDecider,
  findMoved?: MovedPageLookup,
): Promise<WorkspacePageResult> {
  if (preview.kind === 'invalid') return { kind: 'not-found' };
  const workspace = await findWorkspace(workspaceSlug, client);
  if (!workspace) return { kind: 'not-found' };

  if (preview.kind === 'valid') {
    const [draft, pages] = await Promise.all([findPage(workspaceSlug, which, 'draft', client), pageNavigation(workspaceSlug, client)]);
    if (!draft || draft.documentId !== preview.documentId) return { kind: 'not-found' };
    return { kind: 'page', workspace, navigation: buildNavigation(workspaceSlug, pages, draft), page: draft, preview: true };
  }

  const decision = await (decide ?? listingOnly)(workspace);
  if (decision === 'not-found') return { kind: 'not-found' };
  if (decision === 'restricted') return { kind: 'restricted', workspace };

  const [page, pages] = await Promise.all([findPage(workspaceSlug, which, 'published', client), pageNavigation(workspaceSlug, client)]);
  if (!page) {
    if ('home' in which) return { kind: 'page', workspace, navigation: buildNavigation(workspaceSlug, pages, null), page: null, preview: false };
    const moved = findMoved ? await findMoved(which.slug) : null;
    if (moved && moved.slug !== which.slug) return { kind: 'redirect', location: workspacePageHref(workspaceSlug, moved), status: 301 };
    return { kind: 'not-found' };
  }
  // The home page has one address: the workspace's own.
  if (!('home' in which) && page.isHome) return { kind: 'redirect', location: workspaceHref(workspaceSlug) };
  return { kind: 'page', workspace, navigation: buildNavigation(workspaceSlug, pages, page), page, preview: false };
}

export function getWorkspaceHome(
  slug: string,
  preview: PreviewRequest,
  client: CmsClient = cms(),
  decide: ContentDecider,
): Promise<WorkspacePageResult> {
  return resolveWorkspacePage(slug, { home: true }, preview, client, decide);
}

export function getWorkspacePage(
  slug: string,
  pageSlug: string,
  preview: PreviewRequest,
  client: CmsClient = cms(),
  decide: ContentDecider,
  findMoved?: MovedPageLookup,
): Promise<WorkspacePageResult> {
  return resolveWorkspacePage(slug, { slug: pageSlug }, preview, client, decide, findMoved);
}
