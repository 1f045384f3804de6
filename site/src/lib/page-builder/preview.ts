import { siteConfig } from '../config.ts';
import { pageBlocks } from '../cms/blocks.ts';
import { publishedNavigation, type NavigationItem, type WorkspacePageContent } from '../cms/workspaces.ts';
import type { ResolvedWorkspace } from '../membership/workspace.ts';
import { getVersion, type PageDetail, type RawBlock } from './api.ts';
import { isNotFound, pageOrNull } from './editor.ts';

/**
 * A draft (or a kept version) as members would see it: the same block parsing as the published
 * page (invalid blocks skipped, private images through the site's image route), inside the
 * workspace's own frame and navigation. Never cached: the responses are for one manager.
 */
export interface PreviewView {
  page: WorkspacePageContent;
  detail: PageDetail;
  navigation: NavigationItem[];
}

export function asPageContent(workspaceSlug: string, page: Pick<PageDetail, 'documentId' | 'title' | 'slug' | 'isHome' | 'updatedAt' | 'commentsEnabled'>, blocks: RawBlock[], where: string): WorkspacePageContent {
  return {
    documentId: page.documentId,
    title: page.title,
    slug: page.slug,
    isHome: page.isHome,
    updatedAt: page.updatedAt,
    commentsEnabled: page.commentsEnabled,
    blocks: pageBlocks(blocks, where, siteConfig().CMS_PUBLIC_URL, workspaceSlug),
  };
}

export async function previewPage(context: { locals: App.Locals }, resolved: ResolvedWorkspace, documentId: string): Promise<PreviewView | null> {
  const slug = resolved.workspace.slug;
  const detail = await pageOrNull(context.locals.cms, slug, documentId);
  if (!detail) return null;
  const page = asPageContent(slug, detail, detail.blocks, `workspace "${slug}" page "${detail.slug}" (builder preview)`);
  return { page, detail, navigation: await publishedNavigation(slug, detail) };
}

/** One kept version's blocks, parsed as the page would render them. */
export async function versionContent(context: { locals: App.Locals }, resolved: ResolvedWorkspace, detail: PageDetail, number: number) {
  const slug = resolved.workspace.slug;
  try {
    const version = await getVersion(context.locals.cms, slug, detail.documentId, number);
    return { version, page: asPageContent(slug, { ...detail, title: version.title }, version.blocks, `workspace "${slug}" page "${detail.slug}" version ${number}`) };
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}
