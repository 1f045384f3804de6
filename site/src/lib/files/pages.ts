import type { BinEntry, FolderView, ItemView, Person, WorkspaceAccess } from '@futurenhs/contract';
import { isPost, readForm, type PageContext } from '../accounts/page.ts';
import type { WorkspaceCard } from '../cms/schemas.ts';
import { formValues, summaryItems, validate, type FieldErrors, type SummaryItem } from '../forms.ts';
import { successMessage } from '../membership/actions.ts';
import { notFound } from '../membership/workspace.ts';
import { currentPath } from '../next-url.ts';
import { requireParticipant } from '../viewer.ts';
import { binKind, emptyBin, findBinEntry, folderQuery, getBin, getFolder, getItem, purgeFromBin, restoreFromBin, restoreVersion, type FolderQuery } from './api.ts';
import { refusalErrors, restoreFormSchema } from './forms.ts';
import { binHref, filesHref, itemHref, parseFolderKey, parseItemId, type FolderKey } from './paths.ts';
import { doneAndGo, orMissing, workspaceFiles, type ReaderWorkspace } from './workspace-files.ts';

/**
 * What each files page shows, after handling what it was posted: the pages themselves only
 * render. Someone who may not read the workspace gets its listing (403), never a file's name.
 */
/** A breadcrumb (components/Breadcrumbs.astro). */
export interface Crumb {
  text: string;
  href: string;
}

export type Restricted = { kind: 'restricted'; workspace: WorkspaceCard; access: WorkspaceAccess; signedIn: boolean; managers: Person[] };

interface Common {
  workspace: WorkspaceCard;
  access: WorkspaceAccess;
  status: number;
  success?: string;
  errorSummary: SummaryItem[];
  errors: FieldErrors;
}

export type FolderPage = Restricted | (Common & { kind: 'folder'; key: FolderKey; view: FolderView; query: FolderQuery; trail: Crumb[] });
export type ItemPage = Restricted | (Common & { kind: 'item'; item: ItemView; trail: Crumb[] });
export type BinPage = Restricted | (Common & { kind: 'bin'; entries: BinEntry[]; page: number; pageCount: number; total: number; trail: Crumb[] });

export async function restrictedOr(context: PageContext, slug: string): Promise<Response | Restricted | (ReaderWorkspace & { kind: 'reader' })> {
  const files = await workspaceFiles(context, slug);
  if (files instanceof Response) return files;
  if (files.kind === 'restricted') {
    const { workspace, access, viewer } = files.resolved;
    return { kind: 'restricted', workspace, access, signedIn: viewer !== null, managers: files.managers };
  }
  return { kind: 'reader', ...files.resolved };
}

/** The breadcrumbs under the workspace: "Files", then each folder above the page (not the page itself). */
export function filesTrail(slug: string, folders: { id: number; name: string }[], includeLast: boolean): Crumb[] {
  const shown = includeLast ? folders : folders.slice(0, -1);
  return [{ text: 'Files', href: filesHref(slug) }, ...shown.map((folder) => ({ text: folder.name, href: filesHref(slug, folder.id) }))];
}

export async function folderPage(context: PageContext, slug: string, rawKey?: string): Promise<Response | FolderPage> {
  const key = rawKey === undefined ? null : parseFolderKey(rawKey);
  if (key === undefined) return notFound();
  const reader = await restrictedOr(context, slug);
  if (reader instanceof Response || reader.kind === 'restricted') return reader;
  const query = folderQuery(context.url.searchParams);
  const view = await orMissing(getFolder(context.locals.cms, reader.workspace.slug, key, query));
  if (view instanceof Response) return view;
  // The top level lives at /files, not /files/root.
  if (rawKey === 'root') return new Response(null, { status: 301, headers: { location: filesHref(reader.workspace.slug) } });
  return {
    kind: 'folder',
    workspace: reader.workspace,
    access: reader.access,
    status: 200,
    success: successMessage(context),
    errorSummary: [],
    errors: {},
    key,
    view,
    query,
    trail: key === null ? [] : filesTrail(reader.workspace.slug, view.breadcrumbs, false),
  };
}

export const RESTORE_ERROR = 'versions';

