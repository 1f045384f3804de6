import type { BinEntry } from '@futurenhs/contract';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { FILES_PAGE_SIZE, FOLDER_UID, ITEM_UID, VERSION_UID } from '../constants';
import { accounts, getService } from '../utils';
import { nameKey, type Actor, type FolderRow } from './folders';
import { lock } from './locks';

const { NotFoundError } = errors;
const NOT_IN_BIN = 'This is not in the recycle bin';

export type BinKind = 'folder' | 'item';

/**
 * The recycle bin. Deleting puts an entry in it: a file, or a folder with everything under it
 * (each row swept along is marked `within:<entry>`), so restoring gives back exactly what went in
 * together, and every other read just asks for rows that are not deleted. Managers list, restore
 * (to where it was, or the top level if that is gone; a clashing name gets " (restored)") and
 * purge for good, which deletes the stored bytes of every version.
 */
export const binService = ({ strapi }: { strapi: Core.Strapi }) => {
  const folders = () => strapi.db.query(FOLDER_UID);
  const items = () => strapi.db.query(ITEM_UID);
  const versions = () => strapi.db.query(VERSION_UID);
  const audit = () => accounts(strapi).audit;
  const keyOf = (kind: BinKind, id: number) => `${kind}:${id}`;
  const swept = (key: string) => `within:${key}`;

  /** The entry row itself, in the bin, of this workspace; or 404. */
  async function entryRow(workspaceId: number, kind: BinKind, id: number) {
    const query = kind === 'folder' ? folders() : items();
    const row = (await query.findOne({ where: { id, workspaceId, binRoot: keyOf(kind, id) } })) as
      | (FolderRow & { folderId?: number | null; kind?: string; size?: string | number; deletedById: number | null })
      | null;
    if (!row || !row.deletedAt) throw new NotFoundError(NOT_IN_BIN);
    return row;
  }

  /** A name free in the place it is restored to: "Minutes (restored)", "report (restored 2).pdf". */
  function freeName(name: string, taken: Set<string>, keepExtension: boolean): string {
    if (!taken.has(nameKey(name))) return name;
    const dot = keepExtension ? name.lastIndexOf('.') : -1;
    const [stem, ext] = dot > 0 ? [name.slice(0, dot), name.slice(dot)] : [name, ''];
    for (let attempt = 1; ; attempt += 1) {
      const candidate = `${stem} (restored${attempt > 1 ? ` ${attempt}` : ''})${ext}`;
      if (!taken.has(nameKey(candidate))) return candidate;
    }
  }

  return {
    async put(actor: Actor, entry: { kind: BinKind; id: number }): Promise<void> {
      const key = keyOf(entry.kind, entry.id);
      const now = new Date();
      const stamp = { deletedAt: now, deletedById: actor.viewerId };
      await strapi.db.transaction(async ({ trx }) => {
        await lock(strapi, trx, 'tree', actor.workspace.id);
        if (entry.kind === 'item') {
          const row = (await items().findOne({ select: ['name', 'kind'], where: { id: entry.id } })) as { name: string; kind: 'file' | 'document' };
          await items().update({ where: { id: entry.id }, data: { ...stamp, binRoot: key } });
          await audit().record({ action: `${row.kind}.deleted`, actorId: actor.viewerId, workspaceId: actor.workspace.id, details: { itemId: entry.id, name: row.name } });
          return;
        }
        const folder = await getService(strapi, 'folders').find(actor.workspace.id, entry.id);
        const inside = await getService(strapi, 'folders').descendants(actor.workspace.id, [entry.id]);
        await folders().update({ where: { id: entry.id }, data: { ...stamp, binRoot: key } });
        if (inside.length > 0) await folders().updateMany({ where: { id: { $in: inside }, deletedAt: null }, data: { ...stamp, binRoot: swept(key) } });
        const { count } = (await items().updateMany({
          where: { workspaceId: actor.workspace.id, folderId: { $in: [entry.id, ...inside] }, deletedAt: null },
          data: { ...stamp, binRoot: swept(key) },
        })) as { count: number };
        await audit().record({
          action: 'folder.deleted',
          actorId: actor.viewerId,
          workspaceId: actor.workspace.id,
          details: { folderId: entry.id, name: folder.name, folders: inside.length, files: count },
        });
      });
    },

    async list(workspaceId: number, page: number): Promise<{ entries: BinEntry[]; pagination: { page: number; pageSize: number; pageCount: number; total: number } }> {
      const inBin = { workspaceId, deletedAt: { $notNull: true }, $not: { binRoot: { $startsWith: 'within:' } } };
      const [folderRows, itemRows] = (await Promise.all([
        folders().findMany({ select: ['id', 'name', 'parentId', 'deletedAt', 'deletedById'], where: inBin }),
        items().findMany({ select: ['id', 'kind', 'name', 'folderId', 'size', 'deletedAt', 'deletedById'], where: inBin }),
      ])) as [any[], any[]];
      const all = [
        ...folderRows.map((row) => ({ kind: 'folder' as const, row, parentId: row.parentId as number | null })),
        ...itemRows.map((row) => ({ kind: row.kind as 'file' | 'document', row, parentId: row.folderId as number | null })),
      ].sort((a, b) => new Date(b.row.deletedAt).getTime() - new Date(a.row.deletedAt).getTime() || b.row.id - a.row.id);
      const total = all.length;
      const pageCount = Math.max(1, Math.ceil(total / FILES_PAGE_SIZE));
      const current = Math.min(Math.max(1, page), pageCount);
      const shown = all.slice((current - 1) * FILES_PAGE_SIZE, current * FILES_PAGE_SIZE);
      const people = await accounts(strapi).people.byId(shown.map((entry) => entry.row.deletedById));
      const entries: BinEntry[] = [];
      for (const entry of shown) {
        const key = keyOf(entry.kind === 'folder' ? 'folder' : 'item', entry.row.id);
        let contains = 0;
        let size = Number(entry.row.size ?? 0);
        if (entry.kind === 'folder') {
          const [subfolders, files] = (await Promise.all([
            folders().findMany({ select: ['id'], where: { binRoot: swept(key) } }),
            items().findMany({ select: ['size'], where: { binRoot: swept(key) } }),
          ])) as [unknown[], { size: string | number }[]];
          contains = subfolders.length + files.length;
          size = files.reduce((sum, file) => sum + Number(file.size ?? 0), 0);
        }
        const parent = entry.parentId === null ? null : ((await folders().findOne({ select: ['id', 'name', 'parentId', 'deletedAt'], where: { id: entry.parentId } })) as FolderRow | null);
        entries.push({
          kind: entry.kind,
          id: entry.row.id,
          name: entry.row.name,
          path: parent ? await getService(strapi, 'folders').breadcrumbs(parent) : [],
          deletedAt: new Date(entry.row.deletedAt).toISOString(),
          deletedBy: people.get(entry.row.deletedById) ?? null,
          contains,
          size,
        });
      }
      return { entries, pagination: { page: current, pageSize: FILES_PAGE_SIZE, pageCount, total } };
    },

    async restore(actor: Actor, kind: BinKind, id: number): Promise<{ name: string; folderId: number | null }> {
      return strapi.db.transaction(async ({ trx }) => {
        await lock(strapi, trx, 'tree', actor.workspace.id);
        const row = await entryRow(actor.workspace.id, kind, id);
        const key = keyOf(kind, id);
        const parentId = (kind === 'folder' ? row.parentId : row.folderId) ?? null;
        const parentLive = parentId === null ? null : await folders().findOne({ select: ['id'], where: { id: parentId, workspaceId: actor.workspace.id, deletedAt: null } });
        const placeId = parentLive ? parentId : null;
        const siblings = (await (kind === 'folder' ? folders() : items()).findMany({
          select: ['name'],
          where: { workspaceId: actor.workspace.id, [kind === 'folder' ? 'parentId' : 'folderId']: placeId, deletedAt: null },
        })) as { name: string }[];
        const name = freeName(row.name, new Set(siblings.map((sibling) => nameKey(sibling.name))), kind === 'item');
        const live = { deletedAt: null, deletedById: null, binRoot: null };
        await (kind === 'folder' ? folders() : items()).update({ where: { id }, data: { ...live, name, [kind === 'folder' ? 'parentId' : 'folderId']: placeId } });
        await folders().updateMany({ where: { binRoot: swept(key) }, data: live });
        await items().updateMany({ where: { binRoot: swept(key) }, data: live });
        await audit().record({
          action: kind === 'folder' ? 'folder.restored' : row.kind === 'document' ? 'document.restored' : 'file.restored',
          actorId: actor.viewerId,
          workspaceId: actor.workspace.id,
          // Where it went back to: a folder's parentId, a file's folderId (a folder's own id is its folderId).
          details: { ...(kind === 'folder' ? { folderId: id, parentId: placeId } : { itemId: id, folderId: placeId }), name, renamedFrom: name === row.name ? undefined : row.name },
        });
        return { name, folderId: placeId };
      });
    },

    /** Deletes one entry for good: its rows, its versions, and their stored bytes. */
    async purge(actor: Actor, kind: BinKind, id: number, options: { audited?: boolean } = {}): Promise<void> {
      const storedIds = await strapi.db.transaction(async ({ trx }) => {
        await lock(strapi, trx, 'tree', actor.workspace.id);
        const row = await entryRow(actor.workspace.id, kind, id);
        const key = keyOf(kind, id);
        const itemIds = kind === 'item' ? [id] : ((await items().findMany({ select: ['id'], where: { binRoot: swept(key) } })) as { id: number }[]).map((item) => item.id);
        const versionRows = itemIds.length ? ((await versions().findMany({ select: ['storedFileId'], where: { itemId: { $in: itemIds } } })) as { storedFileId: number }[]) : [];
        if (itemIds.length) {
          await versions().deleteMany({ where: { itemId: { $in: itemIds } } });
          await items().deleteMany({ where: { id: { $in: itemIds } } });
        }
        if (kind === 'folder') await folders().deleteMany({ where: { $or: [{ id }, { binRoot: swept(key) }] } });
        if (options.audited !== false) {
          await audit().record({
            action: kind === 'folder' ? 'folder.purged' : row.kind === 'document' ? 'document.purged' : 'file.purged',
            actorId: actor.viewerId,
            workspaceId: actor.workspace.id,
            details: { [kind === 'folder' ? 'folderId' : 'itemId']: id, name: row.name, files: itemIds.length },
          });
        }
        return versionRows.map((version) => version.storedFileId);
      });
      await getService(strapi, 'stored').remove(storedIds);
    },

    async empty(actor: Actor): Promise<number> {
      const inBin = { workspaceId: actor.workspace.id, deletedAt: { $notNull: true }, $not: { binRoot: { $startsWith: 'within:' } } };
      const [folderRows, itemRows] = (await Promise.all([folders().findMany({ select: ['id'], where: inBin }), items().findMany({ select: ['id'], where: inBin })])) as [
        { id: number }[],
        { id: number }[],
      ];
      for (const row of folderRows) await this.purge(actor, 'folder', row.id, { audited: false });
      for (const row of itemRows) await this.purge(actor, 'item', row.id, { audited: false });
      const entries = folderRows.length + itemRows.length;
      await audit().record({ action: 'bin.emptied', actorId: actor.viewerId, workspaceId: actor.workspace.id, details: { entries } });
      return entries;
    },
  };
};

export type BinService = ReturnType<typeof binService>;
