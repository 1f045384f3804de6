import type { Core } from '@strapi/strapi';
import { AUDIT_EVENT_UID, type AuditAction } from '../constants';

export interface AuditEntry {
  action: AuditAction;
  actorId: number | null;
  workspaceId: number | null;
  targetUserId?: number | null;
  targetEmail?: string | null;
  details?: Record<string, unknown>;
}

export interface AuditFilters {
  action?: string;
  /** A user id: events they did or that were done to them. */
  member?: number;
  from?: Date;
  to?: Date;
}

export interface AuditRow {
  id: number;
  createdAt: string;
  action: string;
  actor: PersonSummary | null;
  targetUser: PersonSummary | null;
  targetEmail: string | null;
  details: Record<string, unknown> | null;
}

interface PersonSummary {
  id: number;
  firstName: string | null;
  lastName: string | null;
}

const personFields = ['id', 'firstName', 'lastName'];
export const AUDIT_CSV_LIMIT = 50_000;

function whereFor(workspaceId: number, filters: AuditFilters) {
  const where: Record<string, unknown>[] = [{ workspace: { id: workspaceId } }];
  if (filters.action) where.push({ action: filters.action });
  if (filters.member) where.push({ $or: [{ actor: { id: filters.member } }, { targetUser: { id: filters.member } }] });
  if (filters.from) where.push({ createdAt: { $gte: filters.from } });
  if (filters.to) where.push({ createdAt: { $lte: filters.to } });
  return { $and: where };
}

function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : typeof value === 'string' ? value : JSON.stringify(value);
  // Spreadsheets run cells starting with these as formulas: keep user text inert.
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const name = (person: PersonSummary | null) => (person ? [person.firstName, person.lastName].filter(Boolean).join(' ') || `user ${person.id}` : '');

/**
 * The append-only audit log. `record()` is called inside the transaction of the change it
 * describes, so an event exists exactly when its change does. There is no update or delete.
 */
export const auditService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async record(entry: AuditEntry): Promise<void> {
    await strapi.db.query(AUDIT_EVENT_UID).create({
      data: {
        action: entry.action,
        actor: entry.actorId ?? null,
        workspace: entry.workspaceId ?? null,
        targetUser: entry.targetUserId ?? null,
        targetEmail: entry.targetEmail ?? null,
        details: entry.details ?? {},
      },
    });
  },

  async list(workspaceId: number, filters: AuditFilters, page: number, pageSize: number) {
    const result = await strapi.db.query(AUDIT_EVENT_UID).findPage({
      select: ['id', 'createdAt', 'action', 'targetEmail', 'details'],
      where: whereFor(workspaceId, filters),
      populate: { actor: { select: personFields }, targetUser: { select: personFields } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      page,
      pageSize,
    });
    return { results: result.results as AuditRow[], pagination: result.pagination };
  },

  async csv(workspaceId: number, filters: AuditFilters): Promise<string> {
    const rows = (await strapi.db.query(AUDIT_EVENT_UID).findMany({
      select: ['id', 'createdAt', 'action', 'targetEmail', 'details'],
      where: whereFor(workspaceId, filters),
      populate: { actor: { select: personFields }, targetUser: { select: personFields } },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      limit: AUDIT_CSV_LIMIT,
    })) as AuditRow[];
    const header = ['time', 'action', 'actor', 'actor id', 'target', 'target id', 'target email', 'details'];
    const lines = rows.map((row) =>
      [
        new Date(row.createdAt).toISOString(),
        row.action,
        name(row.actor),
        row.actor?.id ?? '',
        name(row.targetUser),
        row.targetUser?.id ?? '',
        row.targetEmail,
        row.details && Object.keys(row.details).length > 0 ? row.details : '',
      ]
        .map(csvCell)
        .join(','),
    );
    return [header.join(','), ...lines].join('\r\n') + '\r\n';
  },
});

export type AuditService = ReturnType<typeof auditService>;
