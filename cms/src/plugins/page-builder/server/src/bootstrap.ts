import type { Core } from '@strapi/strapi';
import { DRAFT_SAVE_UID, PAGE_UID, PRESENCE_UID, REDIRECT_UID, VERSION_UID } from './constants';
import { tableOf } from './utils';

/** Unique keys the plugin's rules stand on, and the indexes of its reads. */
async function ensureIndexes(strapi: Core.Strapi) {
  const knex = strapi.db.connection;
  const indexes: { uid: string; name: string; columns: string[]; unique?: boolean }[] = [
    { uid: VERSION_UID, name: 'page_builder_versions_number_unique', columns: ['pageDocumentId', 'number'], unique: true },
    { uid: REDIRECT_UID, name: 'page_builder_redirects_from_unique', columns: ['workspaceId', 'fromSlug'], unique: true },
    { uid: REDIRECT_UID, name: 'page_builder_redirects_page_idx', columns: ['pageDocumentId'] },
    { uid: PRESENCE_UID, name: 'page_builder_presences_unique', columns: ['pageDocumentId', 'userId'], unique: true },
    { uid: DRAFT_SAVE_UID, name: 'page_builder_draft_saves_unique', columns: ['pageDocumentId'], unique: true },
  ];
  for (const { uid, name, columns, unique } of indexes) {
    const table = tableOf(strapi, uid);
    await knex.raw(`CREATE ${unique ? 'UNIQUE ' : ''}INDEX IF NOT EXISTS ?? ON ?? (${columns.map(() => '??').join(', ')})`, [name, table.name, ...columns.map(table.column)]);
  }
}

/**
 * A page's `revision` counts its draft's changes, so that a manager's save based on an older
 * one is refused. Writes from elsewhere count too (a platform admin in the admin panel, whose
 * form sends the revision it was opened with, or a script that sends none): any update of a page
 * that does not move the revision on itself moves it on.
 */
function countOtherDraftChanges(strapi: Core.Strapi) {
  strapi.documents.use(async (context, next) => {
    if (context.uid === PAGE_UID && context.action === 'update') {
      const params = context.params as { documentId?: string; data?: Record<string, unknown> };
      if (params.data && params.documentId) {
        const draft = (await strapi.db.query(PAGE_UID).findOne({ select: ['revision'], where: { documentId: params.documentId, publishedAt: { $null: true } } })) as {
          revision: number | null;
        } | null;
        const current = draft?.revision ?? 0;
        const sent = params.data.revision;
        if (typeof sent !== 'number' || sent <= current) params.data.revision = current + 1;
      }
    }
    return next();
  });
}

export function register(strapi: Core.Strapi) {
  countOtherDraftChanges(strapi);
}

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await ensureIndexes(strapi);
};
