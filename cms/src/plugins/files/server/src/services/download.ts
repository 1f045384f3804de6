import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { PREVIEW_TYPES } from '../constants';
import { accounts, conflict, getService, refusal, storage, type ServedFile, type WorkspaceRef } from '../utils';
import { downloadNameOf, NO_FILE } from './items';

const { NotFoundError } = errors;

export interface Download {
  served: ServedFile;
  filename: string;
  itemId: number;
  version: number;
}

/**
 * The one way a workspace file's bytes leave the CMS. The route has passed `canView` (asked of
 * the membership plugin on this very request); here the item must be live and of this
 * workspace, the stored object owned by this workspace (the storage plugin), and, where scanning
 * is on, clean. Anything else is the same 404 as a missing file, except a virus check that has
 * not passed, which says so.
 */
export const downloadService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(workspace: WorkspaceRef, id: number, number: number | undefined, options: { preview: boolean }): Promise<Download> {
    const items = getService(strapi, 'items');
    const item = await items.find(workspace.id, id);
    const version = await items.version(item, number ?? item.currentVersion);
    if (options.preview && !PREVIEW_TYPES.has(version.mime)) throw new NotFoundError('This file cannot be shown in the browser: download it instead');
    // Scanning switched off since: what waited for a check is served as unchecked, like every new version.
    if ((version.scan === 'pending' || version.scan === 'failed') && getService(strapi, 'stored').scanning()) {
      throw conflict('This file is still being checked for viruses. Try again in a minute', { scan: version.scan });
    }
    if (version.scan === 'infected') throw refusal('This file failed its virus check, so it cannot be downloaded. Ask a workspace manager to delete it');
    const served = await getService(strapi, 'stored').served(version.storedFileId, version.mime);
    if (!served) throw new NotFoundError(NO_FILE);
    const access = await storage(strapi).ownership.accessOf(served.file.id);
    if (!access.workspaceIds.includes(workspace.id)) throw new NotFoundError(NO_FILE);
    return { served, filename: downloadNameOf(item.name, version.ext), itemId: item.id, version: version.number };
  },

  /** Audits a reading of a file (the controller calls it once per reading, when the first byte is sent). */
  async audit(workspace: WorkspaceRef, actorId: number, download: Download, preview: boolean): Promise<void> {
    await accounts(strapi).audit.record({
      action: 'file.downloaded',
      actorId,
      workspaceId: workspace.id,
      details: { itemId: download.itemId, name: download.filename, version: download.version, ...(preview ? { preview: true } : {}) },
    });
  },
});

export type DownloadService = ReturnType<typeof downloadService>;
