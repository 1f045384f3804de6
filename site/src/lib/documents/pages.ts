import type { FolderView, WorkspaceAccess } from '@futurenhs/contract';
import { isPost, readForm, type PageContext } from '../accounts/page.ts';
import type { WorkspaceCard } from '../cms/schemas.ts';
import { formValues, summaryItems, validate, type FieldErrors, type SummaryItem } from '../forms.ts';
import { getFolder } from '../files/api.ts';
import type { FormPage } from '../files/form-pages.ts';
import { handleForm, refusalErrors } from '../files/forms.ts';
import { filesTrail, itemPage, restrictedOr, type Crumb, type ItemPage, type Restricted } from '../files/pages.ts';
import { filesHref, parseFolderKey, parseItemId, type FolderKey } from '../files/paths.ts';
import { doneAndGo, orMissing } from '../files/workspace-files.ts';
import { successMessage } from '../membership/actions.ts';
import { notFound } from '../membership/workspace.ts';
import { requireParticipant } from '../viewer.ts';
import {
  createDocument,
  getDocument,
  getVersion,
  getVersions,
  nameVersion,
  replyToComment,
  resolveComment,
  restoreDocumentVersion,
  type DocumentVersions,
  type DocumentVersionView,
} from './api.ts';
import { COMMENT_ACTIONS, commentId, DOCUMENT_FIELDS, documentFormSchema, replyBody, versionFormSchema, type CommentAction } from './forms.ts';
import { documentHref, versionsHref } from './paths.ts';
import type { DocumentView } from '@futurenhs/contract';

/**
 * What each documents page shows, after handling what it was posted (docs/documents.md): the
 * pages themselves only render. Access is decided as for the files pages (a workspace the viewer
 * may not know of is not found; a reader who may not read it gets its listing, 403), and the CMS
 * decides again on every call.
 */
interface Common {
  workspace: WorkspaceCard;
  access: WorkspaceAccess;
  status: number;
  success?: string;
  errorSummary: SummaryItem[];
  errors: FieldErrors;
  values: Record<string, string>;
  trail: Crumb[];
}

export type DocumentPage = Common & { kind: 'document'; document: DocumentView };
export type VersionsPage = Restricted | (Common & { kind: 'versions'; document: DocumentView; versions: DocumentVersions });
export type VersionPage = Restricted | (Common & { kind: 'version'; document: DocumentView; version: DocumentVersionView });

const forbidden = () => new Response(null, { status: 403 });

/** The new-document form: in the top level, or in `?folder=ID`; for those who may add files there. */
export async function newDocumentPage(context: PageContext, slug: string): Promise<Response | Restricted | FormPage> {
  const raw = context.url.searchParams.get('folder');
  const key: FolderKey | undefined = raw === null ? null : parseFolderKey(raw);
  if (key === undefined) return notFound();
  const reader = await restrictedOr(context, slug);
  if (reader instanceof Response || reader.kind === 'restricted') return reader;
  const wslug = reader.workspace.slug;
  const cms = context.locals.cms;
  const folder = await orMissing<FolderView>(getFolder(cms, wslug, key, { page: 1 }));
  if (folder instanceof Response) return folder;
  if (!folder.can.upload) return forbidden();
  const outcome = await handleForm(context, {
    fields: DOCUMENT_FIELDS,
    schema: documentFormSchema,
    initial: { name: '' },
    act: async (data) => {
      const id = await createDocument(cms, wslug, { name: data.name, folderId: key });
      return doneAndGo(context, `The document ${data.name} has been created`, documentHref(wslug, id));
    },
  });
  if (outcome instanceof Response) return outcome;
  return {
    kind: 'form',
    workspace: reader.workspace,
    access: reader.access,
    folder,
    back: filesHref(wslug, key),
    trail: filesTrail(wslug, folder.breadcrumbs, true),
    ...outcome,
    errorSummary: summaryItems(outcome.errors, DOCUMENT_FIELDS),
  };
}

