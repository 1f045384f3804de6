import { z } from 'zod';

/**
 * Who may find and read a workspace (docs/design.md#workspaces-and-access): the CMS stores and
 * enforces it (cms/src/plugins/membership/server/src/services/access.ts); the site offers it in
 * its forms and filters its listings by it.
 */
export const VISIBILITIES = ['open', 'restricted', 'hidden'] as const;
export type Visibility = (typeof VISIBILITIES)[number];

/** The workspaces anyone may find: listed and searched. A hidden one is known only to its members. */
export const LISTED_VISIBILITIES = ['open', 'restricted'] as const satisfies readonly Visibility[];

/** A workspace's fields, checked by both sides: the site to say so beside the field, the CMS to refuse. */
export const WORKSPACE_TITLE_MAX = 120;
export const WORKSPACE_SUMMARY_MAX = 300;
export const WORKSPACE_SLUG_MIN = 3;
export const WORKSPACE_SLUG_MAX = 80;
/** A request to join's message, and a manager's reason for turning one down. */
export const REQUEST_MESSAGE_MAX = 500;
export const REJECT_REASON_MAX = 500;

/** Where the asker stands in a workspace. */
export const ACCESS_STANDINGS = ['none', 'invited', 'pending', 'member', 'manager'] as const;
export type AccessStanding = (typeof ACCESS_STANDINGS)[number];

/**
 * What the asker may do in one workspace: the answer of GET /api/membership/workspaces/:slug/access,
 * decided by the membership plugin's `rule()` and never worked out again on the site.
 */
export const accessSchema = z.object({
  standing: z.enum(ACCESS_STANDINGS),
  canFind: z.boolean(),
  canView: z.boolean(),
  canPost: z.boolean(),
  canManage: z.boolean(),
  /** May join at once / may ask to join. Absent (an answer the site made itself) means no. */
  canJoin: z.boolean().optional(),
  canRequest: z.boolean().optional(),
});
export type WorkspaceAccess = z.output<typeof accessSchema>;

/**
 * The membership plugin's other answers, as far as the workspace pages read them: its people,
 * invitations and audit log, and the workspace a member created. A shape the CMS does not keep to is
 * a CMS fault (an error page on the site), never guessed around.
 */
const text = z
  .string()
  .nullish()
  .transform((value) => value ?? '');

const id = z.union([z.number(), z.string()]).transform(String);

export const personSchema = z.object({
  id,
  firstName: text,
  lastName: text,
  jobTitle: text,
  organisation: text,
});
export type Person = z.output<typeof personSchema>;

export const pendingPersonSchema = personSchema.extend({
  requestMessage: text,
  requestedAt: z.string().nullish(),
});
export type PendingPerson = z.output<typeof pendingPersonSchema>;

export const peopleSchema = z.object({
  managers: z.array(personSchema),
  members: z.array(personSchema).optional(),
  pending: z.array(pendingPersonSchema).optional(),
  invited: z.array(personSchema).optional(),
});
export type People = z.output<typeof peopleSchema>;

export const invitationRowSchema = z.object({
  id,
  email: z.string(),
  expiresAt: z.string().nullish(),
  createdAt: z.string().nullish(),
});
export type InvitationRow = z.output<typeof invitationRowSchema>;

const personRef = z
  .object({ id, firstName: text, lastName: text })
  .nullish()
  .transform((value) => value ?? null);

export const auditRowSchema = z.object({
  id,
  createdAt: z.string(),
  action: z.string(),
  actor: personRef,
  targetUser: personRef,
  targetEmail: z.string().nullish().transform((value) => value ?? null),
  details: z
    .record(z.string(), z.unknown())
    .nullish()
    .transform((value) => value ?? {}),
});
export type AuditRow = z.output<typeof auditRowSchema>;

export const auditPageSchema = z.object({
  data: z.array(auditRowSchema),
  meta: z.object({
    pagination: z.object({ page: z.number(), pageSize: z.number(), pageCount: z.number(), total: z.number() }),
  }),
});

export const createdWorkspaceSchema = z.object({
  slug: z.string(),
  title: z.string().optional(),
  visibility: z.enum(VISIBILITIES).optional(),
});

/**
 * Every action the audit log records (cms/src/plugins/accounts): membership's, then each plugin's
 * that records through it. The site's audit page has a label for each.
 */
export const AUDIT_ACTIONS = [
  'workspace.created',
  'workspace.visibility-changed',
  'member.joined',
  'member.requested',
  'member.approved',
  'member.rejected',
  'member.invited',
  'invitation.accepted',
  'invitation.declined',
  'invitation.revoked',
  'member.left',
  'member.removed',
  'member.promoted',
  'member.demoted',
  // The forum plugin's events (issue 4): every post, edit, delete, report, hide and restore.
  'discussion.created',
  'discussion.pinned',
  'discussion.unpinned',
  'discussion.locked',
  'discussion.unlocked',
  'comment.posted',
  'comment.edited',
  'comment.deleted',
  'comment.reported',
  'comment.hidden',
  'comment.restored',
  'comment.reports-dismissed',
  'page.comments-enabled',
  'page.comments-disabled',
  // The page builder's events (issue 5); draft saves are not audited (versions keep them).
  'page.created',
  'page.published',
  'page.unpublished',
  'page.deleted',
  'page.restored',
  'page.settings-changed',
  // The files plugin's events (issue 15): every change to a workspace's folders and files, and every download.
  'folder.created',
  'folder.renamed',
  'folder.described',
  'folder.moved',
  'folder.deleted',
  'folder.restored',
  'folder.purged',
  'file.uploaded',
  'file.version-added',
  'file.version-restored',
  'file.renamed',
  'file.described',
  'file.moved',
  'file.deleted',
  'file.restored',
  'file.purged',
  'file.downloaded',
  'file.infected',
  'bin.emptied',
  // Documents written together (issue 16): as files are, plus named versions and restores. Edits
  // themselves are not audited (the versions keep them).
  'document.created',
  'document.renamed',
  'document.described',
  'document.moved',
  'document.deleted',
  'document.restored',
  'document.purged',
  'document.version-named',
  'document.version-restored',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
