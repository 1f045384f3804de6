import { PAGE_SLUG_MAX, PAGE_TITLE_MAX, SLUG_PATTERN } from '@futurenhs/contract';
import { z } from 'zod';
import { isCmsRequestError } from '../cms/http.ts';
import { sentence, validate } from '../forms.ts';
import type { ResolvedWorkspace } from '../membership/workspace.ts';
import { createPage, listPages, makeHome, reorderPages, type PageSummary } from './api.ts';
import { DOCUMENT_ID, done, editorHref, isPost, ok, pagesHref, readForm, refusedOn, text, publishedChange, type Outcome, type PageContext } from './common.ts';

/**
 * /manage/pages: the workspace's pages (home first, then in the navigation's order), and the
 * forms that create, reorder and choose the home page. Every form posts to the page itself.
 */
export const PAGES_ERROR = 'pages';

export const titleSchema = z
  .string()
  .trim()
  .min(1, 'Enter a title for the page')
  .max(PAGE_TITLE_MAX, `The title must be ${PAGE_TITLE_MAX} characters or fewer`)
  // Direction overrides disguise what a reader sees; control characters have no place in a title.
  .refine((value) => !/[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/.test(value), 'The title must not contain control or direction characters');

export const slugSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(PAGE_SLUG_MAX, `The address must be ${PAGE_SLUG_MAX} characters or fewer`)
  .refine((value) => value === '' || SLUG_PATTERN.test(value), 'The address can only contain lower-case letters, numbers and single hyphens, like team-news');

const createSchema = z.object({ title: titleSchema, slug: slugSchema });

/** Home first, then by position: the order members see in the workspace's navigation. */
export function inNavigationOrder(pages: PageSummary[]): PageSummary[] {
  const sorted = [...pages].sort((a, b) => a.position - b.position || a.title.localeCompare(b.title));
  return [...sorted.filter((page) => page.isHome), ...sorted.filter((page) => !page.isHome)];
}

/** The order after moving one page up or down (the home page stays first in the navigation anyway). */
export function movedOrder(pages: PageSummary[], documentId: string, direction: 'up' | 'down'): string[] | null {
  const order = inNavigationOrder(pages).map((page) => page.documentId);
  const from = order.indexOf(documentId);
  const to = direction === 'up' ? from - 1 : from + 1;
  if (from < 0 || to < 0 || to >= order.length) return null;
  [order[from], order[to]] = [order[to], order[from]];
  return order;
}

export interface PagesView {
  outcome: Outcome;
  pages: PageSummary[];
}

export async function pagesListPage(context: PageContext, resolved: ResolvedWorkspace): Promise<Response | PagesView> {
  const slug = resolved.workspace.slug;
  const cms = context.locals.cms;
  const back = pagesHref(slug);
  let outcome: Outcome = ok({ title: '', slug: '' });
  if (isPost(context)) {
    const form = await readForm(context);
    const intent = text(form, 'intent');
    if (intent === 'create') {
      const values = { title: text(form, 'title'), slug: text(form, 'slug') };
      const checked = validate(createSchema, values);
      if (!checked.ok) outcome = { status: 400, errors: checked.errors, values };
      else {
        try {
          const page = await createPage(cms, slug, { title: checked.data.title, ...(checked.data.slug ? { slug: checked.data.slug } : {}) });
          return done(context, `Page “${page.title}” created. Add its first block`, editorHref(slug, page.documentId));
        } catch (error) {
          if (!isCmsRequestError(error) || error.status === 409) throw error;
          const slugError = error.fieldErrors.find((field) => field.field.startsWith('slug'));
          const titleError = error.fieldErrors.find((field) => field.field.startsWith('title'));
          outcome =
            slugError || titleError
              ? {
                  status: 400,
                  errors: { ...(titleError ? { title: sentence(titleError.message) } : {}), ...(slugError ? { slug: sentence(slugError.message) } : {}) },
                  values,
                }
              : { ...refusedOn(error, 'title'), values };
        }
      }
    } else if (intent === 'move-up' || intent === 'move-down' || intent === 'home') {
      const documentId = text(form, 'page');
      if (!DOCUMENT_ID.test(documentId)) outcome = { status: 400, errors: { [PAGES_ERROR]: 'Choose a page' }, values: {} };
      else {
        try {
          if (intent === 'home') {
            const pages = await makeHome(cms, slug, documentId);
            publishedChange();
            const home = pages.find((page) => page.documentId === documentId);
            return done(context, `“${home?.title ?? 'The page'}” is now the home page`, back);
          }
          const order = movedOrder(await listPages(cms, slug), documentId, intent === 'move-up' ? 'up' : 'down');
          if (!order) outcome = { status: 400, errors: { [PAGES_ERROR]: 'That page cannot move further' }, values: {} };
          else {
            await reorderPages(cms, slug, order);
            publishedChange();
            return done(context, 'Page order saved', back);
          }
        } catch (error) {
          outcome = refusedOn(error, PAGES_ERROR);
        }
      }
    } else outcome = { status: 400, errors: { [PAGES_ERROR]: 'Choose what you want to do' }, values: {} };
  }
  const pages = inNavigationOrder(await listPages(cms, slug));
  return { outcome, pages };
}
