import type { PageContext } from '../accounts/page.ts';
import { managersFor } from '../membership/api.ts';
import type { Person } from '@futurenhs/contract';
import { notFound, resolveWorkspace, type ResolvedWorkspace } from '../membership/workspace.ts';
import { workspaceReader, type ForumReader } from './api.ts';

/**
 * The forum pages of a workspace: not found when the workspace may not be named to this viewer
 * (exactly as a missing one); for someone who may not read it, the workspace's listing, managers
 * and a way in (status 403), never a word of its discussions; otherwise a reader.
 */
export type WorkspaceForum =
  | { kind: 'reader'; resolved: ResolvedWorkspace; reader: ForumReader }
  | { kind: 'restricted'; resolved: ResolvedWorkspace; managers: Person[] };

export async function workspaceForum(context: PageContext, slug: string): Promise<Response | WorkspaceForum> {
  const resolved = await resolveWorkspace(context.locals, slug);
  if (!resolved) return notFound();
  const reader = workspaceReader(context.locals, resolved.workspace.slug, resolved.access);
  if (!reader) return { kind: 'restricted', resolved, managers: await managersFor(context.locals, resolved.workspace) };
  return { kind: 'reader', resolved, reader };
}

/** What a reader who may not post is told, in place of the comment form. */
export function cannotPostMessage(standing: string): string {
  if (standing === 'pending') return 'Your request to join is waiting for a manager. Members can comment once they have joined.';
  return 'Only members of this workspace can comment. Join it from the Members page to take part.';
}

/** A positive page number from the address, 1 otherwise. */
export function pageNumber(raw: string | null): number {
  const page = raw && /^[1-9][0-9]{0,5}$/.test(raw) ? Number(raw) : 1;
  return page;
}
