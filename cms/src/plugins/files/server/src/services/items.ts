import { BIDI_CONTROLS, type FileSort, type FileVersion, type ItemSummary, type ItemView, type SortOrder } from '@futurenhs/contract';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { FILE_NAME_MAX, ITEM_UID, PREVIEW_TYPES, UPLOAD_FILES_MAX, VERSION_UID, type ScanState } from '../constants';
import { InspectionRefusal, type Inspected } from '../inspection';
import { accounts, conflict, fieldError, getService, refusal, tableOf, type WorkspaceAccess, type WorkspaceRef } from '../utils';
import { abilitiesOf } from './abilities';
import { nameKey, type Actor } from './folders';
import { lock } from './locks';
import type { StoredBytes, UploadedFile } from './stored';

const { NotFoundError } = errors;
export const NO_FILE = 'This file does not exist';

export interface ItemRow {
  id: number;
  workspaceId: number;
  folderId: number | null;
  kind: 'file' | 'document';
  name: string;
  description: string | null;
  creatorId: number | null;
  currentVersion: number;
  mime: string | null;
  size: string | number | null;
  changedById: number | null;
  createdAt: string;
  updatedAt: string;
}

export interface VersionRow {
  id: number;
  itemId: number;
  workspaceId: number;
  number: number;
  storedFileId: number;
  mime: string;
  ext: string;
  label: string;
  size: string | number;
  sha256: string;
  comment: string | null;
  authorId: number | null;
  restoredFrom: number | null;
  scan: ScanState;
  createdAt: string;
}

const ITEM_FIELDS = ['id', 'workspaceId', 'folderId', 'kind', 'name', 'description', 'creatorId', 'currentVersion', 'mime', 'size', 'changedById', 'createdAt', 'updatedAt'];
const VERSION_FIELDS = ['id', 'itemId', 'workspaceId', 'number', 'storedFileId', 'mime', 'ext', 'label', 'size', 'sha256', 'comment', 'authorId', 'restoredFrom', 'scan', 'createdAt'];

const SORT_COLUMNS: Record<Exclude<FileSort, 'name'>, string> = { date: 'updatedAt', size: 'size' };

/**
 * A file's name as members see it: the last segment of what the browser sent (never a path),
 * without control characters or direction overrides (which disguise "txt.exe" as "exe.txt"),
 * trimmed and at most FILE_NAME_MAX characters, keeping its extension.
 */
export function cleanFileName(raw: string | null | undefined): string {
  const last = String(raw ?? '').split(/[\\/]/).pop() ?? '';
  // eslint-disable-next-line no-control-regex
  let name = last.normalize('NFC').replace(BIDI_CONTROLS, '').replace(/[\u0000-\u001f\u007f]/g, '').replace(/\s+/g, ' ').trim();
  name = name.replace(/^\.+/, '').trim();
  if (name.length > FILE_NAME_MAX) {
    const dot = name.lastIndexOf('.');
    const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : '';
    name = name.slice(0, FILE_NAME_MAX - ext.length).trimEnd() + ext;
  }
  return name || 'Untitled';
}

/** The download's name: the item's name, with the extension of what the bytes are if the name does not end in it. */
export function downloadNameOf(name: string, ext: string): string {
  return name.toLowerCase().endsWith(ext.toLowerCase()) ? name : `${name}${ext}`;
}

const sizeOf = (value: string | number | null | undefined) => Number(value ?? 0);

