import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService, storage } from '../utils';
import { membershipOf } from './context';

/** Images of a workspace's pages: managers upload them; whoever may read the workspace reads them. */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async upload(ctx: any) {
    const { workspace } = membershipOf(ctx);
    const files = ctx.request.files ?? {};
    const file = Array.isArray(files.file) ? files.file[0] : files.file;
    ctx.status = 201;
    ctx.body = { data: await getService(strapi, 'images').upload(workspace.id, file) };
  },

  async read(ctx: any) {
    const { workspace } = membershipOf(ctx);
    const served = await getService(strapi, 'images').find(workspace.id, String(ctx.params.file ?? ''));
    if (!(await storage(strapi).files.send(ctx, served))) throw new errors.NotFoundError('This image does not exist');
  },
});
