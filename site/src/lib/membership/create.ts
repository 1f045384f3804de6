import { SLUG_PATTERN, VISIBILITIES, WORKSPACE_SLUG_MAX, WORKSPACE_SLUG_MIN, WORKSPACE_SUMMARY_MAX, WORKSPACE_TITLE_MAX } from '@futurenhs/contract';
import { z } from 'zod';
import { isPost, readForm, seeOther, type PageContext } from '../accounts/page.ts';
import { isCmsRequestError } from '../cms/http.ts';
import { workspaceHref } from '../cms/workspaces.ts';
import { siteConfig } from '../config.ts';
import { setFlash } from '../flash.ts';
import { cmsFieldErrors, formValues, validate, type FieldErrors } from '../forms.ts';
import { requireParticipant } from '../viewer.ts';
import { forgetAccess } from './access.ts';
import { createWorkspace } from './api.ts';

/** /workspaces/new: the fields and their limits are the CMS's (@futurenhs/contract). */
export const NEW_WORKSPACE_FIELDS = ['title', 'summary', 'visibility', 'slug'] as const;
export type NewWorkspaceValues = Record<(typeof NEW_WORKSPACE_FIELDS)[number], string>;

const newWorkspaceSchema = z.object({
  title: z.string().trim().min(1, 'Enter a name for the workspace').max(WORKSPACE_TITLE_MAX, `The name must be ${WORKSPACE_TITLE_MAX} characters or fewer`),
  summary: z.string().trim().min(1, 'Enter a summary').max(WORKSPACE_SUMMARY_MAX, `The summary must be ${WORKSPACE_SUMMARY_MAX} characters or fewer`),
  visibility: z.enum(VISIBILITIES, { error: 'Choose who can find and read the workspace' }),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .refine(
      (slug) => slug === '' || (slug.length >= WORKSPACE_SLUG_MIN && slug.length <= WORKSPACE_SLUG_MAX),
      `The address must be between ${WORKSPACE_SLUG_MIN} and ${WORKSPACE_SLUG_MAX} characters`,
    )
    .refine((slug) => slug === '' || SLUG_PATTERN.test(slug), 'The address may contain only letters, numbers and single hyphens, like community-nursing'),
});

export interface NewWorkspacePage {
  status: number;
  values: NewWorkspaceValues;
  errors: FieldErrors;
}

export async function newWorkspacePage(context: PageContext): Promise<Response | NewWorkspacePage> {
  // Creating a workspace makes its creator its manager, named on it: a complete profile first.
  const viewer = requireParticipant(context);
  if (viewer instanceof Response) return viewer;
  const empty: NewWorkspaceValues = { title: '', summary: '', visibility: '', slug: '' };
  if (!isPost(context)) return { status: 200, values: empty, errors: {} };

  const values = formValues(await readForm(context), NEW_WORKSPACE_FIELDS);
  const input = validate(newWorkspaceSchema, values);
  if (!input.ok) return { status: 400, values, errors: input.errors };
  const { slug, ...rest } = input.data;
  let created: { slug: string };
  try {
    created = await createWorkspace(context.locals.cms, { ...rest, ...(slug ? { slug } : {}) });
  } catch (error) {
    if (!isCmsRequestError(error)) throw error;
    // "A workspace with this address already exists" belongs to the address, typed or made from the title.
    const errors = /address/i.test(error.reason) && error.fieldErrors.length === 0 ? { slug: error.reason } : cmsFieldErrors(error, NEW_WORKSPACE_FIELDS, 'title');
    return { status: 400, values, errors };
  }
  forgetAccess(context.locals, created.slug);
  setFlash(context.cookies, { success: 'Your workspace has been created' }, siteConfig().SITE_URL);
  return seeOther(workspaceHref(created.slug));
}
