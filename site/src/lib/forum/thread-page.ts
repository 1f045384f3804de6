import { randomBytes } from 'node:crypto';
import {
  COMMENT_BODY_MAX,
  NO_COMMENT_ABILITIES,
  REASON_MAX,
  type Author,
  type CommentAbilities,
  type CommentPage,
  type ForumComment,
  type Mine,
  type RepliesPage,
} from '@futurenhs/contract';
import { z } from 'zod';
import { seeOther, type PageContext } from '../accounts/page.ts';
import { isCmsRequestError, refusalReason } from '../cms/http.ts';
import { siteConfig } from '../config.ts';
import { setFlash } from '../flash.ts';
import { sentence, type FieldErrors, type SummaryItem } from '../forms.ts';
import { requireParticipant, requireViewer } from '../viewer.ts';
import {
  commentAction,
  commentSort,
  cursorParam,
  getComments,
  getLikers,
  getMine,
  getReplies,
  postComment,
  setPageComments,
  updateDiscussion,
  type CommentSort,
  type ForumReader,
} from './api.ts';
import { parseId, type ThreadRef } from './threads.ts';

/**
 * A thread's page, whatever holds it (a discussion, a workspace page, a case study): the forms
 * it posts to itself and the data it shows. Every form is plain HTML: a valid POST redirects
 * (303) back to where the member was, with a success banner; a refusal (ours, or the CMS's 403,
 * 404, 429) re-renders the page with the NHS error summary, the form opened again and what was
 * typed kept. Permissions are the CMS's to enforce on each write; the site shows only the forms
 * the CMS says the viewer may use (`can`, from the viewer's own answer).
 */

/** Query parameters that open one form or panel; dropped from the address after a post. */
export const ACTION_PARAMS = ['edit', 'delete', 'report', 'reply', 'likes'] as const;
export type ActionParam = (typeof ACTION_PARAMS)[number];

export const THREAD_INTENTS = ['comment', 'reply', 'edit', 'delete', 'like', 'unlike', 'report', 'pin', 'unpin', 'lock', 'unlock', 'comments-on', 'comments-off'] as const;
type ThreadIntent = (typeof THREAD_INTENTS)[number];

/** Where errors with no field of their own are shown (and linked to from the summary). */
export const CONTROLS_ERROR = 'discussion-controls';
export const PAGE_COMMENTS_ERROR = 'page-comments';
export const DELETE_ERROR = 'delete-comment';
export const likeErrorId = (id: number) => `like-${id}`;

export interface ThreadOutcome {
  status: number;
  errors: FieldErrors;
  values: Record<string, string>;
  /** The form the errors belong to, opened again on the re-rendered page. */
  reopen: { param: ActionParam; id: number } | null;
}

export const NO_OUTCOME: ThreadOutcome = { status: 200, errors: {}, values: {}, reopen: null };

/** A fresh key per rendered form: the CMS turns a double submit of one form into one comment. */
export function submissionKey(): string {
  return randomBytes(16).toString('base64url');
}

const SUBMISSION_KEY = /^[A-Za-z0-9_-]{1,64}$/;

/** The intent of a posted form when it is one of the thread's own (others belong to the page). */
export function threadIntent(form: FormData | null): ThreadIntent | null {
  const intent = form?.get('intent');
  return THREAD_INTENTS.find((candidate) => candidate === intent) ?? null;
}

/**
 * A copy of the request's form when it is a thread form, read without consuming the request, so
 * pages whose other forms read the request (join a workspace) still can.
 */
export async function peekThreadForm(request: Request): Promise<FormData | null> {
  if (request.method !== 'POST') return null;
  try {
    const form = await request.clone().formData();
    return threadIntent(form) ? form : null;
  } catch {
    return null;
  }
}

