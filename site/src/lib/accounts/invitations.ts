import { getInvitation, respondToInvitation, type Invitation, type Viewer } from '../cms/accounts.ts';
import { isCmsRequestError } from '../cms/http.ts';
import { siteConfig } from '../config.ts';
import { setFlash } from '../flash.ts';
import { sentence, type FieldErrors } from '../forms.ts';
import { withNext } from '../next-url.ts';
import { requireParticipant } from '../viewer.ts';
import { FORM_ERROR, isPost, readForm, seeOther, type PageContext } from './page.ts';

/**
 * /invitations/{token}: the page an invitation email links to. Anyone with the link sees which
 * workspace it is for and for which address; only the invitee, signed in, may accept or decline.
 */
export type InvitationStatus = 'open' | 'accepted' | 'declined' | 'revoked' | 'expired' | 'not-found';

export interface InvitationPage {
  status: number;
  token: string;
  invitation: Invitation | null;
  state: InvitationStatus;
  /** What the viewer can do: answer it, sign in or register as the invitee, or it is for someone else. */
  audience: 'invitee' | 'anonymous' | 'someone-else';
  registerUrl: string;
  signInUrl: string;
  errors: FieldErrors;
}

export function invitationState(invitation: Invitation | null, now = Date.now()): InvitationStatus {
  if (!invitation) return 'not-found';
  const state = invitation.state.toLowerCase();
  if (state === 'accepted' || state === 'declined' || state === 'revoked' || state === 'expired') return state;
  if (invitation.expiresAt && Date.parse(invitation.expiresAt) <= now) return 'expired';
  return 'open';
}

function audienceOf(viewer: Viewer | null, invitation: Invitation | null): InvitationPage['audience'] {
  if (!viewer) return 'anonymous';
  return invitation && viewer.email.toLowerCase() === invitation.email.toLowerCase() ? 'invitee' : 'someone-else';
}

export async function invitationPage(context: PageContext, token: string): Promise<Response | InvitationPage> {
  const path = `/invitations/${encodeURIComponent(token)}`;
  const page = async (status: number, errors: FieldErrors): Promise<InvitationPage> => {
    const invitation = await getInvitation(context.locals.cms, token);
    const state = invitationState(invitation);
    const query = new URLSearchParams({ invitation: token, ...(invitation ? { email: invitation.email } : {}) });
    return {
      status: state === 'not-found' ? 404 : status,
      token,
      invitation,
      state,
      audience: audienceOf(context.locals.viewer, invitation),
      registerUrl: `/register?${query}`,
      signInUrl: withNext('/sign-in', path),
      errors,
    };
  };
  if (!isPost(context)) return page(200, {});

  // Accepting is taking part: signed in, with a complete profile.
  const viewer = requireParticipant(context);
  if (viewer instanceof Response) return viewer;
  const decision = (await readForm(context)).get('decision');
  if (decision !== 'accept' && decision !== 'decline') return page(400, { [FORM_ERROR]: 'Choose whether to accept or decline the invitation' });
  const invitation = await getInvitation(context.locals.cms, token);
  try {
    await respondToInvitation(context.locals.cms, token, decision);
  } catch (error) {
    if (!isCmsRequestError(error)) throw error;
    return page(error.status === 404 ? 404 : 400, { [FORM_ERROR]: sentence(error.reason) || 'This invitation can no longer be answered' });
  }
  const title = invitation?.workspace.title ?? 'the workspace';
  setFlash(context.cookies, { success: decision === 'accept' ? `You have joined ${title}` : `You have declined the invitation to ${title}` }, siteConfig().SITE_URL);
  return seeOther('/account');
}
