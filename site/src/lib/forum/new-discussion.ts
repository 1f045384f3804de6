import { DISCUSSION_BODY_MAX, DISCUSSION_TITLE_MAX } from '@futurenhs/contract';
import { z } from 'zod';
import { isPost, readForm, seeOther, type PageContext } from '../accounts/page.ts';
import { isCmsRequestError, refusalReason } from '../cms/http.ts';
import { siteConfig } from '../config.ts';
import { setFlash } from '../flash.ts';
import { formValues, sentence, validate, type FieldErrors } from '../forms.ts';
import { requireParticipant } from '../viewer.ts';
import { createDiscussion } from './api.ts';
import { submissionKey } from './thread-page.ts';
import { discussionHref } from './threads.ts';

/** Starting a discussion: title (up to 100 characters) and body, validated here and by the CMS. */
export const newDiscussionSchema = z.object({
  title: z.string().trim().min(1, 'Enter a title').max(DISCUSSION_TITLE_MAX, `The title must be ${DISCUSSION_TITLE_MAX} characters or fewer`),
  body: z
    .string()
    .trim()
    .min(1, 'Enter what you want to discuss')
    .max(DISCUSSION_BODY_MAX, `What you write must be ${DISCUSSION_BODY_MAX.toLocaleString('en-GB')} characters or fewer`),
});

export const NEW_DISCUSSION_FIELDS = ['title', 'body'] as const;
const SUBMISSION_KEY = /^[A-Za-z0-9_-]{1,64}$/;

export interface NewDiscussionForm {
  status: number;
  values: { title: string; body: string };
  errors: FieldErrors;
  submissionKey: string;
}

export async function newDiscussionPost(context: PageContext, slug: string): Promise<Response | NewDiscussionForm> {
  const blank = { title: '', body: '' };
  if (!isPost(context)) return { status: 200, values: blank, errors: {}, submissionKey: submissionKey() };
  const viewer = requireParticipant(context);
  if (viewer instanceof Response) return viewer;
  const form = await readForm(context);
  const values = formValues(form, NEW_DISCUSSION_FIELDS);
  const posted = form.get('submissionKey');
  // The same key again if the form comes back with errors: a later double submit still makes one.
  const key = typeof posted === 'string' && SUBMISSION_KEY.test(posted) ? posted : submissionKey();
  const checked = validate(newDiscussionSchema, values);
  if (!checked.ok) return { status: 400, values, errors: checked.errors, submissionKey: key };
  try {
    const id = await createDiscussion(context.locals.cms, slug, { ...checked.data, submissionKey: key });
    setFlash(context.cookies, { success: 'Your discussion has been started' }, siteConfig().SITE_URL);
    return seeOther(discussionHref(slug, id));
  } catch (error) {
    if (!isCmsRequestError(error)) throw error;
    const errors: FieldErrors = {};
    for (const { field, message } of error.fieldErrors) {
      const name = field.split('.')[0];
      if (name === 'title' || name === 'body') errors[name] ??= sentence(message);
    }
    const reason = refusalReason(error, 'Only members of this workspace can start a discussion');
    if (Object.keys(errors).length === 0) errors.title = sentence(reason) || 'That did not work. Try again';
    const status = error.status === 403 || error.status === 404 || error.status === 429 ? error.status : 400;
    return { status, values, errors, submissionKey: key };
  }
}