export async function itemPage(context: PageContext, slug: string, rawId: string | undefined): Promise<Response | ItemPage> {
  const id = parseItemId(rawId);
  if (id === undefined) return notFound();
  const reader = await restrictedOr(context, slug);
  if (reader instanceof Response || reader.kind === 'restricted') return reader;
  const wslug = reader.workspace.slug;
  let status = 200;
  let errors: FieldErrors = {};
  if (isPost(context)) {
    const viewer = requireParticipant(context);
    if (viewer instanceof Response) return viewer;
    const checked = validate(restoreFormSchema, formValues(await readForm(context), ['version', 'comment']));
    if (!checked.ok) {
      status = 400;
      errors = { [RESTORE_ERROR]: Object.values(checked.errors)[0] ?? 'Choose a version' };
    } else {
      try {
        await restoreVersion(context.locals.cms, wslug, id, checked.data.version, checked.data.comment);
        return doneAndGo(context, `Version ${checked.data.version} has been restored as the current version`, itemHref(wslug, id));
      } catch (error) {
        const refused = refusalErrors(error, [RESTORE_ERROR], RESTORE_ERROR);
        status = refused.status === 404 ? 400 : refused.status;
        errors = refused.errors;
      }
    }
  }
  const item = await orMissing(getItem(context.locals.cms, wslug, id));
  if (item instanceof Response) return item;
  return {
    kind: 'item',
    workspace: reader.workspace,
    access: reader.access,
    status,
    success: successMessage(context),
    errors,
    errorSummary: summaryItems(errors, [RESTORE_ERROR]),
    item,
    trail: filesTrail(wslug, item.breadcrumbs, true),
  };
}

export const BIN_ERROR = 'bin';

/** The recycle bin: managers only (403 for other readers, as the CMS answers them). */
export async function binPage(context: PageContext, slug: string): Promise<Response | BinPage> {
  const reader = await restrictedOr(context, slug);
  if (reader instanceof Response || reader.kind === 'restricted') return reader;
  if (!reader.access.canManage) return new Response(null, { status: 403 });
  const wslug = reader.workspace.slug;
  let status = 200;
  let errors: FieldErrors = {};
  if (isPost(context)) {
    const viewer = requireParticipant(context);
    if (viewer instanceof Response) return viewer;
    const { kind, id } = formValues(await readForm(context), ['kind', 'id']);
    const entryId = parseItemId(id);
    if ((kind !== 'folder' && kind !== 'item') || entryId === undefined) {
      status = 400;
      errors = { [BIN_ERROR]: 'Choose something to restore' };
    } else {
      try {
        // The name the CMS restored it under, never one the form (or a crafted link) claims.
        const name = await restoreFromBin(context.locals.cms, wslug, kind, entryId);
        return doneAndGo(context, `${name.slice(0, 120) || 'It'} has been restored`, currentPath(context.url));
      } catch (error) {
        const refused = refusalErrors(error, [BIN_ERROR], BIN_ERROR);
        status = refused.status;
        errors = refused.errors;
      }
    }
  }
  const page = Number(/^[1-9][0-9]{0,5}$/.test(context.url.searchParams.get('page') ?? '') ? context.url.searchParams.get('page') : 1);
  const bin = await orMissing(getBin(context.locals.cms, wslug, page));
  if (bin instanceof Response) return bin;
  return {
    kind: 'bin',
    workspace: reader.workspace,
    access: reader.access,
    status,
    success: successMessage(context),
    errors,
    errorSummary: summaryItems(errors, [BIN_ERROR]),
    ...bin,
    trail: filesTrail(wslug, [], true),
  };
}

/** The confirmation pages of the bin: delete one entry for good, or empty it. */
export async function binConfirmPage(
  context: PageContext,
  slug: string,
  what: 'purge' | 'empty',
): Promise<Response | Restricted | (Common & { kind: 'confirm'; entry: { kind: 'folder' | 'item'; id: number; name: string } | null; trail: Crumb[] })> {
  const reader = await restrictedOr(context, slug);
  if (reader instanceof Response || reader.kind === 'restricted') return reader;
  if (!reader.access.canManage) return new Response(null, { status: 403 });
  const wslug = reader.workspace.slug;
  const params = context.url.searchParams;
  let entry: { kind: 'folder' | 'item'; id: number; name: string } | null = null;
  if (what === 'purge') {
    const kind = params.get('kind');
    const id = parseItemId(params.get('id') ?? undefined);
    if ((kind !== 'folder' && kind !== 'item') || id === undefined) return notFound();
    // Named as the bin lists it, so a crafted link cannot show one name and delete another.
    const found = await findBinEntry(context.locals.cms, wslug, kind, id);
    if (!found) return notFound();
    entry = { kind, id, name: found.name };
  }
  let status = 200;
  let errors: FieldErrors = {};
  if (isPost(context)) {
    const viewer = requireParticipant(context);
    if (viewer instanceof Response) return viewer;
    try {
      if (entry) await purgeFromBin(context.locals.cms, wslug, entry.kind, entry.id);
      else await emptyBin(context.locals.cms, wslug);
      return doneAndGo(context, entry ? `${entry.name || 'It'} has been deleted for good` : 'The recycle bin has been emptied', binHref(wslug));
    } catch (error) {
      const refused = refusalErrors(error, [BIN_ERROR], BIN_ERROR);
      status = refused.status;
      errors = refused.errors;
    }
  }
  return {
    kind: 'confirm',
    workspace: reader.workspace,
    access: reader.access,
    status,
    errors,
    errorSummary: summaryItems(errors, [BIN_ERROR]),
    entry,
    trail: [{ text: 'Files', href: filesHref(wslug) }, { text: 'Recycle bin', href: binHref(wslug) }],
  };
}

export { binKind };
