export const PLUGIN_ID = 'accounts';

// Content types keep the tables they had in the membership plugin (collectionName): no data moved.
export const AUDIT_EVENT_UID = 'plugin::accounts.audit-event';
export const ALLOWED_DOMAIN_UID = 'plugin::accounts.allowed-domain';
export const USER_UID = 'plugin::users-permissions.user';

/** What every member's profile must hold before they take part: no anonymous posts. */
export const PROFILE_FIELDS = ['firstName', 'lastName', 'jobTitle', 'organisation'] as const;

/** Every action the audit log records: membership's, then each plugin's that records through it. */
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
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
