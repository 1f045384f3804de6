import { REJECT_REASON_MAX, REQUEST_MESSAGE_MAX, VISIBILITIES, type Visibility } from '@futurenhs/contract';
import { z } from 'zod';
import { isPost, readForm, seeOther, type PageContext } from '../accounts/page.ts';
import { isCmsRequestError } from '../cms/http.ts';
import { siteConfig } from '../config.ts';
import { setFlash, takeFlash } from '../flash.ts';
import { sentence, type FieldErrors } from '../forms.ts';
import { currentPath } from '../next-url.ts';
import { limitInvitations, rateLimitMessage, type RateLimiter } from '../rate-limit.ts';
import { requireParticipant, requireViewer } from '../viewer.ts';
import { invalidateAllCaches } from '../cache/registry.ts';
import { forgetAccess, forgetPersonAccess } from './access.ts';
import {
  actOnMember,
  answerInvitation,
  changeVisibility,
  forgetManagers,
  inviteByEmail,
  joinWorkspace,
  leaveWorkspace,
  MEMBER_ACTIONS,
  requestToJoin,
  revokeInvitation,
  type MemberAction,
} from './api.ts';
import type { ResolvedWorkspace } from './workspace.ts';

/**
 * The membership forms: plain POSTs to the page's own URL, carrying the CSRF field. Success
 * redirects back (303, Post/Redirect/Get) with a one-off success banner; a refusal (ours or the
 * CMS's, e.g. "you are the last manager") re-renders the page with the NHS error summary and the
 * values typed. Every permission is the CMS's to check on the write itself.
 */
export interface FormOutcome {
  status: number;
  errors: FieldErrors;
  values: Record<string, string>;
}

/** Where an error with no field of its own is shown and linked to from the summary. */
export const MEMBERSHIP_ERROR = 'membership';

const ok = (values: Record<string, string> = {}): FormOutcome => ({ status: 200, errors: {}, values });

function flashAndReturn(context: PageContext, message: string, location = currentPath(context.url)): Response {
  setFlash(context.cookies, { success: message }, siteConfig().SITE_URL);
  return seeOther(location);
}

/** The success banner left by the previous POST, if any (read once). */
export function successMessage(context: PageContext): string | undefined {
  // Only signed-in members ever get one; reading the cookie for others would mark their page personal.
  if (!context.locals.viewer) return undefined;
  return takeFlash(context.cookies, siteConfig().SITE_URL).success;
}

function refusal(error: unknown, field: string, status = 400): FormOutcome {
  if (!isCmsRequestError(error)) throw error;
  const message = sentence(error.reason) || 'That did not work. Try again';
  return { status: error.status === 429 ? 429 : status, errors: { [field]: message }, values: {} };
}

const requestSchema = z.object({
  message: z.string().trim().max(REQUEST_MESSAGE_MAX, `Your message must be ${REQUEST_MESSAGE_MAX} characters or fewer`),
});

/** Join, request to join, leave: the forms on the workspace pages and its members page. */
export async function membershipPost(context: PageContext, resolved: ResolvedWorkspace): Promise<Response | FormOutcome> {
  if (!isPost(context)) return ok();
  const form = await readForm(context);
  const intent = form.get('intent');
  const { workspace } = resolved;
  const slug = workspace.slug;

  if (intent === 'leave') {
    const viewer = requireViewer(context);
    if (viewer instanceof Response) return viewer;
    try {
      await leaveWorkspace(context.locals.cms, slug);
    } catch (error) {
      return refusal(error, MEMBERSHIP_ERROR);
    }
    forgetAccess(context.locals, slug);
    forgetManagers(slug);
    // A hidden workspace is no longer theirs to see.
    const location = workspace.visibility === 'hidden' ? '/workspaces' : currentPath(context.url);
    return flashAndReturn(context, `You have left ${workspace.title}`, location);
  }

  if (intent === 'decline') {
    const viewer = requireViewer(context);
    if (viewer instanceof Response) return viewer;
    try {
      await answerInvitation(context.locals.cms, slug, 'decline');
    } catch (error) {
      return refusal(error, MEMBERSHIP_ERROR);
    }
    forgetAccess(context.locals, slug);
    const location = workspace.visibility === 'hidden' ? '/workspaces' : currentPath(context.url);
    return flashAndReturn(context, `You have declined the invitation to ${workspace.title}`, location);
  }

  if (intent !== 'join' && intent !== 'request' && intent !== 'accept') return { status: 400, errors: { [MEMBERSHIP_ERROR]: 'Choose what you want to do' }, values: {} };
  // Joining is taking part: signed in, with a complete profile.
  const viewer = requireParticipant(context);
  if (viewer instanceof Response) return viewer;

  if (intent === 'join' || intent === 'accept') {
    try {
      if (intent === 'accept') await answerInvitation(context.locals.cms, slug, 'accept');
      else await joinWorkspace(context.locals.cms, slug);
    } catch (error) {
      return refusal(error, MEMBERSHIP_ERROR);
    }
    forgetAccess(context.locals, slug);
    return flashAndReturn(context, `You have joined ${workspace.title}`);
  }

  const raw = typeof form.get('message') === 'string' ? (form.get('message') as string) : '';
  const parsed = requestSchema.safeParse({ message: raw });
  if (!parsed.success) return { status: 400, errors: { message: parsed.error.issues[0].message }, values: { message: raw } };
  try {
    await requestToJoin(context.locals.cms, slug, parsed.data.message);
  } catch (error) {
    return { ...refusal(error, 'message'), values: { message: raw } };
  }
  forgetAccess(context.locals, slug);
  return flashAndReturn(context, 'Your request to join has been sent to the workspace managers');
}

