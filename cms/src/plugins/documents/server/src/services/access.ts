import type { Core } from '@strapi/strapi';
import { ITEM_UID, USER_UID, WORKSPACE_UID } from '../constants';
import { membership, type WorkspaceAccess, type WorkspaceRef } from '../utils';

export interface DocumentAccess {
  itemId: number;
  workspace: WorkspaceRef;
  access: WorkspaceAccess;
  /** Reads it (and sees it live). */
  read: boolean;
  /** Writes in it, comments, names and restores versions. */
  write: boolean;
}

/**
 * Who may read and write one document, from the membership rule (docs/documents.md#who-may-do-what):
 * whoever may read the workspace reads it, its members write. Asked when a socket opens and again
 * whenever anything that decides it changes (services/revocation.ts), never remembered between.
 */
export const accessService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async of(userId: number, itemId: number): Promise<DocumentAccess | null> {
    const item = (await strapi.db.query(ITEM_UID).findOne({ select: ['id', 'workspaceId', 'kind'], where: { id: itemId, deletedAt: null } })) as
      | { id: number; workspaceId: number; kind: string }
      | null;
    if (!item || item.kind !== 'document') return null;
    const user = (await strapi.db.query(USER_UID).findOne({ select: ['id', 'blocked'], where: { id: userId } })) as { id: number; blocked: boolean | null } | null;
    if (!user || user.blocked) return null;
    const workspace = (await strapi.db.query(WORKSPACE_UID).findOne({
      select: ['id', 'documentId', 'slug', 'title', 'summary', 'visibility'],
      where: { id: item.workspaceId },
    })) as WorkspaceRef | null;
    if (!workspace) return null;
    const access = await membership(strapi).access.accessOf(userId, workspace);
    return { itemId, workspace, access, read: access.canView, write: access.canView && access.canPost };
  },
});
