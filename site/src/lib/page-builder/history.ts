import type { WorkspacePageContent } from '../cms/workspaces.ts';
import type { ResolvedWorkspace } from '../membership/workspace.ts';
import { getPage, listVersions, restoreVersion, type PageDetail, type Version, type VersionDetail } from './api.ts';
import { done, editorHref, isPost, ok, readForm, refusedOn, revisionOf, text, type Outcome, type PageContext } from './common.ts';
import { isNotFound } from './editor.ts';
import { versionContent } from './preview.ts';

/**
 * A page's history: every version the CMS kept (each publish, each restore, each save refused
 * as a conflict), newest first; one version's blocks as they rendered; and Restore, which makes
 * that version the draft again exactly (title and blocks), for the manager to check and publish.
 */
export const HISTORY_ERROR = 'history';

export const VERSION_KIND_LABELS: Record<Version['kind'], string> = {
  publish: 'Published',
  restore: 'Restored',
  conflict: 'Refused save (kept)',
  replaced: 'Draft replaced by a restore (kept)',
  other: 'Kept',
};

/** "Restored version 3", "Published", … */
export function versionLabel(version: Pick<Version, 'kind' | 'restoredFrom'>): string {
  return version.kind === 'restore' && version.restoredFrom !== null ? `Restored version ${version.restoredFrom}` : VERSION_KIND_LABELS[version.kind];
}

export interface HistoryView {
  outcome: Outcome;
  page: PageDetail;
  versions: Version[];
  /** The version shown in full (`?version=n`). */
  shown: { version: VersionDetail; page: WorkspacePageContent } | null;
}

export async function historyPage(context: PageContext, resolved: ResolvedWorkspace, documentId: string): Promise<Response | HistoryView | null> {
  const slug = resolved.workspace.slug;
  const cms = context.locals.cms;
  let outcome: Outcome = ok({});
  if (isPost(context)) {
    const form = await readForm(context);
    const raw = text(form, 'version');
    if (text(form, 'intent') !== 'restore' || !/^\d{1,9}$/.test(raw)) outcome = { status: 400, errors: { [HISTORY_ERROR]: 'Choose a version to restore' }, values: {} };
    else {
      try {
        await restoreVersion(cms, slug, documentId, Number(raw), revisionOf(form));
        return done(context, `Version ${raw} restored as the draft. Check it, then publish the page when it is right`, editorHref(slug, documentId));
      } catch (error) {
        if (isNotFound(error)) return null;
        outcome = refusedOn(error, HISTORY_ERROR, {}, 'action');
      }
    }
  }
  let page: PageDetail;
  let versions: Version[];
  try {
    [page, versions] = await Promise.all([getPage(cms, slug, documentId), listVersions(cms, slug, documentId)]);
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
  const wanted = context.url.searchParams.get('version');
  let shown: HistoryView['shown'] = null;
  if (wanted !== null) {
    if (!/^\d{1,9}$/.test(wanted)) return null;
    shown = await versionContent(context, resolved, page, Number(wanted));
    if (!shown) return null;
  }
  return { outcome, page, versions, shown };
}