/** The page's context as a GET, for code that must not see a thread form (it has been handled). */
export function asGet(context: PageContext): PageContext {
  const request = new Request(context.request.url, { method: 'GET', headers: context.request.headers });
  return {
    request,
    url: context.url,
    cookies: context.cookies,
    locals: context.locals,
    get clientAddress() {
      return context.clientAddress;
    },
  };
}

export function bodySchema(field: string, noun: string, max: number) {
  return z.object({
    [field]: z
      .string()
      .trim()
      .min(1, `Enter your ${noun}`)
      .max(max, `Your ${noun} must be ${max.toLocaleString('en-GB')} characters or fewer`),
  });
}

const reasonSchema = z.object({
  reason: z.string().trim().min(1, 'Enter why you are reporting this comment').max(REASON_MAX, `Your reason must be ${REASON_MAX} characters or fewer`),
});

/** The address to come back to: the same view (sort, page of comments, replies), no form open. */
export function viewHref(url: URL, changes: Record<string, string | null> = {}, hash = ''): string {
  const params = new URLSearchParams(url.searchParams);
  for (const name of ACTION_PARAMS) params.delete(name);
  for (const [name, value] of Object.entries(changes)) {
    if (value === null) params.delete(name);
    else params.set(name, value);
  }
  const query = params.toString();
  return `${url.pathname}${query ? `?${query}` : ''}${hash}`;
}

/**
 * Where every thread form posts: the page's address without a fragment. A form with no action
 * posts to the address as shown, fragment and all (`?reply=5#reply-5`), and a refusal re-rendered
 * there made the browser scroll to that fragment and take focus from the error summary, leaving
 * it off-screen. From the top of the page the summary takes focus as on every other form.
 */
export function formAction(url: URL): string {
  return `${url.pathname}${url.search}`;
}

/** A link that opens one form or panel for one comment, keeping the view it is on. */
export function actionHref(url: URL, param: ActionParam, id: number, hash = `#comment-${id}`): string {
  return viewHref(url, { [param]: String(id) }, hash);
}

export interface ThreadPermissions {
  /** May comment, reply, like and report (a member who may post; never on a locked discussion). */
  canPost: boolean;
  /** A manager of the workspace: removes anyone's comment, pins and locks, turns page comments on. */
  canModerate: boolean;
  locked: boolean;
}

function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

function flashAndGo(context: PageContext, message: string, location: string): Response {
  setFlash(context.cookies, { success: message }, siteConfig().SITE_URL);
  return seeOther(location);
}

/** The CMS's refusal, shown on `field` (its own per-field message when it has one for `cmsField`). */
function refused(error: unknown, field: string, cmsField: string | null, values: Record<string, string>, reopen: ThreadOutcome['reopen']): ThreadOutcome {
  if (!isCmsRequestError(error)) throw error;
  const own = cmsField ? error.fieldErrors.find((fieldError) => fieldError.field.split('.')[0] === cmsField)?.message : undefined;
  const fallback =
    error.status === 404
      ? 'This comment or discussion no longer exists, or you cannot see it'
      : error.status === 429
        ? 'Too many posts. Try again later'
        : 'That did not work. Try again';
  const reason = refusalReason(error, 'You do not have permission to do this in this workspace');
  const message = sentence(own ?? reason) || fallback;
  const status = error.status === 403 || error.status === 404 || error.status === 429 ? error.status : 400;
  return { status, errors: { [field]: message }, values, reopen };
}

const SUCCESS: Record<ThreadIntent, string> = {
  comment: 'Your comment has been posted',
  reply: 'Your reply has been posted',
  edit: 'Your comment has been updated',
  delete: 'The comment has been removed',
  like: 'You liked this comment',
  unlike: 'You no longer like this comment',
  report: 'Thank you. The comment has been reported for review',
  pin: 'The discussion is pinned',
  unpin: 'The discussion is no longer pinned',
  lock: 'The discussion is locked',
  unlock: 'The discussion is unlocked',
  'comments-on': 'Comments are turned on for this page',
  'comments-off': 'Comments are turned off for this page',
};

