import { deleteAccount, updateProfile, type Viewer } from '../cms/accounts.ts';
import { isCmsRequestError } from '../cms/http.ts';
import { siteConfig } from '../config.ts';
import { setFlash, takeFlash, type Flash } from '../flash.ts';
import { formValues, validate } from '../forms.ts';
import { safeNext } from '../next-url.ts';
import { requireViewer } from '../viewer.ts';
import { deleteAccountSchema, PROFILE_FIELDS, profileSchema } from './fields.ts';
import { isPost, readForm, refusal, seeOther, type FormPage, type PageContext } from './page.ts';

export type ProfileValues = Record<(typeof PROFILE_FIELDS)[number], string>;

export interface AccountPage extends FormPage<ProfileValues> {
  viewer: Viewer;
  flash: Flash;
  /** Sent here to complete the profile before taking part. */
  completing: boolean;
  workspaces: Viewer['memberships'];
  requests: Viewer['memberships'];
  invitations: Viewer['memberships'];
}

export const PROFILE_SAVED = 'Your profile has been saved';

function profileOf(viewer: Viewer): ProfileValues {
  return { firstName: viewer.firstName, lastName: viewer.lastName, jobTitle: viewer.jobTitle, organisation: viewer.organisation, bio: viewer.bio };
}

/** GET /account (profile, memberships) and the profile form's POST. */
export async function accountPage(context: PageContext): Promise<Response | AccountPage> {
  const viewer = requireViewer(context);
  if (viewer instanceof Response) return viewer;
  const completing = context.url.searchParams.get('complete') === '1' && !viewer.profileComplete;
  const page = (status: number, values: ProfileValues, errors: AccountPage['errors']): AccountPage => ({
    status,
    values,
    errors,
    viewer,
    flash: takeFlash(context.cookies, siteConfig().SITE_URL),
    completing,
    workspaces: viewer.memberships.filter((membership) => membership.standing === 'member' || membership.standing === 'manager'),
    requests: viewer.memberships.filter((membership) => membership.standing === 'pending'),
    invitations: viewer.memberships.filter((membership) => membership.standing === 'invited'),
  });
  if (!isPost(context)) return page(200, profileOf(viewer), {});

  const values = formValues(await readForm(context), PROFILE_FIELDS);
  const input = validate(profileSchema, values);
  if (!input.ok) return page(400, values, input.errors);
  try {
    await updateProfile(context.locals.cms, input.data);
  } catch (error) {
    if (!isCmsRequestError(error)) throw error;
    const { status, errors } = refusal(error, PROFILE_FIELDS, 'firstName');
    return page(status, values, errors);
  }
  setFlash(context.cookies, { success: PROFILE_SAVED }, siteConfig().SITE_URL);
  // Completing the profile was a detour: carry on to where the member was going.
  const next = context.url.searchParams.get('next');
  return seeOther(next ? safeNext(next, '/account') : '/account');
}

/** GET /account/delete and its POST: confirmed with the password; afterwards this browser is signed out. */
export async function deleteAccountPage(context: PageContext): Promise<Response | FormPage<{ password: string }>> {
  const viewer = requireViewer(context);
  if (viewer instanceof Response) return viewer;
  const empty = { password: '' };
  if (!isPost(context)) return { status: 200, values: empty, errors: {} };
  const input = validate(deleteAccountSchema, formValues(await readForm(context), ['password']));
  if (!input.ok) return { status: 400, values: empty, errors: input.errors };
  const { session } = context.locals;
  try {
    await deleteAccount(session.cms, input.data.password);
  } catch (error) {
    if (!isCmsRequestError(error)) throw error;
    // Wrong password, or the last manager of a workspace (the CMS's message names it).
    return { values: empty, ...refusal(error, ['password'], 'password') };
  }
  // The CMS has ended every session of the account already: only the cookie is left to go.
  session.forget();
  return seeOther('/account/deleted');
}
