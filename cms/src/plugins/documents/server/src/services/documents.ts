import type { DocumentAbilities, DocumentView } from '@futurenhs/contract';
import type { DocumentJson } from '@futurenhs/contract/document-schema';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { abilitiesOf } from '../../../../files/server/src/services/abilities';
import { nameKey } from '../../../../files/server/src/services/folders';
import { cleanFileName, type ItemRow } from '../../../../files/server/src/services/items';
import { lock } from '../../../../files/server/src/services/locks';
import { siteChanged } from '../../../../files/server/src/services/site-changed';
import { ITEM_UID } from '../constants';
import { documentHtml } from '../render';
import { accounts, fieldError, getService, type WorkspaceAccess, type WorkspaceRef } from '../utils';

const { NotFoundError } = errors;
export const NO_DOCUMENT = 'This document does not exist';

export interface DocumentActor {
  workspace: WorkspaceRef;
  access: WorkspaceAccess;
  viewerId: number;
}

/**
 * Documents as items of a workspace's folders (docs/documents.md): made here, then renamed, moved
 * and put in the bin by the files plugin like any file, with the same rule for who may.
 */
export const documentsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const files = () => strapi.plugin('files');
  const items = () => strapi.db.query(ITEM_UID);

  return {
    abilities(actor: DocumentActor, item: Pick<ItemRow, 'creatorId'>): DocumentAbilities {
      const write = actor.access.canView && actor.access.canPost;
      return { ...abilitiesOf(actor.access, actor.viewerId, item.creatorId), edit: write, comment: write, restore: write };
    },

    /** A live document of this workspace, or 404 whatever the reason (a file, binned, elsewhere). */
    async find(workspaceId: number, id: number): Promise<ItemRow> {
      const row = await files().service('items').find(workspaceId, id).catch(() => null);
      if (!row || row.kind !== 'document') throw new NotFoundError(NO_DOCUMENT);
      return row as ItemRow;
    },

    async create(actor: DocumentActor, input: { name: string; folderId: number | null; content?: DocumentJson | null }): Promise<{ id: number }> {
      const name = cleanFileName(input.name);
      const id = (await strapi.db.transaction(async ({ trx }) => {
        await lock(strapi, trx, 'tree', actor.workspace.id);
        const folder = await files().service('folders').resolve(actor.workspace.id, input.folderId ?? 'root');
        const folderId = folder?.id ?? null;
        if ((await files().service('items').takenNames(actor.workspace.id, folderId)).has(nameKey(name))) {
          throw fieldError(['name'], `There is already a file or document called "${name}" in this folder: choose another name`);
        }
        const row = (await items().create({
          select: ['id'],
          data: {
            workspaceId: actor.workspace.id,
            folderId,
            kind: 'document',
            name,
            creatorId: actor.viewerId,
            changedById: actor.viewerId,
            currentVersion: 1,
            mime: 'text/html',
            size: 0,
          },
        })) as { id: number };
        await getService(strapi, 'store').create(trx, row.id, input.content ?? null, actor.viewerId);
        await accounts(strapi).audit.record({
          action: 'document.created',
          actorId: actor.viewerId,
          workspaceId: actor.workspace.id,
          details: { itemId: row.id, name, folderId },
        });
        return row.id;
      })) as number;
      await siteChanged(strapi, actor.workspace, 'document created');
      return { id };
    },

    async view(actor: DocumentActor, id: number): Promise<DocumentView> {
      const item = await this.find(actor.workspace.id, id);
      const folder = item.folderId === null ? null : await files().service('folders').find(actor.workspace.id, item.folderId).catch(() => null);
      const [snapshot, breadcrumbs, comments, people] = await Promise.all([
        getService(strapi, 'versions').current(id),
        files().service('folders').breadcrumbs(folder),
        getService(strapi, 'comments').list(id),
        accounts(strapi).people.byId([item.creatorId, item.changedById]),
      ]);
      return {
        document: {
          id: item.id,
          name: item.name,
          description: item.description ?? null,
          folderId: item.folderId,
          createdAt: new Date(item.createdAt).toISOString(),
          createdBy: people.get(item.creatorId as number) ?? null,
          updatedAt: new Date(item.updatedAt).toISOString(),
          updatedBy: people.get((item.changedById ?? item.creatorId) as number) ?? null,
          html: documentHtml(snapshot.json),
          words: snapshot.words,
        },
        breadcrumbs,
        comments,
        can: this.abilities(actor, item),
      };
    },
  };
};