/**
 * Handles a thread form (see `peekThreadForm`): a redirect on success, the outcome to re-render
 * with on refusal. The sign-in and profile checks come first: taking part needs a full profile.
 */
export async function threadPost(context: PageContext, form: FormData, ref: ThreadRef): Promise<Response | ThreadOutcome> {
  const intent = threadIntent(form);
  if (!intent) return { ...NO_OUTCOME, status: 400, errors: { [CONTROLS_ERROR]: 'Choose what you want to do' } };
  const takesPart = intent === 'comment' || intent === 'reply' || intent === 'like' || intent === 'unlike' || intent === 'report';
  const viewer = takesPart ? requireParticipant(context) : requireViewer(context);
  if (viewer instanceof Response) return viewer;
  const cms = context.locals.cms;
  const url = context.url;
  const key = text(form, 'submissionKey');
  const keyField = SUBMISSION_KEY.test(key) ? key : submissionKey();

  if (intent === 'comment') {
    const values = { body: text(form, 'body') };
    const parsed = bodySchema('body', 'comment', COMMENT_BODY_MAX).safeParse(values);
    if (!parsed.success) return { status: 400, errors: { body: parsed.error.issues[0].message }, values, reopen: null };
    try {
      const id = await postComment(cms, ref, { body: parsed.data.body as string, submissionKey: keyField });
      return flashAndGo(context, SUCCESS.comment, viewHref(url, { after: null, replies: null }, `#comment-${id}`));
    } catch (error) {
      return refused(error, 'body', 'body', values, null);
    }
  }

  const commentId = parseId(text(form, intent === 'reply' ? 'parentId' : 'comment'));
  if (intent === 'reply') {
    const values = { 'reply-body': text(form, 'reply-body') };
    if (commentId === null) return { status: 400, errors: { 'reply-body': 'Choose a comment to reply to' }, values, reopen: null };
    const reopen = { param: 'reply' as const, id: commentId };
    const parsed = bodySchema('reply-body', 'reply', COMMENT_BODY_MAX).safeParse(values);
    if (!parsed.success) return { status: 400, errors: { 'reply-body': parsed.error.issues[0].message }, values, reopen };
    try {
      const id = await postComment(cms, ref, { body: parsed.data['reply-body'] as string, parentId: commentId, submissionKey: keyField });
      return flashAndGo(context, SUCCESS.reply, viewHref(url, { after: null, replies: String(commentId), rafter: null }, `#comment-${id}`));
    } catch (error) {
      return refused(error, 'reply-body', 'body', values, reopen);
    }
  }

  if (intent === 'edit' || intent === 'delete' || intent === 'like' || intent === 'unlike' || intent === 'report') {
    if (commentId === null) return { status: 400, errors: { [CONTROLS_ERROR]: 'Choose a comment' }, values: {}, reopen: null };
    const back = viewHref(url, {}, `#comment-${commentId}`);
    if (intent === 'edit') {
      const values = { 'edit-body': text(form, 'edit-body') };
      const reopen = { param: 'edit' as const, id: commentId };
      const parsed = bodySchema('edit-body', 'comment', COMMENT_BODY_MAX).safeParse(values);
      if (!parsed.success) return { status: 400, errors: { 'edit-body': parsed.error.issues[0].message }, values, reopen };
      try {
        await commentAction(cms, ref, commentId, { kind: 'edit', body: parsed.data['edit-body'] as string });
      } catch (error) {
        return refused(error, 'edit-body', 'body', values, reopen);
      }
      return flashAndGo(context, SUCCESS.edit, back);
    }
    if (intent === 'report') {
      const values = { reason: text(form, 'reason') };
      const reopen = { param: 'report' as const, id: commentId };
      const parsed = reasonSchema.safeParse(values);
      if (!parsed.success) return { status: 400, errors: { reason: parsed.error.issues[0].message }, values, reopen };
      try {
        await commentAction(cms, ref, commentId, { kind: 'report', reason: parsed.data.reason });
      } catch (error) {
        return refused(error, 'reason', 'reason', values, reopen);
      }
      return flashAndGo(context, SUCCESS.report, back);
    }
    if (intent === 'delete') {
      try {
        await commentAction(cms, ref, commentId, { kind: 'delete' });
      } catch (error) {
        return refused(error, DELETE_ERROR, null, {}, { param: 'delete', id: commentId });
      }
      return flashAndGo(context, SUCCESS.delete, back);
    }
    try {
      await commentAction(cms, ref, commentId, { kind: intent });
    } catch (error) {
      return refused(error, likeErrorId(commentId), null, {}, null);
    }
    return flashAndGo(context, SUCCESS[intent], back);
  }

  if (intent === 'comments-on' || intent === 'comments-off') {
    if (ref.kind !== 'page') return { ...NO_OUTCOME, status: 400, errors: { [PAGE_COMMENTS_ERROR]: 'Comments can only be turned on for a workspace page' } };
    try {
      await setPageComments(cms, ref.workspace, ref.page, intent === 'comments-on');
    } catch (error) {
      return refused(error, PAGE_COMMENTS_ERROR, null, {}, null);
    }
    return flashAndGo(context, SUCCESS[intent], viewHref(url, {}, intent === 'comments-on' ? '#comments' : ''));
  }

  // pin, unpin, lock, unlock
  if (ref.kind !== 'discussion') return { ...NO_OUTCOME, status: 400, errors: { [CONTROLS_ERROR]: 'Only discussions can be pinned or locked' } };
  const change = intent === 'pin' || intent === 'unpin' ? { pinned: intent === 'pin' } : { locked: intent === 'lock' };
  try {
    await updateDiscussion(cms, ref.workspace, ref.id, change);
  } catch (error) {
    return refused(error, CONTROLS_ERROR, null, {}, null);
  }
  return flashAndGo(context, SUCCESS[intent], viewHref(url));
}