/** The reply box of a comment thread: its id is the field the error summary links to. */
export const replyField = (comment: number) => `reply-${comment}`;

/**
 * A comment's reply, resolve or reopen, from the document page's plain forms: done and back to
 * the thread, or the page again with the error beside the reply box and what was typed.
 */
async function commentForm(context: PageContext, slug: string, id: number, form: FormData): Promise<Response | { status: number; errors: FieldErrors; values: Record<string, string> }> {
  const viewer = requireParticipant(context);
  if (viewer instanceof Response) return viewer;
  const { commentAction, comment } = formValues(form, ['commentAction', 'comment']);
  const action = COMMENT_ACTIONS.find((value) => value === commentAction) as CommentAction | undefined;
  const parsedId = commentId.safeParse(comment);
  if (!action || !parsedId.success) return { status: 400, errors: { comments: 'Choose a comment' }, values: {} };
  const thread = parsedId.data;
  const field = replyField(thread);
  const values = { [field]: formValues(form, ['body']).body };
  const cms = context.locals.cms;
  try {
    if (action === 'reply') {
      const checked = validate(replyBody, values[field]);
      if (!checked.ok) return { status: 400, errors: { [field]: Object.values(checked.errors)[0] ?? 'Enter a reply' }, values };
      await replyToComment(cms, slug, id, thread, checked.data);
    } else {
      await resolveComment(cms, slug, id, thread, action === 'resolve');
    }
  } catch (error) {
    const refused = refusalErrors(error, [field], field, 'You cannot comment on this document');
    if (refused.status === 404) return notFound();
    return { status: refused.status, errors: refused.errors, values };
  }
  const done = { reply: 'Your reply has been added', resolve: 'The comment has been resolved', reopen: 'The comment has been reopened' }[action];
  return doneAndGo(context, done, `${documentHref(slug, id)}#comment-${thread}`);
}

/**
 * `/files/items/{id}`: a file's page, or a document's. A document's page takes its comment forms;
 * any other POST is the file page's (restoring a version).
 */
export async function itemOrDocumentPage(context: PageContext, slug: string, rawId: string | undefined): Promise<Response | ItemPage | DocumentPage> {
  const id = parseItemId(rawId);
  if (id === undefined) return notFound();
  if (isPost(context)) {
    // Read from a copy: a file page's restore form reads the body itself.
    const form = await context.request
      .clone()
      .formData()
      .catch(() => new FormData());
    if (form.has('commentAction')) {
      const reader = await restrictedOr(context, slug);
      if (reader instanceof Response) return reader;
      if (reader.kind === 'restricted') return forbidden();
      const outcome = await commentForm(context, reader.workspace.slug, id, form);
      if (outcome instanceof Response) return outcome;
      return documentPage(context, reader, id, outcome);
    }
  }
  const page = await itemPage(context, slug, rawId);
  if (page instanceof Response || page.kind === 'restricted' || page.item.item.kind !== 'document') return page;
  return documentPage(context, page, id, { status: 200, errors: {}, values: {} }, page.success);
}

async function documentPage(
  context: PageContext,
  reader: { workspace: WorkspaceCard; access: WorkspaceAccess },
  id: number,
  outcome: { status: number; errors: FieldErrors; values: Record<string, string> },
  success?: string,
): Promise<Response | DocumentPage> {
  const wslug = reader.workspace.slug;
  const document = await orMissing(getDocument(context.locals.cms, wslug, id));
  if (document instanceof Response) return document;
  return {
    kind: 'document',
    workspace: reader.workspace,
    access: reader.access,
    ...outcome,
    success,
    errorSummary: summaryItems(outcome.errors, Object.keys(outcome.errors)),
    document,
    trail: filesTrail(wslug, document.breadcrumbs, true),
  };
}

