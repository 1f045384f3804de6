import type { Core } from '@strapi/strapi';
import { SITE_CHANGED_EVENT } from '../../../../common/plugin';
import type { WorkspaceRef } from '../utils';

/**
 * After a write to a workspace's files: the site drops what it cached from this plugin for the
 * workspace (the file list blocks on its pages, tagged `files:workspace:<slug>`), and nothing else.
 * The files pages themselves are never cached.
 */
export async function siteChanged(strapi: Core.Strapi, workspace: Pick<WorkspaceRef, 'slug'>, reason: string): Promise<void> {
  await strapi.eventHub.emit(SITE_CHANGED_EVENT, { reason: `files: ${reason}`, tags: [`files:workspace:${workspace.slug}`] });
}
