import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService, storage, viewerId } from '../utils';
import { membershipOf } from './context';
import { idSchema, parse, versionQuerySchema } from './validation';

/**
 * Whether this answer begins a reading, which is audited once: it sends the first byte (the whole
 * file, or a range from its start). Decided from what was sent, not from the Range header asked
 * for: a range the server does not honour (malformed, several) gets the whole file, and a range
 * past the first byte continues a reading (a resumed download, a PDF viewer fetching pages). A
 * HEAD request sends no bytes.
 */
function beginsReading(ctx: any): boolean {
  if (ctx.method === 'HEAD') return false;
  if (ctx.status === 200) return true;
  return ctx.status === 206 && /^bytes 0-/.test(String(ctx.response.get('content-range') ?? ''));
}

/** Downloads (always an attachment) and previews (inline, PDF and raster images only). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  async function serve(ctx: any, preview: boolean) {
    const { workspace } = membershipOf(ctx);
    const id = parse(idSchema('The file id'), ctx.params.id);
    const { version } = parse(versionQuerySchema, ctx.query);
    const download = await getService(strapi, 'download').find(workspace, id, version, { preview });
    const sent = await storage(strapi).files.send(ctx, download.served, { disposition: preview ? 'inline' : 'attachment', filename: download.filename });
    if (!sent) throw new errors.NotFoundError('This file does not exist');
    if (beginsReading(ctx)) await getService(strapi, 'download').audit(workspace, viewerId(ctx), download, preview);
  }

  return {
    download: (ctx: any) => serve(ctx, false),
    preview: (ctx: any) => serve(ctx, true),
  };
};
