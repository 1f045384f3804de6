import { posix } from 'node:path';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { FILE_UID, MORPH_TABLE, OWNER_UID, UPLOADS_PREFIX } from './constants';
import { randomStoredHash, SANDBOX } from './services/stored-files';
import { getService } from './utils';

/** Bump to run the migration of stored files (names, recorded owners) again, once. */
const MIGRATION_VERSION = 1;
const RECORDING_ACTIONS = new Set(['create', 'update', 'publish', 'discardDraft']);

/** The path a static-file server would serve for this request, decoded and normalised ('' if it cannot be decoded). */
function servedPath(path: string): string {
  let decoded: string;
  try {
    decoded = decodeURIComponent(path);
  } catch {
    return '';
  }
  return posix.normalize(decoded.replace(/\\/g, '/'));
}

function notFound(ctx: any) {
  ctx.status = 404;
  ctx.body = { data: null, error: { status: 404, name: 'NotFoundError', message: 'Not Found', details: {} } };
}

/**
 * The static /uploads path serves a file only when its owners make it public (see the ownership
 * service): anything of a workspace's, anything used by content no rule knows, any name that
 * is not a stored file, and any spelling that cannot be decoded answer 404, exactly as a file
 * that does not exist. Added in `register`, so it runs before every other middleware and route
 * (the upload plugin's own /uploads route, Strapi's public folder).
 */
function guardStaticUploads(strapi: Core.Strapi) {
  strapi.server.use(async (ctx: any, next: () => Promise<void>) => {
    const path = servedPath(ctx.path);
    const uploads = path === '' ? /uploads/i.test(ctx.path) : path === '/uploads' || path.startsWith(UPLOADS_PREFIX);
    if (!uploads) return next();
    const name = path.slice(UPLOADS_PREFIX.length);
    const served = path && name && !name.includes('/') ? await getService(strapi, 'stored-files').findByName(name) : null;
    if (!served || !(await getService(strapi, 'ownership').accessOf(served.file.id)).public) return notFound(ctx);
    await next();
    // After the security middleware, whose policy is the admin panel's: a stored file runs nothing.
    ctx.set('x-content-type-options', 'nosniff');
    ctx.set('content-security-policy', SANDBOX);
  });
}

/** Files put on a workspace's page or cover stay that workspace's, even once taken off again. */
function recordOwnersOnWrite(strapi: Core.Strapi) {
  strapi.documents.use(async (context, next) => {
    const result = await next();
    const ownership = getService(strapi, 'ownership');
    if (RECORDING_ACTIONS.has(context.action) && ownership.recordsOwners(context.uid)) {
      const documentId = (result as { documentId?: string } | null)?.documentId ?? (context.params as { documentId?: string }).documentId;
      if (documentId) await ownership.recordDocument(context.uid, documentId);
    }
    return result;
  });
}

/** Every name the upload plugin gives a new file is random: it never carries the uploaded file's name. */
function randomNames(strapi: Core.Strapi) {
  const naming = strapi.plugin('upload').service('image-manipulation') as { generateFileName(name: string): string };
  naming.generateFileName = () => randomStoredHash();
}

async function ensureIndexes(strapi: Core.Strapi) {
  const knex = strapi.db.connection;
  const owners = strapi.db.metadata.get(OWNER_UID as never) as unknown as { tableName: string; attributes: Record<string, { columnName?: string }> };
  const files = strapi.db.metadata.get(FILE_UID as never) as unknown as { tableName: string };
  const indexes: [string, string, string[]][] = [
    ['storage_owners_file_idx', owners.tableName, [owners.attributes.fileId.columnName ?? 'file_id']],
    ['storage_files_hash_idx', files.tableName, ['hash']],
    ['storage_files_related_idx', MORPH_TABLE, ['related_type', 'related_id']],
  ];
  for (const [name, table, columns] of indexes) {
    await knex.raw(`CREATE INDEX IF NOT EXISTS ?? ON ?? (${columns.map(() => '??').join(', ')})`, [name, table, ...columns]);
  }
}

export function register(strapi: Core.Strapi) {
  guardStaticUploads(strapi);
  recordOwnersOnWrite(strapi);
  randomNames(strapi);
}

/** Whether this write comes from the Strapi admin panel (an admin's session), not from a plugin's service. */
function fromAdminPanel(strapi: Core.Strapi): boolean {
  const ctx = strapi.requestContext.get() as any;
  return ctx?.state?.auth?.strategy?.name === 'admin';
}

/**
 * A workspace file's versions are its members' record (their bytes, their SHA-256, their audit
 * log): the admin's media library may not replace, rename or delete them, whatever an admin may
 * do to other media. They change only through the files plugin's routes. Guarded at the upload
 * service, before it touches the provider: its replace writes the new bytes before the row.
 */
function guardWorkspaceFiles(strapi: Core.Strapi) {
  const upload = strapi.plugin('upload').service('upload') as Record<'replace' | 'updateFileInfo' | 'remove', (...args: any[]) => Promise<unknown>>;
  const refuseFromAdmin = async (fileId: unknown) => {
    if (!fromAdminPanel(strapi) || typeof fileId !== 'number' && typeof fileId !== 'string') return;
    const kept = await strapi.db.query(OWNER_UID).count({ where: { fileId: Number(fileId), scope: 'files' } });
    if (kept > 0) throw new errors.ForbiddenError("This file is a version of a workspace's file: it is changed or deleted in that workspace's files, by its members");
  };
  for (const method of ['replace', 'updateFileInfo'] as const) {
    const original = upload[method].bind(upload);
    upload[method] = async (id: unknown, ...rest: unknown[]) => {
      await refuseFromAdmin(id);
      return original(id, ...rest);
    };
  }
  const remove = upload.remove.bind(upload);
  upload.remove = async (file: { id?: unknown }, ...rest: unknown[]) => {
    await refuseFromAdmin(file?.id);
    return remove(file, ...rest);
  };
}

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await ensureIndexes(strapi);
  guardWorkspaceFiles(strapi);
  strapi.db.lifecycles.subscribe({
    models: [FILE_UID],
    async afterDelete(event: { result?: { id?: number } }) {
      if (event.result?.id) await getService(strapi, 'ownership').forget(event.result.id);
    },
  });
  const store = strapi.store({ type: 'plugin', name: 'storage' });
  if ((await store.get({ key: 'migration' })) !== MIGRATION_VERSION) {
    await getService(strapi, 'migration').run();
    await store.set({ key: 'migration', value: MIGRATION_VERSION });
  }
};