/** Error summary lines: each links to the element its error is shown on (ids are the error keys). */
export function threadSummary(errors: FieldErrors): SummaryItem[] {
  return Object.entries(errors)
    .filter((entry): entry is [string, string] => Boolean(entry[1]))
    .map(([field, message]) => ({ text: message, href: `#${field}` }));
}

export interface ThreadView {
  mode: 'list' | 'replies';
  sort: CommentSort;
  after: string | null;
  list: CommentPage | null;
  replies: RepliesPage | null;
  /** The "show more" link was not valid (the CMS said 400): offer the first comments instead. */
  badCursor: string | null;
  mine: Mine;
  /** The form or panel opened by the address (or re-opened after a refusal). */
  focus: { param: ActionParam; id: number } | null;
  /** The comment the focus is about, when it is on this view. */
  focusComment: ForumComment | null;
  likers: Author[] | null;
}

function findComment(comments: ForumComment[], id: number): ForumComment | null {
  for (const comment of comments) {
    if (comment.id === id) return comment;
    const reply = comment.replies.find((candidate) => candidate.id === id);
    if (reply) return reply;
  }
  return null;
}

/**
 * What the thread shows at this address: a page of comments (`?sort=&after=`), or one comment with
 * all its replies (`?replies=<id>`), plus the viewer's own facts and any panel opened
 * (`?edit=`, `?reply=`, `?delete=`, `?report=`, `?likes=`). Shared answers come from the cache; a
 * warm page view asks the CMS nothing.
 */
