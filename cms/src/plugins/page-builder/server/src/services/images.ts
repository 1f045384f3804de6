import { Readable } from 'node:stream';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import sharp from 'sharp';
import { FILE_UID, IMAGE_FORMATS, IMAGE_MAX_BYTES, IMAGE_MAX_PIXELS, IMAGE_MAX_WIDTH, SERVED_IMAGE_TYPES } from '../constants';
import { fieldError, storage, type ServedFile } from '../utils';
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
 * location). They are stored through Strapi's upload provider under a random name (no responsive
 * copies) and recorded as the workspace's own (the storage plugin), so /uploads never serves
 * them: members read them through `GET …/images/:file` after the workspace's access check.
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
    const hash = storage(strapi).files.randomName();
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
    const row = await strapi.db.transaction(async () => {
      const created = (await strapi.db.query(FILE_UID).create({ data: { ...data, provider: config?.provider ?? 'local' } })) as MediaOut & { url: string };
      await storage(strapi).ownership.record([created.id], { workspaceId, scope: 'content' });
      return created;
    });
    return { id: row.id, url: row.url, width: row.width ?? null, height: row.height ?? null, mime: row.mime ?? null };
  },

  /**
   * One of the images this workspace's readers may see (its own, or a public one such as a case
   * study's shown in a highlight), by its stored name, or 404 whatever the reason: never says
   * whose it is.
   */
  async find(workspaceId: number, name: string): Promise<ServedFile> {
    const served = await storage(strapi).files.findByName(name);
    if (!served || !SERVED_IMAGE_TYPES.has(served.mime)) throw new NotFoundError(NO_IMAGE);
    const access = await storage(strapi).ownership.accessOf(served.file.id);
    // A workspace file's version is served by the files plugin alone (its bin and virus check).
    if (access.filesOnly || (!access.public && !access.workspaceIds.includes(workspaceId))) throw new NotFoundError(NO_IMAGE);
    return served;
  },
});

export type ImagesService = ReturnType<typeof imagesService>;
