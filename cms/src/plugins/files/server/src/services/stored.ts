import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Core } from '@strapi/strapi';
import { uploadLimitBytes } from '@futurenhs/contract';
import { STORED_FILE_UID } from '../constants';
import { inspectUpload, scannerFromEnv, type Inspected } from '../inspection';
import { storage, type ServedFile } from '../utils';

/** A file as the body parser left it on disk (formidable). */
export interface UploadedFile {
  filepath: string;
  size: number;
  originalFilename?: string | null;
}

export interface StoredBytes extends Inspected {
  storedFileId: number;
  sha256: string;
  size: number;
}

const STORED_FIELDS = ['id', 'hash', 'ext', 'mime', 'url', 'provider', 'formats'];

async function sha256Of(path: string): Promise<string> {
  const hash = createHash('sha256');
  await pipeline(createReadStream(path), hash);
  return hash.digest('hex');
}

/**
 * The bytes of every version, stored through Strapi's upload provider (local disk by default,
 * S3-compatible by configuration) under a random name, streamed from the upload's temporary file
 * (never held in memory), and recorded as the workspace's own, so /uploads never serves them
 * (the storage plugin). What a file is comes from its bytes (inspection/).
 */
export const storedService = ({ strapi }: { strapi: Core.Strapi }) => ({
  /** The upload size limit (FILES_MAX_MB). */
  maxBytes: () => uploadLimitBytes(process.env),

  /** Whether new versions wait for a virus check before anyone may download them. */
  scanning(): boolean {
    return scannerFromEnv() !== null;
  },

  /** What the file is, by its bytes, under the name it will carry; throws InspectionRefusal. */
  async inspect(upload: UploadedFile, name: string): Promise<Inspected> {
    return inspectUpload(upload.filepath, name, { maxBytes: this.maxBytes() });
  },

  async store(workspaceId: number, upload: UploadedFile, inspected: Inspected): Promise<StoredBytes> {
    const sha256 = await sha256Of(upload.filepath);
    const hash = storage(strapi).files.randomName();
    const config = strapi.config.get('plugin::upload') as { provider?: string } | undefined;
    const entry: Record<string, unknown> = {
      name: `${hash}${inspected.ext}`,
      hash,
      ext: inspected.ext,
      mime: inspected.mime,
      size: Math.round((upload.size / 1000) * 100) / 100,
      sizeInBytes: upload.size,
      folderPath: '/',
      getStream: () => createReadStream(upload.filepath),
    };
    // The provider, not the upload service: the service would add thumbnails and responsive copies.
    await strapi.plugin('upload').service('provider').upload(entry);
    const { getStream: _getStream, ...data } = entry;
    try {
      const row = (await strapi.db.transaction(async () => {
        const created = (await strapi.db.query(STORED_FILE_UID).create({ data: { ...data, provider: config?.provider ?? 'local' } })) as { id: number };
        await storage(strapi).ownership.record([created.id], { workspaceId, scope: 'files' });
        return created;
      })) as { id: number };
      return { ...inspected, storedFileId: row.id, sha256, size: upload.size };
    } catch (error) {
      await strapi.plugin('upload').provider.delete(entry).catch(() => undefined);
      throw error;
    }
  },

  /** The stored object behind a version, as the storage plugin serves it, or null if it is gone. */
  async served(storedFileId: number, mime: string): Promise<ServedFile | null> {
    const file = (await strapi.db.query(STORED_FILE_UID).findOne({ select: STORED_FIELDS, where: { id: storedFileId } })) as ServedFile['file'] | null;
    if (!file?.url) return null;
    return { file, name: basename(file.url.split(/[?#]/)[0] ?? ''), mime, url: file.url };
  },

  /** Deletes stored objects for good (the bin's purge), from the provider and the media library. */
  async remove(storedFileIds: number[]): Promise<void> {
    const unique = [...new Set(storedFileIds)];
    if (unique.length === 0) return;
    const rows = (await strapi.db.query(STORED_FILE_UID).findMany({ where: { id: { $in: unique } } })) as object[];
    for (const row of rows) await strapi.plugin('upload').service('upload').remove(row);
  },

  /**
   * Runs `work` with a path to the stored bytes: the file itself on local disk, otherwise a
   * temporary copy streamed from the provider (deleted afterwards). For the scanner and text extraction.
   */
  async withLocalPath<T>(served: ServedFile, work: (path: string) => Promise<T>): Promise<T | null> {
    if (served.file.provider === 'local') return work(join(strapi.dirs.static.public, 'uploads', served.name));
    const opened = await storage(strapi).files.open(served);
    if (!opened) return null;
    const dir = await mkdtemp(join(tmpdir(), 'futurenhs-file-'));
    try {
      const path = join(dir, served.name);
      await pipeline(opened.body, createWriteStream(path));
      return await work(path);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
});

export type StoredService = ReturnType<typeof storedService>;
