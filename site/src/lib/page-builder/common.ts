import { isPost, readForm, seeOther, type PageContext } from '../accounts/page.ts';
import { invalidateAllCaches } from '../cache/registry.ts';
import { isCmsRequestError, refusalReason, type CmsRequestError } from '../cms/http.ts';
import { siteConfig } from '../config.ts';
import { setFlash, takeFlash } from '../flash.ts';
import { sentence, type FieldErrors } from '../forms.ts';
import { managerPage, notFound, type ManagerPage } from '../membership/workspace.ts';
import type { PageStatus } from './api.ts';

/**
 * What the page builder's pages share: their addresses, the status tags, and how a form's
 * outcome is told (Post/Redirect/Get with a one-off banner on success; the NHS error summary and
 * the values typed on failure, as the membership forms do).
 */
export { isPost, readForm, type PageContext };

const workspaceBase = (slug: string) => `/workspaces/${encodeURIComponent(slug)}`;

export function pagesHref(slug: string): string {
  return `${workspaceBase(slug)}/manage/pages`;
}

export function editorHref(slug: string, documentId: string): string {
  return `${pagesHref(slug)}/${encodeURIComponent(documentId)}`;
}

export function addBlockHref(slug: string, documentId: string, at?: number): string {
  return `${editorHref(slug, documentId)}/add${at === undefined ? '' : `?at=${at}`}`;
}

export function newBlockHref(slug: string, documentId: string, uid: string, at?: number): string {
  return `${editorHref(slug, documentId)}/blocks/new?type=${encodeURIComponent(uid)}${at === undefined ? '' : `&at=${at}`}`;
}

export function blockHref(slug: string, documentId: string, index: number): string {
  return `${editorHref(slug, documentId)}/blocks/${index}`;
}

export function previewHref(slug: string, documentId: string): string {
  return `${editorHref(slug, documentId)}/preview`;
}

/** Where a block form posts what is typed so far, for its live preview (with JavaScript). */
export function blockPreviewHref(slug: string, documentId: string, uid: string): string {
  return `${editorHref(slug, documentId)}/blocks/preview?type=${encodeURIComponent(uid)}`;
}

export function historyHref(slug: string, documentId: string, version?: number): string {
  return `${editorHref(slug, documentId)}/history${version === undefined ? '' : `?version=${version}`}`;
}

export function deleteHref(slug: string, documentId: string): string {
  return `${editorHref(slug, documentId)}/delete`;
}

export const STATUS_TAGS: Record<PageStatus, { label: string; colour: string }> = {
  draft: { label: 'Draft', colour: 'nhsuk-tag--grey' },
  published: { label: 'Published', colour: 'nhsuk-tag--green' },
  changed: { label: 'Changed since publishing', colour: 'nhsuk-tag--yellow' },
};

/** Document ids are Strapi's (lower-case letters and digits); anything else is not a page. */
export const DOCUMENT_ID = /^[a-z0-9]{1,64}$/;

/**
 * Every page under one builder page's address: the managers' guard, a well-formed documentId,
 * then the page's own flow, for managers only. A Response (sign in, not found, a redirect after a
 * post) is the page's answer as it is; otherwise the guard and the flow's view, null for someone
 * who may not manage (the page then shows the managers-only notice, 403). A flow answers null
 * for what does not exist: not found.
 */
export async function builderRoute<View>(
  context: Parameters<typeof managerPage>[0] & { params: Record<string, string | undefined> },
  flow: (resolved: Extract<ManagerPage, { kind: 'manager' }>['resolved'], documentId: string) => Promise<View | Response | null>,
): Promise<Response | { guard: ManagerPage; view: View | null }> {
  const documentId = context.params.documentId ?? '';
  if (!DOCUMENT_ID.test(documentId)) return notFound();
  const guard = await managerPage(context, context.params.slug ?? '');
  if (guard instanceof Response) return guard;
  if (guard.kind !== 'manager') return { guard, view: null };
  const view = await flow(guard.resolved, documentId);
  if (view instanceof Response) return view;
  if (view === null) return notFound();
  return { guard, view };
}

