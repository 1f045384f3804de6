import { cmsHttp, confirmEmail, sendEmailConfirmation } from '../cms/accounts.ts';
import { isCmsRequestError } from '../cms/http.ts';
import { siteConfig } from '../config.ts';
import { setFlash } from '../flash.ts';
import { formValues, validate } from '../forms.ts';
import { emailOnlySchema } from './fields.ts';
import { isPost, overLimit, readForm, refusal, requestAddress, seeOther, type FormPage, type PageContext } from './page.ts';

export interface ConfirmEmailPage extends FormPage<{ email: string }> {
  /** The visitor followed a link that no longer works (used, mistyped, or for an address already confirmed). */
  badLink: boolean;
}

/**
 * /confirm-email?confirmation=…: where the confirmation mail links (the CMS itself need not be
 * public). A good code confirms the address and goes on to sign in; a used or wrong one explains,
 * with a form to send a new link, which is also what the page offers without a code.
 */
export async function confirmEmailPage(context: PageContext): Promise<Response | ConfirmEmailPage> {
  if (!isPost(context)) {
    const code = context.url.searchParams.get('confirmation');
    if (code === null) return { status: 200, values: { email: '' }, errors: {}, badLink: false };
    if (code.length > 0 && code.length <= 200 && (await confirmEmail(cmsHttp(), code))) return seeOther('/sign-in?confirmed=1');
    return { status: 400, values: { email: '' }, errors: {}, badLink: true };
  }

  const values = formValues(await readForm(context), ['email']);
  const page = (status: number, errors: ConfirmEmailPage['errors']) => ({ status, values, errors, badLink: false });
  const input = validate(emailOnlySchema, values);
  if (!input.ok) return page(400, input.errors);
  const limited = await overLimit([
    ['confirmation-ip', requestAddress(context)],
    ['confirmation-email', input.data.email],
  ]);
  if (limited) return page(429, limited);
  try {
    await sendEmailConfirmation(cmsHttp(requestAddress(context)), input.data.email);
  } catch (error) {
    if (!isCmsRequestError(error)) throw error;
    const { status, errors } = refusal(error, ['email'], 'email');
    return page(status, errors);
  }
  setFlash(context.cookies, { email: input.data.email }, siteConfig().SITE_URL);
  return seeOther('/register/check-email');
}
