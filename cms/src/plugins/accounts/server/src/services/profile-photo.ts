import { rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import sharp from 'sharp';
import { USER_UID } from '../constants';

const MAX_BYTES = 5 * 1024 * 1024;
const MAX_PIXELS = 40_000_000;
const SIDE = 400;
/** Decided from the file's content, never its name or declared type; SVG (scriptable) is refused. */
const RASTER_FORMATS = new Set(['jpeg', 'png', 'webp', 'gif']);

const photoError = (message: string) => new errors.ValidationError(message, { errors: [{ path: ['photo'], message }] });

/**
 * A member's photo: checked by content, cropped square, re-encoded (which drops EXIF such as
 * location) and stored through Strapi's upload plugin; the previous photo is deleted.
 */
export const profilePhotoService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async replace(userId: number, file: { filepath: string; size: number } | undefined): Promise<void> {
    if (!file?.filepath) throw photoError('Choose a photo to upload');
    if (file.size > MAX_BYTES) throw photoError('The photo must be smaller than 5 MB');
    let metadata: Awaited<ReturnType<ReturnType<typeof sharp>['metadata']>>;
    try {
      metadata = await sharp(file.filepath, { limitInputPixels: MAX_PIXELS }).metadata();
    } catch {
      throw photoError('The photo must be a JPG, PNG, WebP or GIF image');
    }
    if (!metadata.format || !RASTER_FORMATS.has(metadata.format)) throw photoError('The photo must be a JPG, PNG, WebP or GIF image');

    const resized = await sharp(file.filepath, { limitInputPixels: MAX_PIXELS, animated: false })
      .rotate()
      .resize(SIDE, SIDE, { fit: 'cover', position: 'attention' })
      .webp({ quality: 82 })
      .toBuffer();
    const temporary = join(tmpdir(), `futurenhs-photo-${userId}-${Date.now()}.webp`);
    await writeFile(temporary, resized);
    try {
      const [uploaded] = await strapi.plugin('upload').service('upload').upload({
        data: { fileInfo: { name: `member-${userId}.webp`, alternativeText: '' } },
        files: { filepath: temporary, originalFilename: `member-${userId}.webp`, mimetype: 'image/webp', size: resized.length },
      });
      const previous = await this.current(userId);
      await strapi.db.query(USER_UID).update({ where: { id: userId }, data: { photo: uploaded.id } });
      if (previous) await strapi.plugin('upload').service('upload').remove(previous);
    } finally {
      await rm(temporary, { force: true });
    }
  },

  async remove(userId: number): Promise<void> {
    const previous = await this.current(userId);
    if (!previous) return;
    await strapi.db.query(USER_UID).update({ where: { id: userId }, data: { photo: null } });
    await strapi.plugin('upload').service('upload').remove(previous);
  },

  async current(userId: number) {
    const user = await strapi.db.query(USER_UID).findOne({ select: ['id'], where: { id: userId }, populate: { photo: true } });
    return user?.photo ?? null;
  },
});

export type ProfilePhotoService = ReturnType<typeof profilePhotoService>;
