export const PLUGIN_ID = 'membership';

export const MEMBERSHIP_UID = 'plugin::membership.membership';
export const INVITATION_UID = 'plugin::membership.invitation';
export const AUDIT_EVENT_UID = 'plugin::membership.audit-event';
export const WORKSPACE_UID = 'api::workspace.workspace';
export const USER_UID = 'plugin::users-permissions.user';
export const ALLOWED_DOMAIN_UID = 'plugin::membership.allowed-domain';

// What the site must agree with (visibilities and the limits of a workspace's fields and requests) lives in the contract.
export {
  REJECT_REASON_MAX,
  REQUEST_MESSAGE_MAX,
  VISIBILITIES,
  WORKSPACE_SLUG_MAX,
  WORKSPACE_SLUG_MIN,
  WORKSPACE_SUMMARY_MAX,
  WORKSPACE_TITLE_MAX,
  SLUG_PATTERN,
  type Visibility,
} from '@futurenhs/contract';

export const INVITATION_LIFETIME_DAYS = 14;
/** What every member's profile must hold before they take part: no anonymous posts. */
export const PROFILE_FIELDS = ['firstName', 'lastName', 'jobTitle', 'organisation'] as const;

/** Every action the audit log records; later plugins add theirs to the same log. */
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
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