/** The form outcome every builder page renders from. */
export interface Outcome<V = Record<string, string>> {
  status: number;
  errors: FieldErrors;
  values: V;
  /** A save was refused as stale: the summary says so and the form keeps what was typed. */
  conflict?: boolean;
}

export const ok = <V>(values: V): Outcome<V> => ({ status: 200, errors: {}, values });

/** Success: a banner on the next page, and the browser fetches it with a GET. */
export function done(context: PageContext, message: string, location: string): Response {
  setFlash(context.cookies, { success: message }, siteConfig().SITE_URL);
  return seeOther(location);
}

/**
 * Success with one block of the editor: the message is shown in that block, and the editor is
 * opened at it (`#block-N`, focusable), so focus and the message land where the change is rather
 * than in a banner at the top of a long page.
 */
export function doneWithBlock(context: PageContext, message: string, slug: string, documentId: string, index: number): Response {
  setFlash(context.cookies, { success: message, block: index }, siteConfig().SITE_URL);
  return seeOther(`${editorHref(slug, documentId)}#${blockAnchor(index)}`);
}

export const blockAnchor = (index: number) => `block-${index}`;

/** The banner left by the previous POST, if any (read once). */
export function successBanner(context: PageContext): string | undefined {
  return builderFlash(context).success;
}

/** The previous POST's message and, when it was about one block, that block's index (read once). */
export function builderFlash(context: PageContext): { success?: string; block?: number } {
  if (!context.locals.viewer) return {};
  const { success, block } = takeFlash(context.cookies, siteConfig().SITE_URL);
  return { success, block };
}

/**
 * A published change: drop this instance's cached pages at once (the CMS tells every instance
 * too, once its transaction commits, which may be after the manager's next request).
 */
export function publishedChange(): void {
  invalidateAllCaches();
}

/** What the CMS said, in words for the error summary. */
export function reasonOf(error: CmsRequestError, fallback = 'That did not work. Try again'): string {
  return sentence(refusalReason(error, 'Only the managers of this workspace can change its pages')) || fallback;
}

/**
 * What became of the change:
 * - form: a block's form, saved over a newer draft: kept in the history, and still in the form;
 * - blocks: a move, duplicate or remove over a newer draft: the blocks as sent are kept too;
 * - action: a publish or restore: nothing to keep, the page is shown as it is now.
 */
export type ConflictKind = 'form' | 'blocks' | 'action';

const CONFLICT_OUTCOMES: Record<ConflictKind, string> = {
  form: 'Your changes were not saved over theirs: they are kept in the page’s history, and they are still in the form below',
  blocks: 'Your change was not made: the blocks as you saw them are kept in the page’s history. The page below is as it is now: try again',
  action: 'Nothing was changed. The page below is as it is now: check it, then try again',
};

/** The 409: the CMS names who saved and when; the site says what became of the refused change. */
export function conflictMessage(error: CmsRequestError, kind: ConflictKind = 'form'): string {
  const reason = sentence(error.reason) || 'Someone else changed this page after you opened it';
  return `${reason.replace(/[.!]$/, '')}. ${CONFLICT_OUTCOMES[kind]}`;
}

/** A CMS refusal as the form's error on `field`; anything that is not a refusal is thrown on. */
export function refusedOn(error: unknown, field: string, values: Record<string, string> = {}, conflict: ConflictKind = 'action'): Outcome {
  if (!isCmsRequestError(error)) throw error;
  if (error.status === 409) return { status: 409, errors: { [field]: conflictMessage(error, conflict) }, values, conflict: true };
  return { status: error.status === 429 ? 429 : error.status === 403 ? 403 : 400, errors: { [field]: reasonOf(error) }, values };
}

export function text(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}

/** The `revision` a form was rendered with; -1 when missing (the CMS then refuses it as stale). */
export function revisionOf(form: FormData): number {
  const raw = text(form, 'revision');
  return /^\d{1,9}$/.test(raw) ? Number(raw) : -1;
}

export function indexOf(form: FormData, name = 'index'): number | null {
  const raw = text(form, name);
  return /^\d{1,3}$/.test(raw) ? Number(raw) : null;
}
