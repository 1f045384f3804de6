import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import sharp from 'sharp';
import { FILE_UID, IMAGE_FORMATS, IMAGE_MAX_BYTES, IMAGE_MAX_PIXELS, IMAGE_MAX_WIDTH, PRIVATE_IMAGE_PATTERN } from '../constants';
import { fieldError } from '../utils';
import type { MediaOut } from './blocks';

const { NotFoundError } = errors;
const NO_IMAGE = 'This image does not exist';
const NOT_AN_IMAGE = 'The file must be a JPG, PNG, WebP or GIF image';

export interface UploadedFile {
  filepath: string;
  size: number;
  originalFilename?: string | null;
}

/**
 * Images managers put on their workspace's pages. The bytes decide what a file is (never its name
 * or declared type): JPEG, PNG, WebP and GIF are accepted, anything else (SVG, HTML, ...) is
 * refused. Each is re-encoded as WebP at most 1600 px wide, which also drops EXIF (camera,
 * location). They are stored through Strapi's upload provider under a name that marks them
 * private (`workspace_<id>_<random>.webp`, no responsive copies): the /uploads guard answers 404
 * for them, and members read them through `GET …/images/:file` after the workspace's access check.
 */
export const imagesService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async upload(workspaceId: number, file: UploadedFile | undefined): Promise<MediaOut> {
    if (!file?.filepath) throw fieldError(['file'], 'Choose an image to upload');
    if (file.size > IMAGE_MAX_BYTES) throw fieldError(['file'], 'The image must be 10 MB or smaller');
    let format: string | undefined;
    try {
      ({ format } = await sharp(file.filepath, { limitInputPixels: IMAGE_MAX_PIXELS }).metadata());
    } catch (error) {
      if (/pixel limit/i.test((error as Error).message)) throw fieldError(['file'], 'The image must be at most 40 megapixels');
      throw fieldError(['file'], NOT_AN_IMAGE);
    }
    if (!format || !IMAGE_FORMATS.has(format)) throw fieldError(['file'], NOT_AN_IMAGE);

    let output: { data: Buffer; info: { width: number; height: number } };
    try {
      output = await sharp(file.filepath, { limitInputPixels: IMAGE_MAX_PIXELS, animated: false })
        .rotate()
        .resize({ width: IMAGE_MAX_WIDTH, withoutEnlargement: true })
        .webp({ quality: 82 })
        .toBuffer({ resolveWithObject: true });
    } catch (error) {
      if (/pixel limit/i.test((error as Error).message)) throw fieldError(['file'], 'The image must be at most 40 megapixels');
      throw fieldError(['file'], 'This image could not be read: it may be damaged. Try saving it again as a JPG or PNG');
    }
    const hash = `workspace_${workspaceId}_${randomBytes(12).toString('hex')}`;
    const config = strapi.config.get('plugin::upload') as { provider?: string } | undefined;
    const entry: Record<string, unknown> = {
      name: `${hash}.webp`,
      hash,
      ext: '.webp',
      mime: 'image/webp',
      size: Math.round((output.data.length / 1000) * 100) / 100,
      sizeInBytes: output.data.length,
      width: output.info.width,
      height: output.info.height,
      folderPath: '/',
      getStream: () => Readable.from(output.data),
    };
    // The provider, not the upload service: the service would add thumbnails and responsive copies.
    await strapi.plugin('upload').service('provider').upload(entry);
    const { getStream: _getStream, ...data } = entry;
    const row = (await strapi.db.query(FILE_UID).create({ data: { ...data, provider: config?.provider ?? 'local' } })) as MediaOut & { url: string };
    return { id: row.id, url: row.url, width: row.width ?? null, height: row.height ?? null, mime: row.mime ?? null };
  },

  /** The bytes of one of this workspace's images, or 404 (whatever the reason: never says whose it is). */
  async read(workspaceId: number, name: string): Promise<{ body: Buffer; mime: string }> {
    const match = PRIVATE_IMAGE_PATTERN.exec(name);
    if (!match || Number(match[1]) !== workspaceId) throw new NotFoundError(NO_IMAGE);
    const row = (await strapi.db.query(FILE_UID).findOne({ select: ['id', 'url', 'mime', 'provider', 'hash', 'ext'], where: { hash: name.slice(0, -'.webp'.length), ext: '.webp' } })) as {
      id: number;
      url: string;
      mime: string;
      provider: string;
    } | null;
    if (!row) throw new NotFoundError(NO_IMAGE);
    if (row.provider === 'local') {
      try {
        return { body: await readFile(join(strapi.dirs.static.public, 'uploads', name)), mime: 'image/webp' };
      } catch {
        throw new NotFoundError(NO_IMAGE);
      }
    }
    // Another provider (S3 and the like): its (signed, when private) URL, read here so the viewer never sees it.
    const signed = (await strapi.plugin('upload').service('file').signFileUrls(row)) as { url: string };
    const response = await fetch(signed.url, { signal: AbortSignal.timeout(10_000) });
    if (!response.ok) throw new NotFoundError(NO_IMAGE);
    return { body: Buffer.from(await response.arrayBuffer()), mime: 'image/webp' };
  },
});

export type ImagesService = ReturnType<typeof imagesService>;
