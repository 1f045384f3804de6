import {
  collaborationTicketSchema,
  documentCommentSchema,
  documentVersionSchema,
  documentVersionsSchema,
  documentVersionViewSchema,
  documentViewSchema,
  type CollaborationTicket,
  type DocumentComment,
  type DocumentVersion,
  type DocumentView,
} from '@futurenhs/contract';
import { z } from 'zod';
import { parseCms } from '../cms/accounts.ts';
import type { MemberCms } from '../cms/member-client.ts';
import type { FolderKey } from '../files/paths.ts';
import { documentCmsPaths as paths } from './paths.ts';

/**
 * Typed calls to the documents plugin as the viewer (`Astro.locals.cms`), checked against the
 * contract. A refusal is a `CmsRequestError` the page (or the editor's JSON) explains.
 */
type Reader = Pick<MemberCms, 'get'>;
type Writer = Pick<MemberCms, 'post' | 'patch'>;

export type DocumentVersionView = z.output<typeof documentVersionViewSchema>['data'];
export type DocumentVersions = z.output<typeof documentVersionsSchema>['data'];

export async function createDocument(cms: Writer, slug: string, input: { name: string; folderId: FolderKey }): Promise<number> {
  const path = paths.create(slug);
  const created = parseCms(z.object({ data: z.object({ id: z.number().int() }).loose() }), await cms.post(path, input, { changesViewer: false }), path);
  return created.data.id;
}

export async function getDocument(cms: Reader, slug: string, id: number): Promise<DocumentView> {
  const path = paths.document(slug, id);
  return parseCms(documentViewSchema, await cms.get(path), path).data;
}

export async function collaborationTicket(cms: Writer, slug: string, id: number): Promise<CollaborationTicket> {
  const path = paths.ticket(slug, id);
  return parseCms(collaborationTicketSchema, await cms.post(path, undefined, { changesViewer: false }), path).data;
}

export async function getVersions(cms: Reader, slug: string, id: number): Promise<DocumentVersions> {
  const path = paths.versions(slug, id);
  return parseCms(documentVersionsSchema, await cms.get(path), path).data;
}

export async function nameVersion(cms: Writer, slug: string, id: number, name: string): Promise<DocumentVersion> {
  const path = paths.versions(slug, id);
  return parseCms(z.object({ data: documentVersionSchema }), await cms.post(path, { name }, { changesViewer: false }), path).data;
}

export async function getVersion(cms: Reader, slug: string, id: number, version: number): Promise<DocumentVersionView> {
  const path = paths.version(slug, id, version);
  return parseCms(documentVersionViewSchema, await cms.get(path), path).data;
}

export async function restoreDocumentVersion(cms: Writer, slug: string, id: number, version: number): Promise<void> {
  await cms.post(paths.restore(slug, id, version), undefined, { changesViewer: false });
}

const commentAnswer = z.object({ data: documentCommentSchema });

export async function addComment(cms: Writer, slug: string, id: number, input: { quote: string; body: string }): Promise<DocumentComment> {
  const path = paths.comments(slug, id);
  return parseCms(commentAnswer, await cms.post(path, input, { changesViewer: false }), path).data;
}

/** The reply as the CMS answers it: the thread, or the reply alone (either is fine: the page reloads the thread). */
export async function replyToComment(cms: Writer, slug: string, id: number, comment: number, body: string): Promise<unknown> {
  return cms.post(paths.replies(slug, id, comment), { body }, { changesViewer: false });
}

export async function resolveComment(cms: Writer, slug: string, id: number, comment: number, resolved: boolean): Promise<unknown> {
  return cms.patch(paths.comment(slug, id, comment), { resolved });
}
