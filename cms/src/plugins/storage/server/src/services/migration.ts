import type { Core } from '@strapi/strapi';
import { getService } from '../utils';

/** The page builder's private images were known as a workspace's by their name alone. */
const PAGE_BUILDER_NAME = /^workspace_(\d+)_[a-f0-9]+$/;

/**
 * Files stored before ownership was a rule of the storage: the page builder's images were known
 * as a workspace's by their name (`workspace_<id>_…`), and every other name held a slug of what
 * was uploaded (a hidden workspace's, say). Their owners are recorded first, then every file is
 * renamed at random, so no address that was ever handed out still answers; last, every file a
 * workspace's content uses now is recorded as that workspace's.
 */
export const migrationService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async run() {
    const ownership = getService(strapi, 'ownership');
    const storedFiles = getService(strapi, 'stored-files');
    for (const file of await storedFiles.withOldNames()) {
      const pageBuilderImage = PAGE_BUILDER_NAME.exec(file.hash ?? '');
      if (pageBuilderImage) await ownership.record([file.id], { workspaceId: Number(pageBuilderImage[1]), scope: 'content' });
      await storedFiles.rename(file);
    }
    await ownership.recordAll();
  },
});

export type MigrationService = ReturnType<typeof migrationService>;
