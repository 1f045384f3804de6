import { DOCUMENT_IMAGE_SOURCE } from '@futurenhs/contract/document-schema';
import { EXPORT_TYPES, type ExportFormat } from '@futurenhs/contract';
import type { Core } from '@strapi/strapi';
import sharp from 'sharp';
import { storage } from '../../../../storage/server/src/contract';
import { documentDocx, documentPdf } from '../render';
import type { WorkspaceRef } from '../utils';
import { getService } from '../utils';

/** Pictures larger than this are left out of an export (their alt text stands in). */
const IMAGE_MAX_BYTES = 20 * 1024 * 1024;
/** Wide enough for a page at print resolution; larger pictures are scaled down first. */
const IMAGE_MAX_WIDTH = 1600;

/**
 * DOCX and PDF of a document's stored content (docs/documents.md#exports). Its pictures are the
 * workspace's own image files, read with the same checks as their preview (live, this workspace's,
 * clean where scanning is on) and re-encoded as PNG: a picture from anywhere else is never fetched.
 */
export const exportsService = ({ strapi }: { strapi: Core.Strapi }) => {
  async function resolveImage(workspace: WorkspaceRef, src: string) {
    const match = DOCUMENT_IMAGE_SOURCE.exec(src);
    if (!match || match[1] !== workspace.slug) return null;
    try {
      const download = await strapi.plugin('files').service('download').find(workspace, Number(match[2]), undefined, { preview: true });
      if (!String(download.served.mime).startsWith('image/')) return null;
      const opened = await storage(strapi).files.open(download.served);
      if (!opened) return null;
      const chunks: Buffer[] = [];
      let size = 0;
      for await (const chunk of opened.body) {
        size += chunk.length;
        if (size > IMAGE_MAX_BYTES) {
          opened.body.destroy();
          return null;
        }
        chunks.push(chunk as Buffer);
      }
      const { data, info } = await sharp(Buffer.concat(chunks), { limitInputPixels: 50_000_000 })
        .resize({ width: IMAGE_MAX_WIDTH, withoutEnlargement: true })
        .png()
        .toBuffer({ resolveWithObject: true });
      return { data, type: 'png' as const, width: info.width, height: info.height };
    } catch {
      return null;
    }
  }

  return {
    async export(workspace: WorkspaceRef, itemId: number, name: string, format: ExportFormat): Promise<{ body: Buffer; type: string; filename: string }> {
      const { json } = await getService(strapi, 'versions').current(itemId);
      const options = { title: name, resolveImage: (src: string) => resolveImage(workspace, src) };
      const body = format === 'docx' ? await documentDocx(json, options) : await documentPdf(json, options);
      return { body, type: EXPORT_TYPES[format], filename: `${name}.${format}` };
    },
  };
};
