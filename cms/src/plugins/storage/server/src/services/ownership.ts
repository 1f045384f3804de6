import type { Core } from '@strapi/strapi';
import { CASE_STUDY_UID, MORPH_TABLE, OWNER_UID, PAGE_UID, USER_UID, WORKSPACE_UID } from '../constants';

/**
 * Who a stored file belongs to. A file can be used in several places (the media library lets an
 * editor put one image on a case study and on a workspace's page); each use is an owner.
 */
export type Owner =
  /** Public content: case studies, members' profile photos. */
  | { kind: 'public' }
  /**
   * A workspace's: `content` is read by whoever may read the workspace (its pages, its files);
   * `listing` is its cover image, part of the directory listing unless the workspace is hidden.
   */
  | { kind: 'workspace'; workspaceId: number; scope: OwnerScope }
  /** Used by something no ownership rule knows: served to nobody (fail closed). */
  | { kind: 'unknown' };

/**
 * `content`: shown on the workspace's pages; `listing`: part of its public listing (a cover);
 * `files`: a version of one of its files, which only the files plugin's download route serves
 * (it checks the bin and the virus check as well as membership).
 */
export type OwnerScope = 'content' | 'listing' | 'files';

export interface FileAccess {
  /** Anyone may read it, by its static /uploads address. */
  public: boolean;
  /** The workspaces whose readers may read it through an access-checked route. */
  workspaceIds: number[];
  /** A workspace file's version: no route but the files plugin's may serve it. */
  filesOnly: boolean;
}

/** The owners of the rows of one content type that use a file (a page: its workspace). */
export type RootResolver = (strapi: Core.Strapi, rowIds: number[]) => Promise<Owner[]>;

/** Where a component's rows hang from their parent (a content type, or another component). */
interface ComponentLink {
  parentUid: string;
  childUid: string;
  table: string;
  parentColumn: string;
  childColumn: string;
  typeColumn: string;
}

type Knex = any;

const unique = <T>(values: T[]) => [...new Set(values)];

const workspaceRoot =
  (scope: OwnerScope, uid: string, select: (row: any) => number | undefined): RootResolver =>
  async (strapi, rowIds) => {
    const rows = (await strapi.db.query(uid).findMany({
      select: ['id'],
      where: { id: { $in: rowIds } },
      ...(uid === WORKSPACE_UID ? {} : { populate: { workspace: { select: ['id'] } } }),
    })) as any[];
    return rows.map((row) => {
      const workspaceId = select(row);
      return workspaceId ? { kind: 'workspace' as const, workspaceId, scope } : { kind: 'unknown' as const };
    });
  };

const publicRoot: RootResolver = async () => [{ kind: 'public' }];

/**
 * Ownership is a rule of the storage, never of file names: it is read from where the database
 * says a file is used (Strapi's media relations, followed up through components to the content
 * type that holds them) and from owners recorded when a file was uploaded into, or first used
 * by, a workspace. Recorded owners stay when the file is taken off the page, so a file that once
 * belonged to a workspace never falls back to being public.
 */
