import type { Core } from '@strapi/strapi';
import { siteChanged } from '../../../../files/server/src/services/site-changed';
import { ITEM_UID, WORKSPACE_UID } from '../constants';

/**
 * What follows an edit that reached the database: the site drops its cached file lists for the
 * workspace (the files plugin's site-changed event). Search follows the stored text by itself
 * (the search plugin's outbox triggers on this plugin's states table).
 */
export const changesService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async edited(itemId: number): Promise<void> {
    const item = (await strapi.db.query(ITEM_UID).findOne({ select: ['workspaceId'], where: { id: itemId } })) as { workspaceId: number } | null;
    if (!item) return;
    const workspace = (await strapi.db.query(WORKSPACE_UID).findOne({ select: ['slug'], where: { id: item.workspaceId } })) as { slug: string } | null;
    if (workspace) await siteChanged(strapi, workspace, 'document edited');
  },
});
