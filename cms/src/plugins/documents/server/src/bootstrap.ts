import type { Core } from '@strapi/strapi';
import { ITEM_UID } from './constants';
import { dropDocumentRows, ensureTables } from './services/tables';
import { getService } from './utils';

/**
 * A document's content goes when the files plugin deletes its item for good (the bin's purge, a
 * workspace's deletion): the ids are read before the delete, the rows dropped after it.
 */
function dropContentWithItems(strapi: Core.Strapi) {
  const idsOf = async (where: unknown) =>
    ((await strapi.db.query(ITEM_UID).findMany({ select: ['id'], where: { ...(where as object), kind: 'document' } })) as { id: number }[]).map((row) => row.id);
  strapi.db.lifecycles.subscribe({
    models: [ITEM_UID],
    // event.state is shared by one subscriber's before and after hooks of one query.
    async beforeDelete(event: any) {
      event.state.doomed = await idsOf(event.params?.where ?? {});
    },
    async beforeDeleteMany(event: any) {
      event.state.doomed = await idsOf(event.params?.where ?? {});
    },
    async afterDelete(event: any) {
      await dropDocumentRows(strapi, event.state.doomed ?? []);
    },
    async afterDeleteMany(event: any) {
      await dropDocumentRows(strapi, event.state.doomed ?? []);
    },
  });
}

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await ensureTables(strapi);
  dropContentWithItems(strapi);
  getService(strapi, 'revocation').start();
  getService(strapi, 'collaboration').start();
};
