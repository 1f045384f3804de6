import type { Core } from '@strapi/strapi';
import { FOLDER_UID, ITEM_UID, VERSION_UID } from './constants';
import { getService, tableOf } from './utils';

/** Indexes for a folder's page (live rows of one place, in each sort) and a file's versions. */
async function ensureIndexes(strapi: Core.Strapi) {
  const knex = strapi.db.connection;
  const folders = tableOf(strapi, FOLDER_UID);
  const items = tableOf(strapi, ITEM_UID);
  const versions = tableOf(strapi, VERSION_UID);
  const indexes: { table: ReturnType<typeof tableOf>; name: string; columns: string[]; unique?: boolean }[] = [
    { table: folders, name: 'files_folders_place_idx', columns: ['workspaceId', 'parentId', 'deletedAt'] },
    { table: folders, name: 'files_folders_bin_idx', columns: ['binRoot'] },
    { table: items, name: 'files_items_place_name_idx', columns: ['workspaceId', 'folderId', 'deletedAt', 'name'] },
    { table: items, name: 'files_items_place_date_idx', columns: ['workspaceId', 'folderId', 'deletedAt', 'updatedAt'] },
    { table: items, name: 'files_items_place_size_idx', columns: ['workspaceId', 'folderId', 'deletedAt', 'size'] },
    { table: items, name: 'files_items_bin_idx', columns: ['binRoot'] },
    { table: versions, name: 'files_versions_number_unique', columns: ['itemId', 'number'], unique: true },
    { table: versions, name: 'files_versions_stored_idx', columns: ['storedFileId'] },
  ];
  for (const { table, name, columns, unique } of indexes) {
    await knex.raw(`CREATE ${unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ?? ON ?? (${columns.map(() => '??').join(', ')})`, [
      name,
      table.name,
      ...columns.map(table.column),
    ]);
  }
}

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await ensureIndexes(strapi);
  // Jobs run once every plugin has bootstrapped, so versions stored before a restart are processed too.
  getService(strapi, 'processing').define();
};
