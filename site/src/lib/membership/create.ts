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

/** /workspaces/new: the fields and rules match the CMS's (title 120, summary 300, address 3–80). */
export const NEW_WORKSPACE_FIELDS = ['title', 'summary', 'visibility', 'slug'] as const;
export type NewWorkspaceValues = Record<(typeof NEW_WORKSPACE_FIELDS)[number], string>;

export const TITLE_MAX = 120;
export const SUMMARY_MAX = 300;

const newWorkspaceSchema = z.object({
  title: z.string().trim().min(1, 'Enter a name for the workspace').max(TITLE_MAX, `The name must be ${TITLE_MAX} characters or fewer`),
  summary: z.string().trim().min(1, 'Enter a summary').max(SUMMARY_MAX, `The summary must be ${SUMMARY_MAX} characters or fewer`),
  visibility: z.enum(['open', 'restricted', 'hidden'], { error: 'Choose who can find and read the workspace' }),
  slug: z
    .string()
    .trim()
    .toLowerCase()
    .refine((slug) => slug === '' || (slug.length >= 3 && slug.length <= 80), 'The address must be between 3 and 80 characters')
    .refine((slug) => slug === '' || /^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug), 'The address may contain only letters, numbers and single hyphens, like community-nursing'),
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
