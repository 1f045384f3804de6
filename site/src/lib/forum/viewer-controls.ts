import { authorName } from './format.ts';
import type { ForumComment } from '@futurenhs/contract';
import { commentAbilities, formAction, viewHref, type ActionParam, type CommentContext } from './thread-page.ts';

/**
 * What a rendered comment shows differently to each viewer — their Like or Unlike button, the
 * links to reply, edit, delete or report, and the notice on their own hidden comment — made here
 * as small strings and put into the comment list at marked places. The rest of the list is the
 * same for every reader and is rendered once per page of comments (SharedCommentList), so a busy
 * thread is not re-rendered for every member who reads it.
 */
export type ControlKind = 'like' | 'actions' | 'hidden';

export function controlSlot(kind: ControlKind, id: number): string {
  return `<!--fnhs:${kind}:${id}-->`;
}

const SLOT = /<!--fnhs:(like|actions|hidden):(\d+)-->/g;

const SPECIAL = /[&<>"']/;
const escapeHtml = (value: string) =>
  SPECIAL.test(value) ? value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;') : value;

/** What every control of one rendering shares, worked out once rather than per comment. */
interface Shared {
  context: CommentContext;
  csrfField: string;
  /** The page's address without its action parameters, to which one action is added (as actionHref does). */
  base: string;
  /** Where the like forms post (formAction), escaped. */
  action: string;
}

const hiddenText = (text: string) => `<span class="nhsuk-u-visually-hidden">${escapeHtml(text)}</span>`;

function likeControl(comment: ForumComment, { context, csrfField, action }: Shared): string {
  if (!commentAbilities(comment, context).like) return '';
  const liked = context.liked.has(comment.id);
  return (
    `<form method="post" action="${action}" novalidate class="nhsuk-u-margin-bottom-2">` +
    csrfField +
    `<input type="hidden" name="intent" value="${liked ? 'unlike' : 'like'}">` +
    `<input type="hidden" name="comment" value="${comment.id}">` +
    `<button class="nhsuk-button nhsuk-button--secondary nhsuk-button--small nhsuk-u-margin-bottom-0" data-module="nhsuk-button" type="submit">` +
    `${liked ? 'Unlike' : 'Like'}${hiddenText(` comment by ${authorName(comment.author)}`)}</button></form>`
  );
}

function actionLinks(comment: ForumComment, { context, base }: Shared): string {
  const can = commentAbilities(comment, context);
  const focused = context.focus?.id === comment.id ? context.focus.param : null;
  if (focused === 'edit' && can.edit) return '';
  const about = ` comment by ${authorName(comment.author)}`;
  const link = (param: ActionParam, hash: string, label: string, hidden: string) =>
    `<li class="nhsuk-u-margin-bottom-1"><a href="${base}${param}=${comment.id}${hash}">${label}${hiddenText(hidden)}</a></li>`;
  const links = [
    can.reply && focused !== 'reply' ? link('reply', `#reply-${comment.id}`, 'Reply', ` to${about}`) : '',
    can.edit ? link('edit', `#comment-${comment.id}`, 'Edit', ' your comment') : '',
    can.delete ? link('delete', '#comments', 'Delete', can.own ? ' your comment' : about) : '',
    can.report ? link('report', '#comments', 'Report', about) : '',
  ].join('');
  return links ? `<ul class="nhsuk-list nhsuk-body-s nhsuk-u-margin-bottom-2">${links}</ul>` : '';
}

function hiddenNotice(comment: ForumComment, { context }: Shared): string {
  const reason = context.hiddenReasons.get(comment.id);
  if (reason === undefined) return '<p class="nhsuk-u-secondary-text-colour"><em>This comment was hidden by a moderator</em></p>';
  return (
    '<div class="nhsuk-inset-text nhsuk-u-margin-top-2 nhsuk-u-margin-bottom-2">' +
    '<span class="nhsuk-u-visually-hidden">Information: </span>' +
    `<p>Your comment was hidden by a moderator. Reason: ${escapeHtml(reason || 'none given')}</p></div>`
  );
}

/** A rendered comment list cut at its marked places, once, so each view only joins strings. */
export interface SplitList {
  /** The markup between marked places: one more than `places`. */
  parts: string[];
  places: { kind: ControlKind; id: number }[];
}

export function splitAtControls(html: string): SplitList {
  const parts: string[] = [];
  const places: SplitList['places'] = [];
  let from = 0;
  for (const match of html.matchAll(SLOT)) {
    parts.push(html.slice(from, match.index));
    places.push({ kind: match[1] as ControlKind, id: Number(match[2]) });
    from = match.index + match[0].length;
  }
  parts.push(html.slice(from));
  return { parts, places };
}

/** Fills every marked place of a rendered comment list for this viewer. */
export function fillViewerControls(list: SplitList | string, comments: readonly ForumComment[], context: CommentContext, csrfToken: string): string {
  const { parts, places } = typeof list === 'string' ? splitAtControls(list) : list;
  const byId = new Map<number, ForumComment>();
  for (const comment of comments) {
    byId.set(comment.id, comment);
    for (const reply of comment.replies) byId.set(reply.id, reply);
  }
  const page = viewHref(context.url);
  const shared: Shared = {
    context,
    csrfField: `<input type="hidden" name="_csrf" value="${escapeHtml(csrfToken)}">`,
    base: escapeHtml(`${page}${page.includes('?') ? '&' : '?'}`),
    action: escapeHtml(formAction(context.url)),
  };
  let html = parts[0];
  places.forEach(({ kind, id }, index) => {
    const comment = byId.get(id);
    if (comment) html += kind === 'like' ? likeControl(comment, shared) : kind === 'actions' ? actionLinks(comment, shared) : hiddenNotice(comment, shared);
    html += parts[index + 1];
  });
  return html;
}
