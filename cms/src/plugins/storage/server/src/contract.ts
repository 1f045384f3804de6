import type { Core } from '@strapi/strapi';
import type { OwnershipService } from './services/ownership';
import type { StoredFilesService } from './services/stored-files';

/**
 * What other plugins may use of this one, typed by the services themselves: who owns a stored
 * file, and serving one. Import these instead of restating them.
 */
export type { ServedFile } from './services/stored-files';

export interface StorageApi {
  ownership: OwnershipService;
  files: StoredFilesService;
}

export function storage(strapi: Core.Strapi): StorageApi {
  const plugin = strapi.plugin('storage');
  return { ownership: plugin.service('ownership'), files: plugin.service('stored-files') };
}