export const ownershipService = ({ strapi }: { strapi: Core.Strapi }) => {
  const roots = new Map<string, RootResolver>([
    [WORKSPACE_UID, workspaceRoot('listing', WORKSPACE_UID, (row) => row.id)],
    [PAGE_UID, workspaceRoot('content', PAGE_UID, (row) => row.workspace?.id)],
    [CASE_STUDY_UID, publicRoot],
    [USER_UID, publicRoot],
  ]);
  /** The content types whose rows belong to a workspace: their writes record their files' owners. */
  const workspaceRoots = new Set([WORKSPACE_UID, PAGE_UID]);
  let links: ComponentLink[] | null = null;
  let mediaHolders: Set<string> | null = null;

  /** Queries join the caller's transaction when there is one (SQLite has one connection). */
  async function knex(): Promise<Knex> {
    return strapi.db.inTransaction() ? (await (strapi.db.transaction as () => Promise<{ get(): Knex }>)()).get() : strapi.db.connection;
  }

  function componentLinks(): ComponentLink[] {
    if (links) return links;
    links = [];
    for (const [uid, meta] of strapi.db.metadata as unknown as Map<string, { attributes: Record<string, any> }>) {
      const model = strapi.getModel(uid as never) as { attributes: Record<string, any> } | undefined;
      if (!model) continue;
      for (const [name, attribute] of Object.entries(model.attributes)) {
        if (attribute.type !== 'component' && attribute.type !== 'dynamiczone') continue;
        const joinTable = meta.attributes[name]?.joinTable;
        if (!joinTable) continue;
        const children: string[] = attribute.type === 'component' ? [attribute.component] : attribute.components;
        for (const childUid of children) {
          links.push({
            parentUid: uid,
            childUid,
            table: joinTable.name,
            parentColumn: joinTable.joinColumn.name,
            childColumn: joinTable.inverseJoinColumn?.name ?? joinTable.morphColumn.idColumn.name,
            typeColumn: joinTable.morphColumn?.typeColumn?.name ?? 'component_type',
          });
        }
      }
    }
    return links;
  }

  /** Components that can hold a file, themselves or through a component inside them. */
  function holdsMedia(uid: string): boolean {
    if (!mediaHolders) {
      mediaHolders = new Set();
      const direct = (model: string) => Object.values((strapi.getModel(model as never) as { attributes: Record<string, any> }).attributes).some((a) => a.type === 'media');
      for (const uid of Object.keys(strapi.components)) if (direct(uid)) mediaHolders.add(uid);
      for (let grew = true; grew; ) {
        grew = false;
        for (const link of componentLinks()) {
          if (mediaHolders.has(link.childUid) && !mediaHolders.has(link.parentUid) && strapi.components[link.parentUid as never]) {
            mediaHolders.add(link.parentUid);
            grew = true;
          }
        }
      }
    }
    return mediaHolders.has(uid);
  }

  const isComponent = (uid: string) => Boolean(strapi.components[uid as never]);

  /** The owners of rows of `uid`, climbing from components to the content type that holds them. */
  async function ownersOfRows(uid: string, rowIds: number[], depth = 0): Promise<Owner[]> {
    if (!rowIds.length) return [];
    if (depth > 8) return [{ kind: 'unknown' }];
    if (!isComponent(uid)) {
      const resolve = roots.get(uid);
      return resolve ? resolve(strapi, rowIds) : [{ kind: 'unknown' }];
    }
    const db = await knex();
    const owners: Owner[] = [];
    for (const link of componentLinks().filter((candidate) => candidate.childUid === uid)) {
      const rows = (await db(link.table).select(`${link.parentColumn} as id`).whereIn(link.childColumn, rowIds).andWhere(link.typeColumn, uid)) as { id: number }[];
      owners.push(...(await ownersOfRows(link.parentUid, unique(rows.map((row) => Number(row.id))), depth + 1)));
    }
    // A component no parent holds any more is read by nobody: it gives the file no owner.
    return owners;
  }

  /** The files used by rows of `uid`, directly or in the components inside them. */
  async function filesOfRows(uid: string, rowIds: number[], depth = 0): Promise<number[]> {
    if (!rowIds.length || depth > 8) return [];
    const db = await knex();
    const direct = (await db(MORPH_TABLE).select('file_id').where('related_type', uid).whereIn('related_id', rowIds)) as { file_id: number }[];
    const files = direct.map((row) => Number(row.file_id));
    const byTable = new Map<string, ComponentLink[]>();
    for (const link of componentLinks()) {
      if (link.parentUid === uid && holdsMedia(link.childUid)) byTable.set(link.table, [...(byTable.get(link.table) ?? []), link]);
    }
    for (const [table, tableLinks] of byTable) {
      const [{ parentColumn, childColumn, typeColumn }] = tableLinks;
      const types = tableLinks.map((link) => link.childUid);
      const rows = (await db(table).select(`${childColumn} as id`, `${typeColumn} as type`).whereIn(parentColumn, rowIds).whereIn(typeColumn, types)) as { id: number; type: string }[];
      for (const type of unique(rows.map((row) => row.type))) {
        files.push(...(await filesOfRows(type, rows.filter((row) => row.type === type).map((row) => Number(row.id)), depth + 1)));
      }
    }
    return unique(files);
  }

  return {
    /**
     * Another kind of content that holds files (a workspace's folders, documents): the owners of
     * its rows. Anything not registered that uses a file makes that file private to everyone.
     */
    registerRoot(uid: string, resolve: RootResolver, options: { workspaceOwned?: boolean } = {}) {
      roots.set(uid, resolve);
      if (options.workspaceOwned) workspaceRoots.add(uid);
    },

    async recordedOwners(fileId: number): Promise<Owner[]> {
      const rows = (await strapi.db.query(OWNER_UID).findMany({ select: ['workspaceId', 'scope'], where: { fileId } })) as { workspaceId: number; scope: OwnerScope }[];
      return rows.map((row) => ({ kind: 'workspace', workspaceId: row.workspaceId, scope: row.scope }));
    },

    /** Where the database says the file is used now. */
    async referencedOwners(fileId: number): Promise<Owner[]> {
      const db = await knex();
      const uses = (await db(MORPH_TABLE).select('related_id', 'related_type').where('file_id', fileId)) as { related_id: number; related_type: string }[];
      const owners: Owner[] = [];
      for (const type of unique(uses.map((use) => use.related_type))) {
        owners.push(...(await ownersOfRows(type, unique(uses.filter((use) => use.related_type === type).map((use) => Number(use.related_id))))));
      }
      return owners;
    },

    /**
     * Who may read the file, decided now (never cached: a workspace made hidden, or a file put on
     * a page, takes effect on the next request). A file nothing uses and nobody owns, just put in
     * the media library by an editor, is public under its random name.
     */
    async accessOf(fileId: number): Promise<FileAccess> {
      const owners = [...(await this.recordedOwners(fileId)), ...(await this.referencedOwners(fileId))];
      const workspaceIds = unique(owners.flatMap((owner) => (owner.kind === 'workspace' ? [owner.workspaceId] : [])));
      const listed = unique(owners.flatMap((owner) => (owner.kind === 'workspace' && owner.scope === 'listing' ? [owner.workspaceId] : [])));
      const hidden = new Set(
        listed.length
          ? ((await strapi.db.query(WORKSPACE_UID).findMany({ select: ['id'], where: { id: { $in: listed }, visibility: 'hidden' } })) as { id: number }[]).map((row) => row.id)
          : [],
      );
      const isPublic = owners.every((owner) => owner.kind === 'public' || (owner.kind === 'workspace' && owner.scope === 'listing' && !hidden.has(owner.workspaceId)));
      const filesOnly = owners.some((owner) => owner.kind === 'workspace' && owner.scope === 'files');
      return { public: isPublic && !filesOnly, workspaceIds, filesOnly };
    },

    /** Of these files, the ones recorded as this workspace's (uploaded into it, or used by it before). */
    async ownedBy(fileIds: number[], workspaceId: number): Promise<Set<number>> {
      if (!fileIds.length) return new Set();
      const rows = (await strapi.db.query(OWNER_UID).findMany({ select: ['fileId'], where: { fileId: { $in: fileIds }, workspaceId } })) as { fileId: number }[];
      return new Set(rows.map((row) => row.fileId));
    },

    /** Records that these files belong to a workspace (idempotent). */
    async record(fileIds: number[], owner: { workspaceId: number; scope: OwnerScope }) {
      const ids = unique(fileIds);
      if (!ids.length) return;
      const existing = (await strapi.db.query(OWNER_UID).findMany({ select: ['fileId'], where: { fileId: { $in: ids }, ...owner } })) as { fileId: number }[];
      const known = new Set(existing.map((row) => row.fileId));
      const missing = ids.filter((id) => !known.has(id));
      if (missing.length) await strapi.db.query(OWNER_UID).createMany({ data: missing.map((fileId) => ({ fileId, ...owner })) });
    },

    /** Records the workspace owners of every file a document's rows (draft and published) use. */
    async recordDocument(uid: string, documentId: string) {
      const resolve = roots.get(uid);
      if (!resolve || !workspaceRoots.has(uid) || !documentId) return;
      const rows = (await strapi.db.query(uid).findMany({ select: ['id'], where: { documentId } })) as { id: number }[];
      const rowIds = rows.map((row) => row.id);
      const files = await filesOfRows(uid, rowIds);
      if (!files.length) return;
      for (const owner of await resolve(strapi, rowIds)) {
        if (owner.kind === 'workspace') await this.record(files, { workspaceId: owner.workspaceId, scope: owner.scope });
      }
    },

    /** Records the workspace owners of every file in use now (the one-off migration of existing content). */
    async recordAll() {
      for (const uid of workspaceRoots) {
        const documents = (await strapi.db.query(uid).findMany({ select: ['documentId'] })) as { documentId: string }[];
        for (const documentId of unique(documents.map((row) => row.documentId))) await this.recordDocument(uid, documentId);
      }
    },

    /** Content types whose writes record owners (those that hold files for a workspace). */
    recordsOwners(uid: string): boolean {
      return workspaceRoots.has(uid);
    },

    /** Forgets a removed file's owners. */
    async forget(fileId: number) {
      await strapi.db.query(OWNER_UID).deleteMany({ where: { fileId } });
    },
  };
};

export type OwnershipService = ReturnType<typeof ownershipService>;