export async function loadThread(reader: ForumReader, ref: ThreadRef, url: URL, outcome: ThreadOutcome = NO_OUTCOME): Promise<ThreadView | null> {
  const params = url.searchParams;
  const sort = commentSort(params.get('sort'));
  const repliesOf = parseId(params.get('replies'));
  const after = cursorParam(params.get(repliesOf ? 'rafter' : 'after'));
  let focus: ThreadView['focus'] = outcome.reopen;
  if (!focus) {
    for (const param of ACTION_PARAMS) {
      const id = parseId(params.get(param));
      if (id !== null) {
        focus = { param, id };
        break;
      }
    }
  }

  let list: CommentPage | null = null;
  let replies: RepliesPage | null = null;
  let badCursor: string | null = null;
  try {
    if (repliesOf !== null) replies = await getReplies(reader, ref, repliesOf, after);
    else list = await getComments(reader, ref, { sort, after });
  } catch (error) {
    if (isCmsRequestError(error, 400) && after) {
      badCursor = sentence(error.reason) || 'This "show more" link is not valid: go back to the first comments';
    } else if (isCmsRequestError(error, 404) && repliesOf !== null) {
      // A comment that is gone (or never was): the thread itself, from the start.
      list = await getComments(reader, ref, { sort });
    } else {
      if (isCmsRequestError(error, 404)) return null;
      throw error;
    }
  }

  // What the viewer may do with the comments this view shows (and the one a panel opens), asked
  // as soon as they are known, alongside the panel's own reads.
  const shown = replies ? [{ ...replies.comment, replies: replies.replies }] : (list?.comments ?? []);
  const onView = shown.flatMap((comment) => [comment.id, ...comment.replies.map((reply) => reply.id)]);
  const minePromise = getMine(reader, ref, focus ? [...onView, focus.id] : onView);
  minePromise.catch(() => undefined);

  let focusComment: ForumComment | null = null;
  let likers: Author[] | null = null;
  if (focus) {
    focusComment = findComment(shown, focus.id);
    if (!focusComment && focus.param !== 'reply') {
      // Opened from elsewhere (a moderation queue, a shared link): a top-level comment is one call away.
      try {
        focusComment = (await getReplies(reader, ref, focus.id)).comment;
      } catch (error) {
        if (!isCmsRequestError(error)) throw error;
      }
    }
    if (focus.param === 'likes') {
      try {
        likers = await getLikers(reader, ref, focus.id);
      } catch (error) {
        if (!isCmsRequestError(error)) throw error;
        likers = [];
      }
    }
  }
  const mine = await minePromise;
  return { mode: replies ? 'replies' : 'list', sort, after, list, replies, badCursor, mine, focus, focusComment, likers };
}

/**
 * What the viewer may do with a comment: the CMS's answer (`can`), nothing where it gave none (fails
 * closed). `own` only words the links ("your comment").
 */
export function commentAbilities(comment: ForumComment, context: Pick<CommentContext, 'can' | 'viewerId'>): CommentAbilities & { own: boolean } {
  const own = context.viewerId !== null && comment.author !== null && String(comment.author.id) === context.viewerId;
  return { ...(context.can.get(comment.id) ?? NO_COMMENT_ABILITIES), own };
}

/** What every comment on a rendered thread needs to know besides itself. */
export interface CommentContext {
  url: URL;
  viewerId: string | null;
  permissions: ThreadPermissions;
  liked: ReadonlySet<number>;
  /** What the viewer may do with each comment shown, as the CMS said. */
  can: ReadonlyMap<number, CommentAbilities>;
  /** The viewer's own comments a moderator hid, with the reason they are told. */
  hiddenReasons: ReadonlyMap<number, string>;
  focus: ThreadView['focus'];
  outcome: ThreadOutcome;
  /** On `?replies=<id>` every reply is shown; elsewhere the first ones and a link to the rest. */
  allReplies: boolean;
}

export function commentContext(view: ThreadView, url: URL, viewerId: string | null, permissions: ThreadPermissions, outcome: ThreadOutcome): CommentContext {
  return {
    url,
    viewerId,
    permissions,
    liked: new Set(view.mine.liked),
    can: new Map(Object.entries(view.mine.can).map(([id, can]) => [Number(id), can])),
    hiddenReasons: new Map(view.mine.hidden.map((entry) => [entry.id, entry.reason])),
    focus: view.focus,
    outcome,
    allReplies: view.mode === 'replies',
  };
}
