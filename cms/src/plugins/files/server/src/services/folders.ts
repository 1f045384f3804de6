import type { FolderRef, FolderSummary, FolderView, SortOrder, FileSort } from '@futurenhs/contract';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { FOLDER_CHILDREN_MAX, FOLDER_DEPTH_MAX, FOLDER_UID, ITEM_UID } from '../constants';
import { accounts, conflict, fieldError, getService, refusal, type WorkspaceAccess, type WorkspaceRef } from '../utils';
import { folderAbilitiesOf } from './abilities';
import { lock } from './locks';

const { NotFoundError } = errors;
export const NO_FOLDER = 'This folder does not exist';

export interface FolderRow {
  id: number;
  workspaceId: number;
  parentId: number | null;
  name: string;
  description: string | null;
  creatorId: number | null;
  updatedAt: string;
  deletedAt: string | null;
}

export interface Actor {
  workspace: WorkspaceRef;
  access: WorkspaceAccess;
  viewerId: number;
}

const FOLDER_FIELDS = ['id', 'workspaceId', 'parentId', 'name', 'description', 'creatorId', 'updatedAt', 'deletedAt'];

/** Names compare as people read them: "Minutes" and "minutes " are the same folder, and "é" however it was typed. */
export const nameKey = (name: string) => name.normalize('NFC').trim().toLocaleLowerCase('en-GB');

/**
 * A workspace's folder tree. The top level is no row (`root`, parentId null). A folder in the bin
 * takes everything under it along (each row is marked with the entry it went with, `binRoot`), so
 * every read simply asks for rows not deleted.
 */
