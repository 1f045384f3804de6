import type { ResolvedWorkspace } from '../membership/workspace.ts';
import { deletePage, type PageDetail } from './api.ts';
import { done, isPost, ok, pagesHref, publishedChange, readForm, refusedOn, text, type Outcome, type PageContext } from './common.ts';
import { isNotFound, pageOrNull } from './editor.ts';

/**
 * Deleting a page, after a confirmation page of its own: the page, its draft and its published
 * version go; the home page cannot go until another page is the home page (the CMS says so).
 */
export const DELETE_ERROR = 'delete';

export interface DeleteView {
  outcome: Outcome;
  page: PageDetail;
}

export async function deletePageFlow(context: PageContext, resolved: ResolvedWorkspace, documentId: string): Promise<Response | DeleteView | null> {
  const slug = resolved.workspace.slug;
  const cms = context.locals.cms;
  const page = await pageOrNull(cms, slug, documentId);
  if (!page) return null;
  let outcome: Outcome = ok({});
  if (isPost(context)) {
    const form = await readForm(context);
    if (text(form, 'intent') !== 'delete') outcome = { status: 400, errors: { [DELETE_ERROR]: 'Choose whether to delete the page' }, values: {} };
    else {
      try {
        await deletePage(cms, slug, documentId);
        publishedChange();
        return done(context, `Page “${page.title}” deleted`, pagesHref(slug));
      } catch (error) {
        if (isNotFound(error)) return null;
        outcome = refusedOn(error, DELETE_ERROR);
      }
    }
  }
  return { outcome, page };
}
