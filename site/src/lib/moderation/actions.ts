import { REASON_MAX } from '@futurenhs/contract';
import { z } from 'zod';
import { isPost, readForm, seeOther, type PageContext } from '../accounts/page.ts';
import { isCmsRequestError, refusalReason } from '../cms/http.ts';
import { siteConfig } from '../config.ts';
import { setFlash } from '../flash.ts';
import { forgetForum } from '../forum/api.ts';
import { sentence, type FieldErrors } from '../forms.ts';
import { currentPath } from '../next-url.ts';
import { moderate, type ModerationAction } from './api.ts';

/**
 * The moderation queue's forms: plain POSTs to the page itself with the CSRF field (checked by
 * the middleware). Success redirects back (303, Post/Redirect/Get) with a banner; a refusal,
 * ours or the CMS's, re-renders the queue with the NHS error summary and the reason typed.
 */
/** Where an error with no field of its own is shown and linked to from the summary. */
export const MODERATION_ERROR = 'moderation';

export const hideReasonField = (commentId: number) => `reason-${commentId}`;

export interface ModerationOutcome {
  status: number;
  errors: FieldErrors;
  values: Record<string, string>;
}

const ID = /^[0-9]{1,12}$/;

const hideSchema = z.object({
  reason: z
    .string()
    .trim()
    .min(1, 'Enter the reason for hiding this comment. Its author will see it')
    .max(REASON_MAX, `The reason must be ${REASON_MAX} characters or fewer`),
});

const SUCCESS: Record<ModerationAction['kind'], string> = {
  hide: 'Comment hidden. Its author has been told why',
  restore: 'Comment restored',
  dismiss: 'Reports dismissed. The comment stays as it is',
};

export async function moderationPost(context: PageContext, slug: string): Promise<Response | ModerationOutcome> {
  if (!isPost(context)) return { status: 200, errors: {}, values: {} };
  const form = await readForm(context);
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : '';
  };
  const intent = text('intent');
  const id = text('comment');
  if (!['hide', 'restore', 'dismiss'].includes(intent) || !ID.test(id)) {
    return { status: 400, errors: { [MODERATION_ERROR]: 'Choose what you want to do with a comment' }, values: {} };
  }
  const commentId = Number(id);
  let action: ModerationAction;
  const field = hideReasonField(commentId);
  if (intent === 'hide') {
    // Each comment's reason field is named after it: ids must be unique on the page.
    const raw = text(field);
    const parsed = hideSchema.safeParse({ reason: raw });
    if (!parsed.success) return { status: 400, errors: { [field]: parsed.error.issues[0].message }, values: { [field]: raw } };
    action = { kind: 'hide', reason: parsed.data.reason };
  } else {
    action = { kind: intent as 'restore' | 'dismiss' };
  }
  try {
    await moderate(context.locals.cms, slug, commentId, action);
  } catch (error) {
    if (!isCmsRequestError(error)) throw error;
    // The CMS's word on the reason goes beside the reason; anything else at the top of the queue.
    const reasonError = error.fieldErrors.find((fieldError) => fieldError.field.split('.')[0] === 'reason');
    const target = action.kind === 'hide' && reasonError ? field : MODERATION_ERROR;
    // A manager demoted since the queue was shown is refused with the CMS's reason; a bare
    // "Forbidden" (Strapi's own refusal) says what it means here.
    const message = sentence(reasonError?.message ?? refusalReason(error, 'You can no longer moderate this workspace')) || 'That did not work. Try again';
    return { status: error.status === 429 ? 429 : 400, errors: { [target]: message }, values: action.kind === 'hide' ? { [field]: text(field) } : {} };
  }
  // The site's own write: its cached forum data for the workspace goes at once (the CMS's
  // revalidation does the same for every instance), so the thread shows the decision next.
  forgetForum({ kind: 'workspace', workspace: slug });
  setFlash(context.cookies, { success: SUCCESS[action.kind] }, siteConfig().SITE_URL);
  return seeOther(currentPath(context.url));
}