export const foldersService = ({ strapi }: { strapi: Core.Strapi }) => {
  const folders = () => strapi.db.query(FOLDER_UID);
  const items = () => strapi.db.query(ITEM_UID);

  return {
    /** A live folder of this workspace, or 404 whatever the reason (another workspace's, in the bin, missing). */
    async find(workspaceId: number, id: number): Promise<FolderRow> {
      const row = (await folders().findOne({ select: FOLDER_FIELDS, where: { id, workspaceId, deletedAt: null } })) as FolderRow | null;
      if (!row) throw new NotFoundError(NO_FOLDER);
      return row;
    },

    /** `root` (null) or a live folder of this workspace. */
    async resolve(workspaceId: number, ref: number | 'root'): Promise<FolderRow | null> {
      return ref === 'root' ? null : this.find(workspaceId, ref);
    },

    /** The folders from the top down to this one (included). */
    async breadcrumbs(folder: FolderRow | null): Promise<FolderRef[]> {
      const trail: FolderRef[] = [];
      let current = folder;
      for (let depth = 0; current && depth <= FOLDER_DEPTH_MAX + 1; depth += 1) {
        trail.unshift({ id: current.id, name: current.name });
        if (current.parentId === null) break;
        current = (await folders().findOne({ select: FOLDER_FIELDS, where: { id: current.parentId } })) as FolderRow | null;
      }
      return trail;
    },

    /** Live items and folders directly inside each folder. */
    async counts(workspaceId: number, ids: number[]): Promise<Map<number, number>> {
      const counts = new Map<number, number>(ids.map((id) => [id, 0]));
      if (ids.length === 0) return counts;
      const [childFolders, childItems] = await Promise.all([
        folders().findMany({ select: ['parentId'], where: { workspaceId, parentId: { $in: ids }, deletedAt: null } }),
        items().findMany({ select: ['folderId'], where: { workspaceId, folderId: { $in: ids }, deletedAt: null } }),
      ]);
      for (const row of [...childFolders.map((folder: any) => folder.parentId), ...childItems.map((item: any) => item.folderId)]) {
        counts.set(row, (counts.get(row) ?? 0) + 1);
      }
      return counts;
    },

    async summaries(actor: Pick<Actor, 'access'> & { viewerId: number | null }, rows: FolderRow[]): Promise<FolderSummary[]> {
      const counts = await this.counts(rows[0]?.workspaceId ?? 0, rows.map((row) => row.id));
      return rows.map((row) => {
        const itemCount = counts.get(row.id) ?? 0;
        return {
          id: row.id,
          name: row.name,
          description: row.description ?? null,
          updatedAt: new Date(row.updatedAt).toISOString(),
          itemCount,
          can: folderAbilitiesOf(actor.access, actor.viewerId, row.creatorId, itemCount === 0),
        };
      });
    },

    /** One folder's page: its subfolders by name, and one page of its items in the order asked for. */
    async show(
      actor: Omit<Actor, 'viewerId'> & { viewerId: number | null },
      ref: number | 'root',
      query: { sort: FileSort; order: SortOrder; page: number; pageSize: number },
    ): Promise<FolderView> {
      const { workspace, access } = actor;
      const folder = await this.resolve(workspace.id, ref);
      // By name whatever its case, as files are (items.list): the database orders by the bytes,
      // and a folder holds at most FOLDER_CHILDREN_MAX, so they are sorted here.
      const byName = (a: FolderRow, b: FolderRow) => {
        const [x, y] = [a.name.toLowerCase(), b.name.toLowerCase()];
        return x < y ? -1 : x > y ? 1 : a.id - b.id;
      };
      const children = (
        (await folders().findMany({
          select: FOLDER_FIELDS,
          where: { workspaceId: workspace.id, parentId: folder?.id ?? null, deletedAt: null },
          limit: FOLDER_CHILDREN_MAX,
        })) as FolderRow[]
      ).sort(byName);
      const listed = await getService(strapi, 'items').list(actor, folder?.id ?? null, query);
      const [summaries, breadcrumbs, [self]] = await Promise.all([
        this.summaries(actor, children),
        this.breadcrumbs(folder),
        folder ? this.summaries(actor, [folder]) : Promise.resolve([null]),
      ]);
      return {
        folder: folder && self ? { ...self, parentId: folder.parentId } : null,
        breadcrumbs,
        folders: summaries,
        items: listed.items,
        pagination: listed.pagination,
        sort: query.sort,
        order: query.order,
        can: { upload: access.canPost, createFolder: access.canPost, manageBin: access.canManage },
        maxUploadBytes: getService(strapi, 'stored').maxBytes(),
      };
    },

    /** Depth of a folder (1 for one at the top). */
    async depth(folder: FolderRow | null): Promise<number> {
      return (await this.breadcrumbs(folder)).length;
    },

    /** Refuses a name another live folder in the same place already has. */
    async assertFreeName(workspaceId: number, parentId: number | null, name: string, except?: number) {
      const siblings = (await folders().findMany({ select: ['id', 'name'], where: { workspaceId, parentId, deletedAt: null } })) as { id: number; name: string }[];
      if (siblings.some((row) => row.id !== except && nameKey(row.name) === nameKey(name))) {
        throw fieldError(['name'], `There is already a folder called "${name}" here: choose another name`);
      }
    },

    async create(actor: Actor, input: { name: string; description?: string | null; parentId: number | null }): Promise<FolderSummary> {
      const created = (await strapi.db.transaction(async ({ trx }) => {
        await lock(strapi, trx, 'tree', actor.workspace.id);
        // Under the lock: the parent is still there (not just put in the bin), and the name still free.
        const parent = input.parentId === null ? null : await this.find(actor.workspace.id, input.parentId);
        if ((await this.depth(parent)) >= FOLDER_DEPTH_MAX) throw fieldError(['parentId'], `Folders can be at most ${FOLDER_DEPTH_MAX} deep`);
        await this.assertFreeName(actor.workspace.id, parent?.id ?? null, input.name);
        const siblingCount = await folders().count({ where: { workspaceId: actor.workspace.id, parentId: parent?.id ?? null, deletedAt: null } });
        if (siblingCount >= FOLDER_CHILDREN_MAX) throw refusal(`A folder can hold at most ${FOLDER_CHILDREN_MAX} folders`);
        const row = (await folders().create({
          data: { workspaceId: actor.workspace.id, parentId: parent?.id ?? null, name: input.name, description: input.description || null, creatorId: actor.viewerId },
          select: FOLDER_FIELDS,
        })) as FolderRow;
        await accounts(strapi).audit.record({ action: 'folder.created', actorId: actor.viewerId, workspaceId: actor.workspace.id, details: { folderId: row.id, name: row.name } });
        return row;
      })) as FolderRow;
      const [summary] = await this.summaries(actor, [created]);
      return summary!;
    },

    /** Rename, describe or move: the folder's creator or a manager. */
    async update(actor: Actor, id: number, input: { name?: string; description?: string | null; parentId?: number | null }): Promise<FolderSummary> {
      const folder = await this.find(actor.workspace.id, id);
      const [before] = await this.summaries(actor, [folder]);
      if (!before!.can.change) throw refusal('Only the member who created this folder, or a workspace manager, can change it');
      const data: Partial<FolderRow> = {};
      const details: Record<string, unknown> = { folderId: id };
      await strapi.db.transaction(async ({ trx }) => {
        // Under the lock, so two moves at once cannot put each folder under the other.
        await lock(strapi, trx, 'tree', actor.workspace.id);
        let parentId = folder.parentId;
        if (input.parentId !== undefined && input.parentId !== folder.parentId) {
          const parent = input.parentId === null ? null : await this.find(actor.workspace.id, input.parentId);
          const trail = await this.breadcrumbs(parent);
          if (trail.some((step) => step.id === folder.id)) throw fieldError(['parentId'], 'A folder cannot be moved into itself or a folder inside it');
          if (trail.length + (await this.height(folder)) > FOLDER_DEPTH_MAX) throw fieldError(['parentId'], `Folders can be at most ${FOLDER_DEPTH_MAX} deep`);
          parentId = parent?.id ?? null;
          data.parentId = parentId;
          Object.assign(details, { from: folder.parentId, to: parentId });
        }
        const name = input.name ?? folder.name;
        if (input.name !== undefined && input.name !== folder.name) {
          data.name = input.name;
          Object.assign(details, { name: input.name, previousName: folder.name });
        }
        if (data.name !== undefined || data.parentId !== undefined) await this.assertFreeName(actor.workspace.id, parentId, name, folder.id);
        if (input.description !== undefined && (input.description || null) !== folder.description) data.description = input.description || null;
        if (Object.keys(data).length === 0) return;
        await folders().update({ where: { id }, data });
        const action = data.parentId !== undefined ? 'folder.moved' : data.name !== undefined ? 'folder.renamed' : 'folder.described';
        await accounts(strapi).audit.record({ action, actorId: actor.viewerId, workspaceId: actor.workspace.id, details });
      });
      const [after] = await this.summaries(actor, [await this.find(actor.workspace.id, id)]);
      return after!;
    },

    /** How many levels of folders sit inside this one (1 for a folder with no subfolders). */
    async height(folder: FolderRow): Promise<number> {
      let level = [folder.id];
      let height = 0;
      while (level.length > 0 && height <= FOLDER_DEPTH_MAX + 1) {
        height += 1;
        const children = (await folders().findMany({ select: ['id'], where: { workspaceId: folder.workspaceId, parentId: { $in: level }, deletedAt: null } })) as { id: number }[];
        level = children.map((child) => child.id);
      }
      return height;
    },

    /** Every live folder under these (not including them). */
    async descendants(workspaceId: number, ids: number[]): Promise<number[]> {
      const found: number[] = [];
      let level = ids;
      for (let depth = 0; level.length > 0 && depth <= FOLDER_DEPTH_MAX + 1; depth += 1) {
        const children = (await folders().findMany({ select: ['id'], where: { workspaceId, parentId: { $in: level }, deletedAt: null } })) as { id: number }[];
        level = children.map((child) => child.id);
        found.push(...level);
      }
      return found;
    },

    /**
     * Into the bin, with everything under it (as one bin entry). A manager may delete any folder;
     * its creator only an empty one, so nobody bins others' files by binning their folder.
     */
    async remove(actor: Actor, id: number): Promise<void> {
      const folder = await this.find(actor.workspace.id, id);
      const [summary] = await this.summaries(actor, [folder]);
      if (!summary!.can.delete) {
        throw summary!.can.change
          ? conflict('This folder is not empty: only a workspace manager can delete a folder with files in it', { itemCount: summary!.itemCount })
          : refusal('Only the member who created this folder, or a workspace manager, can delete it');
      }
      await getService(strapi, 'bin').put(actor, { kind: 'folder', id });
    },
  };
};

export type FoldersService = ReturnType<typeof foldersService>;