async function readerAndDocument(context: PageContext, slug: string, rawId: string | undefined) {
  const id = parseItemId(rawId);
  if (id === undefined) return notFound();
  const reader = await restrictedOr(context, slug);
  if (reader instanceof Response || reader.kind === 'restricted') return reader;
  const wslug = reader.workspace.slug;
  const document = await orMissing(getDocument(context.locals.cms, wslug, id));
  if (document instanceof Response) return document;
  const trail = [...filesTrail(wslug, document.breadcrumbs, true), { text: document.document.name, href: documentHref(wslug, id) }];
  return { kind: 'reader' as const, reader, wslug, id, document, trail };
}

export const VERSION_NAME_FIELD = 'name';

/** A document's versions, newest first; members name the current one here. */
export async function versionsPage(context: PageContext, slug: string, rawId: string | undefined): Promise<Response | VersionsPage> {
  const found = await readerAndDocument(context, slug, rawId);
  if (found instanceof Response || found.kind === 'restricted') return found;
  const { reader, wslug, id, document, trail } = found;
  let status = 200;
  let errors: FieldErrors = {};
  let values: Record<string, string> = { name: '' };
  if (isPost(context)) {
    if (!document.can.restore) return forbidden();
    const viewer = requireParticipant(context);
    if (viewer instanceof Response) return viewer;
    values = formValues(await readForm(context), [VERSION_NAME_FIELD]);
    const checked = validate(versionFormSchema, values);
    if (!checked.ok) {
      status = 400;
      errors = checked.errors;
    } else {
      try {
        await nameVersion(context.locals.cms, wslug, id, checked.data.name);
        return doneAndGo(context, `The current version has been saved as ${checked.data.name}`, versionsHref(wslug, id));
      } catch (error) {
        ({ status, errors } = refusalErrors(error, [VERSION_NAME_FIELD], VERSION_NAME_FIELD, 'You cannot name versions of this document'));
      }
    }
  }
  const versions = await orMissing(getVersions(context.locals.cms, wslug, id));
  if (versions instanceof Response) return versions;
  return {
    kind: 'versions',
    workspace: reader.workspace,
    access: reader.access,
    status,
    success: successMessage(context),
    errors,
    errorSummary: summaryItems(errors, [VERSION_NAME_FIELD]),
    values,
    trail,
    document,
    versions,
  };
}

export const RESTORE_FIELD = 'restore';

/** One version beside the document as it is now; members restore it from here. */
export async function versionPage(context: PageContext, slug: string, rawId: string | undefined, rawVersion: string | undefined): Promise<Response | VersionPage> {
  const number = parseItemId(rawVersion);
  if (number === undefined) return notFound();
  const found = await readerAndDocument(context, slug, rawId);
  if (found instanceof Response || found.kind === 'restricted') return found;
  const { reader, wslug, id, document, trail } = found;
  let status = 200;
  let errors: FieldErrors = {};
  if (isPost(context)) {
    if (!document.can.restore) return forbidden();
    const viewer = requireParticipant(context);
    if (viewer instanceof Response) return viewer;
    try {
      await restoreDocumentVersion(context.locals.cms, wslug, id, number);
      return doneAndGo(context, 'The document has been restored to this version. The content before the restore is kept in its version history', documentHref(wslug, id));
    } catch (error) {
      const refused = refusalErrors(error, [RESTORE_FIELD], RESTORE_FIELD, 'You cannot restore versions of this document');
      if (refused.status === 404) return notFound();
      ({ status, errors } = refused);
    }
  }
  const version = await orMissing(getVersion(context.locals.cms, wslug, id, number));
  if (version instanceof Response) return version;
  return {
    kind: 'version',
    workspace: reader.workspace,
    access: reader.access,
    status,
    success: successMessage(context),
    errors,
    errorSummary: summaryItems(errors, [RESTORE_FIELD]),
    values: {},
    trail: [...trail, { text: 'Version history', href: versionsHref(wslug, id) }],
    document,
    version,
  };
}
