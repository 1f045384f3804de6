import type { Core } from '@strapi/strapi';
import type { Audience, Readable } from '../engines/engine';
import { MEMBERSHIP_UID } from '../constants';
import { getService } from '../utils';

/**
 * What a person may read, worked out from membership now, at every query: joining, leaving, being
 * removed or approved counts on the next search (docs/search.md#access). It mirrors the membership
 * plugin's rule (`access.rule`: open workspaces are read by everyone signed in, the others by their
 * active members) in the form engines filter by; documents carry their audience for the open case.
 */
export const readableService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** Workspaces (documentIds) this person is an active member or manager of. */
  async memberOf(userId: number): Promise<string[]> {
    const rows = (await strapi.db.query(MEMBERSHIP_UID).findMany({
      select: ['id'],
      where: { user: { id: userId }, state: 'active' },
      populate: { workspace: { select: ['documentId'] } },
    })) as { workspace: { documentId: string } | null }[];
    return [...new Set(rows.flatMap((row) => (row.workspace ? [row.workspace.documentId] : [])))];
  },

  async readableBy(userId: number | null): Promise<Readable> {
    const audiences: Audience[] = userId ? ['public', 'signed-in'] : ['public'];
    const [workspaceIds, pending] = await Promise.all([userId ? this.memberOf(userId) : [], getService(strapi, 'outbox').pendingRefs()]);
    return { audiences, workspaceIds, withheldIds: pending.withheldIds, withheldWorkspaceIds: pending.withheldWorkspaceIds };
  },
});

export type ReadableService = ReturnType<typeof readableService>;
