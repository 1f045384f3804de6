import { z } from 'zod';
import { filePersonSchema, folderRefSchema, itemAbilitiesSchema, FILE_NAME_MAX } from './files.ts';
import { isoTime, optionalPlainText, plainText } from './text.ts';

/**
 * Documents written together (cms/src/plugins/documents, docs/documents.md): items of kind
 * `document` in a workspace's folders, edited in the browser through Yjs and the CMS's
 * collaboration server. The CMS refuses past these limits; the site's forms say so first.
 */
export const DOCUMENT_NAME_MAX = FILE_NAME_MAX;
export const DOCUMENT_VERSION_NAME_MAX = 100;
export const DOCUMENT_COMMENT_MAX = 2_000;
/** Replies to one comment thread, and threads on one document. */
export const DOCUMENT_REPLIES_MAX = 100;
export const DOCUMENT_COMMENTS_MAX = 1_000;

/**
 * The collaboration server's WebSocket path on the CMS; the site forwards the same path on its
 * own origin, so browsers never talk to the CMS directly.
 */
export const COLLABORATION_PATH = '/collaboration';
/** The largest WebSocket message the collaboration server reads (a paste of a long table fits). */
export const COLLABORATION_MESSAGE_MAX_BYTES = 2 * 1024 * 1024;
/** Open connections to one document, and of one member, on one CMS instance. */
export const COLLABORATION_CONNECTIONS_PER_DOCUMENT = 50;
export const COLLABORATION_CONNECTIONS_PER_MEMBER = 10;
/** A collaboration ticket is good for this long: enough to open the socket, no more. */
export const COLLABORATION_TICKET_SECONDS = 60;
/**
 * When a member's access ends, the server closes their socket with this code, after telling the
 * document's provider this reason (Hocuspocus's close message carries no code): the editor stops,
 * turns read-only and says so, rather than reconnecting.
 */
export const COLLABORATION_CLOSE_FORBIDDEN = 4403;
export const COLLABORATION_REVOKED_REASON = 'Your access to this document has ended';
/**
 * When a member may still read a document but no longer change it (removed from an open
 * workspace), their socket closes with this code and reason: the editor reconnects with a new,
 * read-only ticket, and says so, rather than keep accepting words the server would drop.
 */
export const COLLABORATION_CLOSE_READ_ONLY = 4402;
export const COLLABORATION_READ_ONLY_REASON = 'You can read this document but no longer change it';

/** The name Hocuspocus knows a document by. */
export const collaborationDocumentName = (itemId: number) => `document.${itemId}`;
export function itemIdOfDocumentName(name: string): number | null {
  // One name per document: no leading zeros, or "document.05" would open a second copy of document 5.
  const match = /^document\.([1-9]\d{0,11})$/.exec(name);
  return match ? Number(match[1]) : null;
}

export const EXPORT_FORMATS = ['docx', 'pdf'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];
/** What each export is: the CMS sends it so, and the site passes it on so, whatever else it hears. */
export const EXPORT_TYPES: Record<ExportFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
};

export const documentCommentReplySchema = z.object({
  id: z.number().int(),
  body: plainText,
  author: filePersonSchema,
  createdAt: isoTime,
});

export const documentCommentSchema = z.object({
  id: z.number().int(),
  /** The words the comment was made on, as they were then. */
  quote: plainText,
  body: plainText,
  author: filePersonSchema,
  createdAt: isoTime,
  resolved: z.boolean(),
  resolvedBy: filePersonSchema,
  resolvedAt: isoTime.nullable(),
  replies: z.array(documentCommentReplySchema),
});
export type DocumentComment = z.output<typeof documentCommentSchema>;

export const documentAbilitiesSchema = itemAbilitiesSchema.extend({
  /** Write in the document (members); readers see it live but read-only. */
  edit: z.boolean().catch(false),
  /** Add comments and replies, resolve and reopen (members). */
  comment: z.boolean().catch(false),
  /** Name a version and restore one (members). */
  restore: z.boolean().catch(false),
});
export type DocumentAbilities = z.output<typeof documentAbilitiesSchema>;

/** GET /api/documents/workspaces/:slug/documents/:id */
export const documentViewSchema = z.object({
  data: z.object({
    document: z.object({
      id: z.number().int(),
      name: plainText,
      description: optionalPlainText,
      folderId: z.number().int().nullable(),
      createdAt: isoTime,
      createdBy: filePersonSchema,
      updatedAt: isoTime,
      updatedBy: filePersonSchema,
      /** Its content as safe HTML, made by the CMS from the stored document (readers without JavaScript). */
      html: z.string(),
      /** Words in it, for the page's details. */
      words: z.number().int(),
    }),
    breadcrumbs: z.array(folderRefSchema),
    comments: z.array(documentCommentSchema),
    can: documentAbilitiesSchema,
  }),
});
export type DocumentView = z.output<typeof documentViewSchema>['data'];

/** POST …/documents/:id/ticket: what the editor needs to open the live connection. */
export const collaborationTicketSchema = z.object({
  data: z.object({
    ticket: z.string(),
    documentName: z.string(),
    readOnly: z.boolean(),
    expiresAt: isoTime,
    /** Shown to the others beside this person's cursor. */
    user: z.object({ id: z.number().int(), name: plainText, colour: z.string() }),
  }),
});
export type CollaborationTicket = z.output<typeof collaborationTicketSchema>['data'];

export const documentVersionSchema = z.object({
  id: z.number().int(),
  /** A member's name for it, or null for the one kept automatically after an editing session. */
  name: optionalPlainText,
  automatic: z.boolean(),
  createdAt: isoTime,
  author: filePersonSchema,
  words: z.number().int(),
  /** The version it restored, if it is the copy kept before a restore. */
  restoredFrom: z.number().int().nullable(),
});
export type DocumentVersion = z.output<typeof documentVersionSchema>;

/** GET …/documents/:id/versions, newest first. */
export const documentVersionsSchema = z.object({
  data: z.object({ versions: z.array(documentVersionSchema), can: documentAbilitiesSchema }),
});

/** One block of a side-by-side comparison: a paragraph, heading, list item or table row as text. */
export const documentDiffRowSchema = z.object({
  change: z.enum(['same', 'added', 'removed', 'changed']),
  /** The version's text (null where the block was added since). */
  before: z.string().nullable(),
  /** The current text (null where the block was removed since). */
  after: z.string().nullable(),
});
export type DocumentDiffRow = z.output<typeof documentDiffRowSchema>;

/** GET …/documents/:id/versions/:version: the version beside the current document. */
export const documentVersionViewSchema = z.object({
  data: z.object({
    version: documentVersionSchema,
    html: z.string(),
    diff: z.array(documentDiffRowSchema),
    can: documentAbilitiesSchema,
  }),
});
