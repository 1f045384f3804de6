import { changePassword, cmsHttp, forgotPassword, resetPassword } from '../cms/accounts.ts';
import { isCmsRequestError, type CmsRequestError } from '../cms/http.ts';
import { siteConfig } from '../config.ts';
import { setFlash } from '../flash.ts';
import { formValues, validate, type FieldErrors } from '../forms.ts';
import { requireViewer } from '../viewer.ts';
import { CHANGE_PASSWORD_FIELDS, emailOnlySchema, changePasswordSchema, RESET_PASSWORD_FIELDS, resetPasswordSchema } from './fields.ts';
import { FORM_ERROR, isPost, overLimit, readForm, refusal, requestAddress, seeOther, withoutPasswords, type FormPage, type PageContext } from './page.ts';

export const PASSWORD_CHANGED = 'Your password has been changed';
export const BAD_RESET_LINK = 'Your link to reset your password has expired or has already been used. Request a new link';

/** GET /forgot-password and its POST: the same answer whatever the email, so nobody learns who is registered. */
export async function forgotPasswordPage(context: PageContext): Promise<Response | FormPage<{ email: string }>> {
  if (!isPost(context)) return { status: 200, values: { email: '' }, errors: {} };
  const values = formValues(await readForm(context), ['email']);
  const input = validate(emailOnlySchema, values);
  if (!input.ok) return { status: 400, values, errors: input.errors };
  const limited = await overLimit([
    ['forgot-password-ip', requestAddress(context)],
    ['forgot-password-email', input.data.email],
  ]);
  if (limited) return { status: 429, values, errors: limited };
  try {
    await forgotPassword(cmsHttp(requestAddress(context)), input.data.email);
  } catch (error) {
    if (!isCmsRequestError(error)) throw error;
    return { values, ...refusal(error, ['email'], 'email') };
  }
  setFlash(context.cookies, { email: input.data.email }, siteConfig().SITE_URL);
  return seeOther('/forgot-password/check-email');
}

export type ResetPasswordValues = Record<(typeof RESET_PASSWORD_FIELDS)[number], string>;

/** GET /reset-password?code=… (from the emailed link) and its POST; success signs this browser in. */
export async function resetPasswordPage(context: PageContext): Promise<Response | FormPage<ResetPasswordValues>> {
  if (!isPost(context)) {
    const code = (context.url.searchParams.get('code') ?? '').slice(0, 500);
    return { status: 200, values: { password: '', passwordConfirmation: '', code }, errors: {} };
  }
  const values = formValues(await readForm(context), RESET_PASSWORD_FIELDS);
  const shown = withoutPasswords(values);
  const input = validate(resetPasswordSchema, values);
  if (!input.ok) return { status: 400, values: shown, errors: input.errors.code ? { [FORM_ERROR]: BAD_RESET_LINK } : input.errors };
  const { session } = context.locals;
  try {
    // The CMS ends every other session of this member, then starts this one.
    session.start(await resetPassword(cmsHttp(requestAddress(context)), input.data.code, input.data.password));
  } catch (error) {
    if (!isCmsRequestError(error)) throw error;
    const { status, errors } = refusal(error, ['password', 'passwordConfirmation'], FORM_ERROR);
    // Anything but a password rule means the code is wrong, used or expired.
    return { status, values: shown, errors: status === 429 || errors.password || errors.passwordConfirmation ? errors : { [FORM_ERROR]: BAD_RESET_LINK } };
  }
  setFlash(context.cookies, { success: PASSWORD_CHANGED }, siteConfig().SITE_URL);
  return seeOther('/account');
}

export type ChangePasswordValues = Record<(typeof CHANGE_PASSWORD_FIELDS)[number], string>;

function changePasswordRefusal(error: CmsRequestError): { status: number; errors: FieldErrors } {
  // users-permissions names these problems in its message only, with no field.
  if (error.status === 400 && error.fieldErrors.length === 0) {
    if (/current password/i.test(error.reason)) return { status: 400, errors: { currentPassword: 'Your current password is incorrect' } };
    if (/different/i.test(error.reason)) return { status: 400, errors: { password: 'Your new password must be different from your current password' } };
  }
  return refusal(error, CHANGE_PASSWORD_FIELDS, 'currentPassword');
}

/** GET /account/change-password and its POST: this browser stays signed in, every other session ends. */
export async function changePasswordPage(context: PageContext): Promise<Response | FormPage<ChangePasswordValues>> {
  const viewer = requireViewer(context);
  if (viewer instanceof Response) return viewer;
  const empty = { currentPassword: '', password: '', passwordConfirmation: '' };
  if (!isPost(context)) return { status: 200, values: empty, errors: {} };
  const input = validate(changePasswordSchema, formValues(await readForm(context), CHANGE_PASSWORD_FIELDS));
  if (!input.ok) return { status: 400, values: empty, errors: input.errors };
  const { session } = context.locals;
  try {
    session.start(await changePassword(session.cms, input.data.currentPassword, input.data.password));
  } catch (error) {
    if (!isCmsRequestError(error)) throw error;
    return { values: empty, ...changePasswordRefusal(error) };
  }
  setFlash(context.cookies, { success: PASSWORD_CHANGED }, siteConfig().SITE_URL);
  return seeOther('/account');
}
