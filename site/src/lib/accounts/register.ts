import { cmsHttp, register, type Registration } from '../cms/accounts.ts';
import { isCmsRequestError } from '../cms/http.ts';
import { siteConfig } from '../config.ts';
import { setFlash } from '../flash.ts';
import { formValues, validate } from '../forms.ts';
import { REGISTER_FIELDS, registerSchema } from './fields.ts';
import { isPost, overLimit, readForm, refusal, requestAddress, seeOther, withoutPasswords, type FormPage, type PageContext } from './page.ts';

export type RegisterValues = Record<(typeof REGISTER_FIELDS)[number], string>;

/**
 * Registrations in flight in this process, by email: a form submitted twice (a double click
 * without JavaScript sends both) waits for the first instead of racing it, so both answers are
 * the same and one account is made.
 */
const inFlight = new Map<string, Promise<void>>();

function registerOnce(registration: Registration, clientAddress: string): Promise<void> {
  const existing = inFlight.get(registration.email);
  if (existing) return existing;
  const pending = register(cmsHttp(clientAddress), registration);
  inFlight.set(registration.email, pending);
  const forget = () => inFlight.delete(registration.email);
  pending.then(forget, forget);
  return pending;
}

/** GET /register (prefilled from an invitation link) and its POST. */
export async function registerPage(context: PageContext): Promise<Response | FormPage<RegisterValues>> {
  if (!isPost(context)) {
    const values = formValues(new FormData(), REGISTER_FIELDS);
    values.email = (context.url.searchParams.get('email') ?? '').slice(0, 254);
    values.invitation = (context.url.searchParams.get('invitation') ?? '').slice(0, 200);
    return { status: 200, values, errors: {} };
  }

  const values = formValues(await readForm(context), REGISTER_FIELDS);
  const shown = withoutPasswords(values);
  const input = validate(registerSchema, values);
  if (!input.ok) return { status: 400, values: shown, errors: input.errors };

  const address = requestAddress(context);
  const limited = await overLimit([['register-ip', address]]);
  if (limited) return { status: 429, values: shown, errors: limited };

  const { passwordConfirmation: _confirmation, invitation, ...fields } = input.data;
  try {
    await registerOnce({ ...fields, ...(invitation ? { invitation } : {}) }, address);
  } catch (error) {
    if (!isCmsRequestError(error)) throw error;
    return { values: shown, ...refusal(error, REGISTER_FIELDS, 'email') };
  }
  // The same answer whether or not the email was already registered: the CMS mails that person instead.
  setFlash(context.cookies, { email: fields.email }, siteConfig().SITE_URL);
  return seeOther('/register/check-email');
}