const inviteSchema = z.object({
  email: z
    .string()
    .trim()
    .min(1, 'Enter an email address')
    .max(254, 'Email address must be 254 characters or fewer')
    .regex(/^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/, 'Enter one email address in the correct format, like name@nhs.net'),
});

const rejectSchema = z.object({
  reason: z.string().trim().max(REJECT_REASON_MAX, `The reason must be ${REJECT_REASON_MAX} characters or fewer`),
});

const ID = /^[0-9]{1,12}$/;

const MEMBER_MESSAGES: Record<MemberAction, string> = {
  approve: 'Request approved',
  reject: 'Request rejected',
  remove: 'Member removed',
  promote: 'Member is now a manager',
  demote: 'Manager is now a member',
};

/** /manage/members: approve, reject, invite, revoke, promote, demote, remove. */
export async function manageMembersPost(
  context: PageContext,
  resolved: ResolvedWorkspace & { viewer: { id: string } },
  options: { limiter?: RateLimiter } = {},
): Promise<Response | FormOutcome> {
  if (!isPost(context)) return ok();
  const form = await readForm(context);
  const text = (name: string) => {
    const value = form.get(name);
    return typeof value === 'string' ? value : '';
  };
  const intent = text('intent');
  const slug = resolved.workspace.slug;
  const cms = context.locals.cms;
  const back = context.url.pathname;

  if (intent === 'invite') {
    const raw = text('email');
    const parsed = inviteSchema.safeParse({ email: raw });
    if (!parsed.success) return { status: 400, errors: { email: parsed.error.issues[0].message }, values: { email: raw } };
    // Counted before the CMS is asked (the CMS keeps a limit of its own, whose refusal shows as it says).
    const limited = await limitInvitations(resolved.viewer.id, options.limiter);
    if (!limited.allowed) return { status: 429, errors: { email: rateLimitMessage(limited.retryAfterSeconds) }, values: { email: raw } };
    try {
      await inviteByEmail(cms, slug, parsed.data.email);
    } catch (error) {
      return { ...refusal(error, 'email'), values: { email: raw } };
    }
    return flashAndReturn(context, `Invitation sent to ${parsed.data.email}`, back);
  }

  if (intent === 'revoke') {
    const id = text('invitation');
    if (!ID.test(id)) return { status: 400, errors: { [MEMBERSHIP_ERROR]: 'Choose an invitation to withdraw' }, values: {} };
    try {
      await revokeInvitation(cms, slug, id);
    } catch (error) {
      return refusal(error, MEMBERSHIP_ERROR);
    }
    return flashAndReturn(context, 'Invitation withdrawn', back);
  }

  const action = MEMBER_ACTIONS.find((candidate) => candidate === intent);
  const userId = text('member');
  if (!action || !ID.test(userId)) return { status: 400, errors: { [MEMBERSHIP_ERROR]: 'Choose what you want to do' }, values: {} };
  let reason = '';
  if (action === 'reject') {
    // Each request's reason field is named after the person (ids must be unique on the page).
    const field = `reason-${userId}`;
    const parsed = rejectSchema.safeParse({ reason: text(field) });
    if (!parsed.success) return { status: 400, errors: { [field]: parsed.error.issues[0].message }, values: { [field]: text(field) } };
    reason = parsed.data.reason;
  }
  try {
    await actOnMember(cms, slug, userId, action, reason);
  } catch (error) {
    return refusal(error, MEMBERSHIP_ERROR);
  }
  if (action === 'promote' || action === 'demote' || action === 'remove') forgetManagers(slug);
  // Their access changed: they read (or no longer read) its pages on their next request.
  forgetPersonAccess(userId);
  return flashAndReturn(context, MEMBER_MESSAGES[action], back);
}

export const VISIBILITY_CHOICES: { value: Visibility; label: string; hint: string }[] = [
  {
    value: 'open',
    label: 'Open',
    hint: 'Listed in the directory. Every signed-in member can read its pages and join at once.',
  },
  {
    value: 'restricted',
    label: 'Restricted',
    hint: 'Listed in the directory with its name, summary and managers only. Members read its pages; people ask to join and a manager approves or rejects.',
  },
  {
    value: 'hidden',
    label: 'Hidden',
    hint: 'Not listed and not found by anyone outside it. People join only by invitation.',
  },
];

const visibilitySchema = z.object({
  visibility: z.enum(VISIBILITIES, { error: 'Choose who can find and read this workspace' }),
});

/** /manage/settings: the visibility (the CMS records the change in the audit log). */
export async function manageSettingsPost(context: PageContext, resolved: ResolvedWorkspace): Promise<Response | FormOutcome> {
  if (!isPost(context)) return ok({ visibility: resolved.workspace.visibility });
  const raw = (await readForm(context)).get('visibility');
  const value = typeof raw === 'string' ? raw : '';
  const parsed = visibilitySchema.safeParse({ visibility: value });
  if (!parsed.success) return { status: 400, errors: { visibility: parsed.error.issues[0].message }, values: { visibility: value } };
  if (parsed.data.visibility === resolved.workspace.visibility) {
    return { status: 400, errors: { visibility: `This workspace is already ${parsed.data.visibility}: choose another setting` }, values: { visibility: value } };
  }
  try {
    await changeVisibility(context.locals.cms, resolved.workspace.slug, parsed.data.visibility);
  } catch (error) {
    return { ...refusal(error, 'visibility'), values: { visibility: value } };
  }
  // Everyone's access changed, and the cached listing and pages show the old visibility. The CMS
  // tells every instance once its transaction commits, which may be after this redirect is
  // followed: this instance does not wait for it.
  invalidateAllCaches();
  const label = VISIBILITY_CHOICES.find((choice) => choice.value === parsed.data.visibility)!.label.toLowerCase();
  return flashAndReturn(context, `This workspace is now ${label}`, context.url.pathname);
}