/** Folder items that are files: upload, versions, rename, move, describe, delete to the bin. */
export const itemsService = ({ strapi }: { strapi: Core.Strapi }) => {
  const items = () => strapi.db.query(ITEM_UID);
  const versions = () => strapi.db.query(VERSION_UID);
  const folders = () => getService(strapi, 'folders');
  const stored = () => getService(strapi, 'stored');
  const audit = () => accounts(strapi).audit;

  /** The member's words for a refusal, at the form field that holds the file. */
  const inspectionError = (path: (string | number)[], name: string, error: unknown) => {
    if (error instanceof InspectionRefusal) return { path, message: `${name}: ${error.message}` };
    throw error;
  };

  return {
    /** A live item of this workspace, or 404 whatever the reason. */
    async find(workspaceId: number, id: number): Promise<ItemRow> {
      const row = (await items().findOne({ select: ITEM_FIELDS, where: { id, workspaceId, deletedAt: null } })) as ItemRow | null;
      if (!row) throw new NotFoundError(NO_FILE);
      return row;
    },

    async version(item: ItemRow, number: number = item.currentVersion): Promise<VersionRow> {
      const row = (await versions().findOne({ select: VERSION_FIELDS, where: { itemId: item.id, number } })) as VersionRow | null;
      if (!row) throw new NotFoundError('This version does not exist');
      return row;
    },

    async summaries(actor: { access: WorkspaceAccess; viewerId: number | null }, rows: ItemRow[]): Promise<ItemSummary[]> {
      if (rows.length === 0) return [];
      const current = (await versions().findMany({
        select: ['itemId', 'number', 'label', 'scan'],
        where: { itemId: { $in: rows.map((row) => row.id) }, number: { $in: [...new Set(rows.map((row) => row.currentVersion))] } },
      })) as Pick<VersionRow, 'itemId' | 'number' | 'label' | 'scan'>[];
      const byItem = new Map(current.filter((version) => rows.some((row) => row.id === version.itemId && row.currentVersion === version.number)).map((version) => [version.itemId, version]));
      const people = await accounts(strapi).people.byId(rows.map((row) => row.changedById ?? row.creatorId));
      return rows.map((row) => {
        const version = byItem.get(row.id);
        return {
          id: row.id,
          kind: row.kind,
          name: row.name,
          description: row.description ?? null,
          mime: row.mime ?? 'application/octet-stream',
          label: version?.label ?? (row.kind === 'document' ? 'Document' : 'File'),
          size: sizeOf(row.size),
          version: row.currentVersion,
          scan: version?.scan ?? 'unscanned',
          updatedAt: new Date(row.updatedAt).toISOString(),
          updatedBy: people.get((row.changedById ?? row.creatorId) as number) ?? null,
          can: abilitiesOf(actor.access, actor.viewerId, row.creatorId),
        };
      });
    },

    /** One page of a folder's live items. */
    async list(
      actor: { workspace: WorkspaceRef; access: WorkspaceAccess; viewerId: number | null },
      folderId: number | null,
      query: { sort: FileSort; order: SortOrder; page: number; pageSize: number },
    ) {
      const where = { workspaceId: actor.workspace.id, folderId, deletedAt: null };
      const total = await items().count({ where });
      const pageCount = Math.max(1, Math.ceil(total / query.pageSize));
      const page = Math.min(query.page, pageCount);
      const window = { offset: (page - 1) * query.pageSize, limit: query.pageSize };
      let rows: ItemRow[];
      if (query.sort === 'name') {
        // Names in the order people read them, whatever their case ("paper 2" between "Paper 1"
        // and "Paper 3"): the query engine orders by the bytes, so the page's ids come from SQL.
        const table = tableOf(strapi, ITEM_UID);
        const ids = (
          (await strapi.db
            .connection(table.name)
            .select(table.column('id'))
            .where(table.column('workspaceId'), actor.workspace.id)
            .where((builder) => (folderId === null ? builder.whereNull(table.column('folderId')) : builder.where(table.column('folderId'), folderId)))
            .whereNull(table.column('deletedAt'))
            .orderByRaw(`LOWER(??) ${query.order === 'desc' ? 'DESC' : 'ASC'}, ?? ${query.order === 'desc' ? 'DESC' : 'ASC'}`, [table.column('name'), table.column('id')])
            .offset(window.offset)
            .limit(window.limit)) as Record<string, number>[]
        ).map((row) => Number(row[table.column('id')]));
        const found = (await items().findMany({ select: ITEM_FIELDS, where: { id: { $in: ids } } })) as ItemRow[];
        rows = ids.map((id) => found.find((row) => row.id === id)).filter((row): row is ItemRow => Boolean(row));
      } else {
        rows = (await items().findMany({
          select: ITEM_FIELDS,
          where,
          orderBy: [{ [SORT_COLUMNS[query.sort]]: query.order }, { id: query.order }],
          ...window,
        })) as ItemRow[];
      }
      return { items: await this.summaries(actor, rows), pagination: { page, pageSize: query.pageSize, pageCount, total } };
    },

    async show(actor: { workspace: WorkspaceRef; access: WorkspaceAccess; viewerId: number | null }, id: number): Promise<ItemView> {
      const item = await this.find(actor.workspace.id, id);
      const rows = (await versions().findMany({ select: VERSION_FIELDS, where: { itemId: item.id }, orderBy: [{ number: 'desc' }] })) as VersionRow[];
      const folder = item.folderId === null ? null : await folders().find(actor.workspace.id, item.folderId).catch(() => null);
      const [[summary], breadcrumbs, people] = await Promise.all([
        this.summaries(actor, [item]),
        folders().breadcrumbs(folder),
        accounts(strapi).people.byId([item.creatorId, ...rows.map((row) => row.authorId)]),
      ]);
      const current = rows.find((row) => row.number === item.currentVersion);
      return {
        item: {
          ...summary!,
          folderId: item.folderId,
          createdAt: new Date(item.createdAt).toISOString(),
          createdBy: people.get(item.creatorId as number) ?? null,
        },
        breadcrumbs,
        versions: rows.map(
          (row): FileVersion => ({
            number: row.number,
            size: sizeOf(row.size),
            mime: row.mime,
            label: row.label,
            sha256: row.sha256,
            comment: row.comment ?? null,
            createdAt: new Date(row.createdAt).toISOString(),
            author: people.get(row.authorId as number) ?? null,
            scan: row.scan,
            restoredFrom: row.restoredFrom ?? null,
          }),
        ),
        previewable: Boolean(current && PREVIEW_TYPES.has(current.mime)),
        maxUploadBytes: stored().maxBytes(),
      };
    },

    /** Names already taken by live items in a folder (compared as people read them). */
    async takenNames(workspaceId: number, folderId: number | null, except?: number): Promise<Set<string>> {
      const rows = (await items().findMany({ select: ['id', 'name'], where: { workspaceId, folderId, deletedAt: null } })) as { id: number; name: string }[];
      return new Set(rows.filter((row) => row.id !== except).map((row) => nameKey(row.name)));
    },

    /**
     * Several files into one folder, all or none: every file is checked (name, clash, type by its
     * bytes, size) before any is stored, and a refusal names each file at fault, so nothing is half
     * uploaded and the member knows what to fix.
     */
    async upload(actor: Actor, folderRef: number | 'root', uploads: UploadedFile[], description: string | null): Promise<ItemSummary[]> {
      const folder = await folders().resolve(actor.workspace.id, folderRef);
      const folderId = folder?.id ?? null;
      if (uploads.length === 0) throw fieldError(['files'], 'Choose a file to upload');
      if (uploads.length > UPLOAD_FILES_MAX) throw fieldError(['files'], `Upload at most ${UPLOAD_FILES_MAX} files at a time`);
      const taken = await this.takenNames(actor.workspace.id, folderId);
      const names = uploads.map((upload) => cleanFileName(upload.originalFilename));
      const problems: { path: (string | number)[]; message: string }[] = [];
      const inspected: (Inspected | null)[] = [];
      const seen = new Set<string>();
      for (const [index, upload] of uploads.entries()) {
        const name = names[index]!;
        const key = nameKey(name);
        if (taken.has(key)) {
          problems.push({ path: ['files', index], message: `${name}: a file with this name is already in this folder. Upload it as a new version of that file, or rename yours` });
        } else if (seen.has(key)) {
          problems.push({ path: ['files', index], message: `${name}: you chose two files with this name` });
        }
        seen.add(key);
        try {
          inspected.push(await stored().inspect(upload, name));
        } catch (error) {
          inspected.push(null);
          problems.push(inspectionError(['files', index], name, error));
        }
      }
      if (problems.length > 0) throw fieldError(problems[0]!.path, problems[0]!.message, problems.slice(1));

      const storedBytes: StoredBytes[] = [];
      try {
        for (const [index, upload] of uploads.entries()) storedBytes.push(await stored().store(actor.workspace.id, upload, inspected[index]!));
        const created = (await strapi.db.transaction(async ({ trx }) => {
          await lock(strapi, trx, 'tree', actor.workspace.id);
          // Under the lock: the folder is still there (not put in the bin meanwhile), and the names still free.
          if (folderId !== null) await folders().find(actor.workspace.id, folderId);
          const again = await this.takenNames(actor.workspace.id, folderId);
          const clash = names.findIndex((name) => again.has(nameKey(name)));
          if (clash >= 0) {
            throw fieldError(['files', clash], `${names[clash]}: a file with this name was added to this folder just now. Upload it as a new version of that file, or rename yours`);
          }
          const rows: ItemRow[] = [];
          for (const [index, bytes] of storedBytes.entries()) {
            const row = (await items().create({
              select: ITEM_FIELDS,
              data: {
                workspaceId: actor.workspace.id,
                folderId,
                kind: 'file',
                name: names[index],
                description: description || null,
                creatorId: actor.viewerId,
                changedById: actor.viewerId,
                currentVersion: 1,
                mime: bytes.mime,
                size: bytes.size,
              },
            })) as ItemRow;
            await this.createVersion(row, 1, bytes, { authorId: actor.viewerId, originalName: uploads[index]!.originalFilename ?? null, comment: null, restoredFrom: null });
            await audit().record({
              action: 'file.uploaded',
              actorId: actor.viewerId,
              workspaceId: actor.workspace.id,
              details: { itemId: row.id, name: row.name, folderId, size: bytes.size, sha256: bytes.sha256 },
            });
            rows.push(row);
          }
          return rows;
        })) as ItemRow[];
        return this.summaries(actor, created);
      } catch (error) {
        await stored().remove(storedBytes.map((bytes) => bytes.storedFileId)).catch(() => undefined);
        throw error;
      }
    },

    /** A version row, and the jobs that check and index it (in the same transaction). */
    async createVersion(
      item: Pick<ItemRow, 'id' | 'workspaceId'>,
      number: number,
      bytes: Pick<StoredBytes, 'storedFileId' | 'mime' | 'ext' | 'label' | 'size' | 'sha256' | 'extractable'>,
      extra: { authorId: number; originalName: string | null; comment: string | null; restoredFrom: number | null; scan?: ScanState; text?: string | null },
    ): Promise<void> {
      const scan: ScanState = extra.scan ?? (stored().scanning() ? 'pending' : 'unscanned');
      const version = (await versions().create({
        select: ['id'],
        data: {
          itemId: item.id,
          workspaceId: item.workspaceId,
          number,
          storedFileId: bytes.storedFileId,
          originalName: extra.originalName?.slice(0, 255) ?? null,
          mime: bytes.mime,
          ext: bytes.ext,
          label: bytes.label,
          size: bytes.size,
          sha256: bytes.sha256,
          comment: extra.comment,
          authorId: extra.authorId,
          restoredFrom: extra.restoredFrom,
          scan,
          text: extra.text ?? null,
          textExtracted: extra.text !== undefined,
        },
      })) as { id: number };
      if (scan === 'pending' || (extra.text === undefined && bytes.extractable)) await getService(strapi, 'processing').enqueue(version.id);
    },

    /** A new version of a file (its creator or a manager), with a comment; the name keeps its type. */
    async addVersion(actor: Actor, id: number, upload: UploadedFile | undefined, comment: string | null): Promise<ItemSummary> {
      const item = await this.find(actor.workspace.id, id);
      this.assertMay(actor, item, 'upload a new version of it');
      if (item.kind !== 'file') throw refusal('Only files have uploaded versions');
      if (!upload?.filepath) throw fieldError(['file'], 'Choose a file to upload');
      let inspected: Inspected;
      try {
        inspected = await stored().inspect(upload, item.name);
      } catch (error) {
        const problem = inspectionError(['file'], item.name, error);
        throw fieldError(problem.path, problem.message);
      }
      const bytes = await stored().store(actor.workspace.id, upload, inspected);
      try {
        await strapi.db.transaction(async ({ trx }) => {
          await lock(strapi, trx, 'item', id);
          const fresh = await this.find(actor.workspace.id, id);
          const number = fresh.currentVersion + 1;
          await this.createVersion(fresh, number, bytes, { authorId: actor.viewerId, originalName: upload.originalFilename ?? null, comment, restoredFrom: null });
          await items().update({ where: { id }, data: { currentVersion: number, mime: bytes.mime, size: bytes.size, changedById: actor.viewerId } });
          await audit().record({
            action: 'file.version-added',
            actorId: actor.viewerId,
            workspaceId: actor.workspace.id,
            details: { itemId: id, name: fresh.name, version: number, size: bytes.size, sha256: bytes.sha256 },
          });
        });
      } catch (error) {
        await stored().remove([bytes.storedFileId]).catch(() => undefined);
        throw error;
      }
      const [summary] = await this.summaries(actor, [await this.find(actor.workspace.id, id)]);
      return summary!;
    },

    /**
     * Makes an earlier version current again, as a new version holding exactly its bytes (the
     * same stored object), so the history keeps every step and links give the restored bytes.
     */
    async restoreVersion(actor: Actor, id: number, number: number, comment: string | null): Promise<ItemSummary> {
      const item = await this.find(actor.workspace.id, id);
      this.assertMay(actor, item, 'restore a version of it');
      const earlier = await this.version(item, number);
      if (number === item.currentVersion) throw conflict('This is already the current version', { version: number });
      if (earlier.scan === 'infected') throw conflict('This version failed its virus check, so it cannot be restored', { version: number });
      await strapi.db.transaction(async ({ trx }) => {
        await lock(strapi, trx, 'item', id);
        const fresh = await this.find(actor.workspace.id, id);
        const next = fresh.currentVersion + 1;
        const copy = (await versions().findOne({ select: ['text', 'textExtracted'], where: { id: earlier.id } })) as { text: string | null; textExtracted: boolean };
        await this.createVersion(
          fresh,
          next,
          { ...earlier, size: sizeOf(earlier.size), extractable: null },
          {
            authorId: actor.viewerId,
            originalName: null,
            comment: comment ?? `Restored version ${number}`,
            restoredFrom: number,
            // A clean verdict holds for the same bytes; anything else is checked again (where scanning is on).
            scan: earlier.scan === 'clean' ? 'clean' : undefined,
            text: copy.textExtracted ? copy.text : undefined,
          },
        );
        await items().update({ where: { id }, data: { currentVersion: next, mime: earlier.mime, size: sizeOf(earlier.size), changedById: actor.viewerId } });
        await audit().record({
          action: 'file.version-restored',
          actorId: actor.viewerId,
          workspaceId: actor.workspace.id,
          details: { itemId: id, name: fresh.name, version: next, restoredFrom: number, sha256: earlier.sha256 },
        });
      });
      const [summary] = await this.summaries(actor, [await this.find(actor.workspace.id, id)]);
      return summary!;
    },

    assertMay(actor: Actor, item: ItemRow, what: string) {
      if (!abilitiesOf(actor.access, actor.viewerId, item.creatorId).change) {
        throw refusal(`Only the member who uploaded this file, or a workspace manager, can ${what}`);
      }
    },

    /** Rename, describe or move to another folder of the same workspace. */
    async update(actor: Actor, id: number, input: { name?: string; description?: string | null; folderId?: number | null }): Promise<ItemSummary> {
      const item = await this.find(actor.workspace.id, id);
      this.assertMay(actor, item, 'change it');
      await strapi.db.transaction(async ({ trx }) => {
        await lock(strapi, trx, 'tree', actor.workspace.id);
        const data: Record<string, unknown> = {};
        const details: Record<string, unknown> = { itemId: id };
        let folderId = item.folderId;
        if (input.folderId !== undefined && input.folderId !== item.folderId) {
          folderId = (await folders().resolve(actor.workspace.id, input.folderId ?? 'root'))?.id ?? null;
          data.folderId = folderId;
          Object.assign(details, { from: item.folderId, to: folderId });
        }
        const name = input.name === undefined ? item.name : cleanFileName(input.name);
        if (name !== item.name) {
          data.name = name;
          Object.assign(details, { name, previousName: item.name });
        }
        if (data.name !== undefined || data.folderId !== undefined) {
          if ((await this.takenNames(actor.workspace.id, folderId, id)).has(nameKey(name))) {
            throw fieldError(['name'], `There is already a file called "${name}" in that folder: choose another name`);
          }
        }
        if (input.description !== undefined && (input.description || null) !== item.description) {
          data.description = input.description || null;
          details.described = true;
        }
        if (Object.keys(data).length === 0) return;
        await items().update({ where: { id }, data: { ...data, changedById: actor.viewerId } });
        const action = data.folderId !== undefined ? (`${item.kind}.moved` as const) : data.name !== undefined ? (`${item.kind}.renamed` as const) : (`${item.kind}.described` as const);
        await audit().record({ action, actorId: actor.viewerId, workspaceId: actor.workspace.id, details: { ...details, name } });
      });
      const [summary] = await this.summaries(actor, [await this.find(actor.workspace.id, id)]);
      return summary!;
    },

    async remove(actor: Actor, id: number): Promise<void> {
      const item = await this.find(actor.workspace.id, id);
      this.assertMay(actor, item, 'delete it');
      await getService(strapi, 'bin').put(actor, { kind: 'item', id });
    },
  };
};

export type ItemsService = ReturnType<typeof itemsService>;
