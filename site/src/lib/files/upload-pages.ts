import type { FolderView, ItemView, WorkspaceAccess } from '@futurenhs/contract';
import { isPost, type PageContext } from '../accounts/page.ts';
import type { WorkspaceCard } from '../cms/schemas.ts';
import { CSRF_FIELD } from '../csrf.ts';
import { summaryItems, type FieldErrors, type SummaryItem } from '../forms.ts';
import { plural } from '../forum/format.ts';
import { notFound } from '../membership/workspace.ts';
import { requireParticipant } from '../viewer.ts';
import { getFolder, getItem } from './api.ts';
import { filesTrail, restrictedOr, type Crumb, type Restricted } from './pages.ts';
import { cmsPaths, filesHref, folderActionHref, itemHref, parseFolderKey, parseItemId } from './paths.ts';
import { jsonRefusal, streamUpload, TEXT_FIELD, UPLOAD_FIELD, wantsJson, type UploadOutcome } from './upload.ts';
import { orMissing } from './workspace-files.ts';

/** The upload form's page: several files into a folder, or a new version of one file. */
export interface UploadPage {
  kind: 'upload';
  workspace: WorkspaceCard;
  access: WorkspaceAccess;
  status: number;
  values: Record<string, string>;
  errors: FieldErrors;
  errorSummary: SummaryItem[];
  trail: Crumb[];
  back: string;
  /** Where the form posts: this page, with the CSRF token (the body is streamed, not parsed). */
  action: string;
  maxUploadBytes: number;
  folder?: FolderView;
  item?: ItemView;
}

const forbidden = () => new Response(null, { status: 403 });

/** The form's own address with its CSRF token (lib/files/upload.ts says why it is in the URL). */
export function uploadAction(path: string, csrfToken: string): string {
  return `${path}?${new URLSearchParams({ [CSRF_FIELD]: csrfToken })}`;
}

export const UPLOAD_FIELDS = [UPLOAD_FIELD.files, TEXT_FIELD.files] as const;
export const VERSION_FIELDS = [UPLOAD_FIELD.version, TEXT_FIELD.version] as const;

/** The workspace's reader (and, for a POST, a participant who may act), or the answer that stops here. */
async function uploaderOr(context: PageContext, slug: string) {
  const reader = await restrictedOr(context, slug);
  if (reader instanceof Response || reader.kind === 'restricted') return reader;
  if (isPost(context)) {
    const viewer = requireParticipant(context);
    if (viewer instanceof Response) return viewer;
  }
  return reader;
}

/** A POST streams its body on to the CMS: then a redirect, the script's JSON, or the form again with its errors. */
async function uploadOutcome(context: PageContext, target: Parameters<typeof streamUpload>[1], fields: readonly string[]): Promise<Response | UploadOutcome> {
  if (!isPost(context)) return { status: 200, values: {}, errors: {} };
  const sent = await streamUpload(context, target);
  if (sent instanceof Response) return sent;
  if (wantsJson(context.request)) return jsonRefusal(sent, fields);
  return sent;
}

export async function uploadPage(context: PageContext, slug: string, rawKey: string | undefined): Promise<Response | Restricted | UploadPage> {
  const key = parseFolderKey(rawKey);
  if (key === undefined) return notFound();
  const reader = await uploaderOr(context, slug);
  if (reader instanceof Response || reader.kind === 'restricted') return reader;
  const wslug = reader.workspace.slug;
  // Asked first, before any byte is sent on: may this member upload here, and how large.
  const folder = await orMissing(getFolder(context.locals.cms, wslug, key, { page: 1 }));
  if (folder instanceof Response) return folder;
  if (!folder.can.upload) return forbidden();
  const outcome = await uploadOutcome(
    context,
    {
      cmsPath: cmsPaths.upload(wslug, key),
      kind: 'files',
      maxUploadBytes: folder.maxUploadBytes,
      success: (count) => ({ message: `${plural(count, 'file')} uploaded`, location: filesHref(wslug, key) }),
    },
    UPLOAD_FIELDS,
  );
  if (outcome instanceof Response) return outcome;
  return {
    kind: 'upload',
    workspace: reader.workspace,
    access: reader.access,
    ...outcome,
    errorSummary: summaryItems(outcome.errors, UPLOAD_FIELDS),
    trail: filesTrail(wslug, folder.breadcrumbs, true),
    back: filesHref(wslug, key),
    action: uploadAction(folderActionHref(wslug, key, 'upload'), context.locals.csrfToken),
    maxUploadBytes: folder.maxUploadBytes,
    folder,
  };
}

export async function newVersionPage(context: PageContext, slug: string, rawId: string | undefined): Promise<Response | Restricted | UploadPage> {
  const id = parseItemId(rawId);
  if (id === undefined) return notFound();
  const reader = await uploaderOr(context, slug);
  if (reader instanceof Response || reader.kind === 'restricted') return reader;
  const wslug = reader.workspace.slug;
  const item = await orMissing(getItem(context.locals.cms, wslug, id));
  if (item instanceof Response) return item;
  if (!item.item.can.change || item.item.kind !== 'file') return forbidden();
  const outcome = await uploadOutcome(
    context,
    {
      cmsPath: cmsPaths.versions(wslug, id),
      kind: 'version',
      maxUploadBytes: item.maxUploadBytes,
      success: () => ({ message: 'The new version has been uploaded', location: itemHref(wslug, id) }),
    },
    VERSION_FIELDS,
  );
  if (outcome instanceof Response) return outcome;
  return {
    kind: 'upload',
    workspace: reader.workspace,
    access: reader.access,
    ...outcome,
    errorSummary: summaryItems(outcome.errors, VERSION_FIELDS),
    trail: [...filesTrail(wslug, item.breadcrumbs, true), { text: item.item.name, href: itemHref(wslug, id) }],
    back: itemHref(wslug, id),
    action: uploadAction(itemHref(wslug, id, 'new-version'), context.locals.csrfToken),
    maxUploadBytes: item.maxUploadBytes,
    item,
  };
}
