import type { AuditFilters } from './api.ts';
import type { AuditRow, Person } from '@futurenhs/contract';
import { personName } from './workspace.ts';

/**
 * The audit log as managers read it: each action in plain English, the actor by name (or
 * "Former member" when the account has gone), the target, and the details worth reading.
 */
export const AUDIT_ACTION_LABELS: Record<string, string> = {
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
};

export const AUDIT_ACTIONS = Object.keys(AUDIT_ACTION_LABELS);

export function actionLabel(action: string): string {
  return AUDIT_ACTION_LABELS[action] ?? action;
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
    if (AUDIT_ACTIONS.includes(values.action)) filters.action = values.action;
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
