import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService, storage, viewerId } from '../utils';
import { membershipOf } from './context';
import { idSchema, parse, versionQuerySchema } from './validation';

/** Downloads (always an attachment) and previews (inline, PDF and raster images only). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  async function serve(ctx: any, preview: boolean) {
    const { workspace } = membershipOf(ctx);
    const id = parse(idSchema('The file id'), ctx.params.id);
    const { version } = parse(versionQuerySchema, ctx.query);
    const download = await getService(strapi, 'download').find(workspace, id, version, { preview });
    const sent = await storage(strapi).files.send(ctx, download.served, { disposition: preview ? 'inline' : 'attachment', filename: download.filename });
    if (!sent) throw new errors.NotFoundError('This file does not exist');
    if (ctx.status !== 416) await getService(strapi, 'download').audit(workspace, viewerId(ctx), download, ctx.get('range') || undefined, preview);
  }

  return {
    download: (ctx: any) => serve(ctx, false),
    preview: (ctx: any) => serve(ctx, true),
  };
};
