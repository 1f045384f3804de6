import { renderMarkdown } from '@futurenhs/blocks';
import type { ResolvedWorkspace } from '../membership/workspace.ts';
import type { PageDetail } from './api.ts';
import { blockCatalogue } from './block-form.ts';
import { newBlockHref } from './common.ts';
import { pageOrNull } from './editor.ts';

/**
 * "Add a block": the catalogue in its groups, each block with its one-line description and its
 * README's guidance for editors (bundled at build time by block-form.ts), linking to its form.
 */
export interface CatalogueEntry {
  uid: string;
  displayName: string;
  description: string;
  /** The README's guidance as sanitized HTML, its headings moved below the block's own. */
  guidanceHtml: string;
  href: string;
}

export interface AddBlockView {
  page: PageDetail;
  /** Where the new block goes (from 0), or null: at the end. */
  at: number | null;
  groups: { group: string; blocks: CatalogueEntry[] }[];
}

/** README headings start at h2; on this page they sit inside a block's h3. */
export function demoteHeadings(html: string): string {
  return html.replace(/<(\/?)h([1-4])(\s|>)/g, (_match, slash: string, level: string, next: string) => `<${slash}h${Math.min(Number(level) + 2, 6)}${next}`);
}

export async function addBlockPage(context: { locals: App.Locals; url: URL }, resolved: ResolvedWorkspace, documentId: string): Promise<AddBlockView | null> {
  const slug = resolved.workspace.slug;
  const page = await pageOrNull(context.locals.cms, slug, documentId);
  if (!page) return null;
  const rawAt = context.url.searchParams.get('at');
  const at = rawAt !== null && /^\d{1,3}$/.test(rawAt) && Number(rawAt) < page.blocks.length ? Number(rawAt) : undefined;
  const groups = blockCatalogue({ workspacePage: true }).map(({ group, blocks }) => ({
    group,
    blocks: blocks.map((block) => ({
      uid: block.uid,
      displayName: block.displayName,
      description: block.description,
      guidanceHtml: demoteHeadings(renderMarkdown(block.guidance)),
      href: newBlockHref(slug, documentId, block.uid, at),
    })),
  }));
  return { page, at: at ?? null, groups };
}
