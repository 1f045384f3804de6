import type { AuditFilters } from './api.ts';
import { AUDIT_ACTIONS, type AuditAction, type AuditRow, type Person } from '@futurenhs/contract';
import { personName } from './workspace.ts';

/**
 * The audit log as managers read it: each action in plain English, the actor by name (or
 * "Former member" when the account has gone), the target, and the details worth reading.
 */
export const AUDIT_ACTION_LABELS: Record<AuditAction, string> = {
  'workspace.created': 'Created the workspace',
  'workspace.visibility-changed': 'Changed who can see the workspace',
  'member.joined': 'Joined',
  'member.requested': 'Asked to join',
  'member.approved': 'Approved a request to join',
  'member.rejected': 'Rejected a request to join',
  'member.invited': 'Invited someone',
  'invitation.accepted': 'Accepted an invitation',
  'invitation.declined': 'Declined an invitation',
  'invitation.revoked': 'Withdrew an invitation',
  'member.left': 'Left the workspace',
  'member.removed': 'Removed a member',
  'member.promoted': 'Made a member a manager',
  'member.demoted': 'Made a manager a member',
  'discussion.created': 'Started a discussion',
  'discussion.pinned': 'Pinned a discussion',
  'discussion.unpinned': 'Unpinned a discussion',
  'discussion.locked': 'Closed a discussion to comments',
  'discussion.unlocked': 'Reopened a discussion to comments',
  'comment.posted': 'Posted a comment',
  'comment.edited': 'Edited a comment',
  'comment.deleted': 'Deleted a comment',
  'comment.reported': 'Reported a comment',
  'comment.hidden': 'Hid a comment',
  'comment.restored': 'Restored a hidden comment',
  'comment.reports-dismissed': "Dismissed a comment's reports",
  'page.comments-enabled': 'Turned on comments on a page',
  'page.comments-disabled': 'Turned off comments on a page',
  'page.created': 'Created a page',
  'page.published': 'Published a page',
  'page.unpublished': 'Unpublished a page',
  'page.deleted': 'Deleted a page',
  'page.restored': 'Restored a page',
  'page.settings-changed': "Changed a page's settings",
  'folder.created': 'Created a folder',
  'folder.renamed': 'Renamed a folder',
  'folder.described': "Changed a folder's description",
  'folder.moved': 'Moved a folder',
  'folder.deleted': 'Put a folder in the recycle bin',
  'folder.restored': 'Restored a folder from the recycle bin',
  'folder.purged': 'Deleted a folder for good',
  'file.uploaded': 'Uploaded a file',
  'file.version-added': 'Uploaded a new version of a file',
  'file.version-restored': 'Restored an earlier version of a file',
  'file.renamed': 'Renamed a file',
  'file.described': "Changed a file's description",
  'file.moved': 'Moved a file',
  'file.deleted': 'Put a file in the recycle bin',
  'file.restored': 'Restored a file from the recycle bin',
  'file.purged': 'Deleted a file for good',
  'file.downloaded': 'Downloaded a file',
  'file.infected': 'A file failed its virus check',
  'bin.emptied': 'Emptied the recycle bin',
  'document.created': 'Created a document',
  'document.renamed': 'Renamed a document',
  'document.described': "Changed a document's description",
  'document.moved': 'Moved a document',
  'document.deleted': 'Put a document in the recycle bin',
  'document.restored': 'Restored a document from the recycle bin',
  'document.purged': 'Deleted a document for good',
  'document.version-named': 'Named a version of a document',
  'document.version-restored': 'Restored an earlier version of a document',
};

export function actionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action as AuditAction] ?? action;
}

export function actorName(row: AuditRow): string {
  return personName(row.actor);
}

export function targetText(row: AuditRow): string {
  if (row.targetUser) return personName(row.targetUser);
  return row.targetEmail ?? '';
}

const VISIBILITY_WORDS: Record<string, string> = { open: 'open', restricted: 'restricted', hidden: 'hidden' };

export function detailsText(row: AuditRow): string {
  const details = row.details;
  const text = (key: string) => (typeof details[key] === 'string' ? (details[key] as string) : '');
  switch (row.action) {
    case 'workspace.visibility-changed':
      return `From ${VISIBILITY_WORDS[text('from')] ?? text('from')} to ${VISIBILITY_WORDS[text('to')] ?? text('to')}`;
    case 'workspace.created':
      return text('visibility') ? `Visibility: ${text('visibility')}` : '';
    case 'member.requested':
      return text('message') ? `Message: ${text('message')}` : '';
    case 'member.rejected':
      return text('reason') ? `Reason: ${text('reason')}` : '';
    case 'member.removed':
      return text('role') === 'manager' ? 'Was a manager' : '';
    default:
      // Files and folders: the name they had (and had before, when renamed), and which version.
      if (/^(file|folder)\./.test(row.action) && text('name')) {
        const version = typeof details.version === 'number' ? `, version ${details.version}` : '';
        const before = text('previousName') ? ` (was ${text('previousName')})` : '';
        return `${text('name')}${before}${version}`;
      }
      return '';
  }
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(raw: string | null): string | undefined {
  if (!raw || !DATE.test(raw)) return undefined;
  const date = new Date(`${raw}T00:00:00Z`);
  return Number.isNaN(date.getTime()) || date.toISOString().slice(0, 10) !== raw ? undefined : raw;
}

export interface ParsedAuditFilters {
  filters: AuditFilters;
  /** What the visitor typed, to show back. */
  values: Record<'action' | 'member' | 'from' | 'to', string>;
  errors: Partial<Record<'action' | 'member' | 'from' | 'to', string>>;
}

/** The audit filters of a GET query: a bad value is reported next to its field and not applied. */
export function parseAuditFilters(params: URLSearchParams, members: Person[]): ParsedAuditFilters {
  const values = {
    action: params.get('action') ?? '',
    member: params.get('member') ?? '',
    from: params.get('from') ?? '',
    to: params.get('to') ?? '',
  };
  const errors: ParsedAuditFilters['errors'] = {};
  const filters: AuditFilters = {};
  if (values.action) {
    if ((AUDIT_ACTIONS as readonly string[]).includes(values.action)) filters.action = values.action;
    else errors.action = 'Choose an action from the list';
  }
  if (values.member) {
    if (members.some((person) => person.id === values.member)) filters.member = values.member;
    else errors.member = 'Choose a person from the list';
  }
  for (const field of ['from', 'to'] as const) {
    if (!values[field]) continue;
    const date = validDate(values[field]);
    if (date) filters[field] = date;
    else errors[field] = `Enter the ${field === 'from' ? 'start' : 'end'} date as a real date, like 2026-03-27`;
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    errors.to = 'The end date must be the same as or after the start date';
    delete filters.to;
  }
  return { filters, values, errors };
}

export function formatTime(iso: string): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'Europe/London' }).format(date);
}
