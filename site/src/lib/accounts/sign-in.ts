import { cmsHttp, signIn } from '../cms/accounts.ts';
import { isCmsRequestError } from '../cms/http.ts';
import { formValues, validate } from '../forms.ts';
import { safeNext } from '../next-url.ts';
import { rateLimiter } from '../rate-limit.ts';
import { completeProfileUrl } from '../viewer.ts';
import { SIGN_IN_FIELDS, signInSchema } from './fields.ts';
import { FORM_ERROR, isPost, overLimit, readForm, refusal, requestAddress, seeOther, withoutPasswords, type FormPage, type PageContext } from './page.ts';

export type SignInValues = Record<(typeof SIGN_IN_FIELDS)[number], string>;

/** Says nothing about which of the two was wrong, or whether the address has an account. */
export const WRONG_CREDENTIALS = 'Enter a correct email address and password';
export const NOT_CONFIRMED = 'Confirm your email address using the link we sent you, then sign in';
export const BLOCKED = 'Your account has been suspended. Contact the FutureNHS team if you think this is a mistake';

/** GET /sign-in and its POST; `?next=` (a path on this site) is where to go afterwards. */
export async function signInPage(context: PageContext): Promise<Response | FormPage<SignInValues>> {
  const next = safeNext(context.url.searchParams.get('next'));
  const { session } = context.locals;
  if (!isPost(context)) {
    if (context.locals.viewer) return seeOther(next);
    return { status: 200, values: { email: '', password: '' }, errors: {} };
  }

  const values = formValues(await readForm(context), SIGN_IN_FIELDS);
  const shown = withoutPasswords(values);
  const input = validate(signInSchema, values);
  if (!input.ok) return { status: 400, values: shown, errors: input.errors };
  const { email, password } = input.data;

  const address = requestAddress(context);
  // Per address and per (email, address) pair, never per email alone: failing on purpose from
  // elsewhere must not keep the owner out (the CMS slows distributed guessing down instead).
  const pair = `${email} ${address}`;
  const limited = await overLimit([
    ['sign-in-ip', address],
    ['sign-in-email-ip', pair],
  ]);
  if (limited) return { status: 429, values: shown, errors: limited };

  // Signing in as someone (else) ends this browser's previous session first.
  if (session.signedIn) await session.end();
  const deviceId = session.deviceId;
  try {
    session.start(await signIn(cmsHttp(address), email, password, deviceId), deviceId);
  } catch (error) {
    if (!isCmsRequestError(error)) throw error;
    if (error.status === 429) return { values: shown, ...refusal(error, [], 'email') };
    // The CMS says these only once the password was right, so they reveal nothing to a guesser.
    const message = /confirm/i.test(error.reason) ? NOT_CONFIRMED : /blocked/i.test(error.reason) ? BLOCKED : WRONG_CREDENTIALS;
    return { status: 400, values: shown, errors: { [FORM_ERROR]: message } };
  }
  await rateLimiter().reset('sign-in-email-ip', pair);
  const viewer = await session.resolve();
  return seeOther(viewer && !viewer.profileComplete ? completeProfileUrl(next) : next);
}
