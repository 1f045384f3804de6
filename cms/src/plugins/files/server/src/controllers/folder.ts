import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { actorOf, membershipOf } from './context';
import { folderChangeSchema, folderQuerySchema, folderRefSchema, idSchema, newFolderSchema, parse } from './validation';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const folders = () => getService(strapi, 'folders');

  return {
    async show(ctx: any) {
      const { workspace, access } = membershipOf(ctx);
      const ref = parse(folderRefSchema, ctx.params.folder);
      const query = parse(folderQuerySchema, ctx.query);
      ctx.body = { data: await folders().show({ workspace, access, viewerId: ctx.state.user?.id ?? null }, ref, query) };
    },

    async create(ctx: any) {
      const input = parse(newFolderSchema, ctx.request.body);
      ctx.status = 201;
      ctx.body = { data: await folders().create(actorOf(ctx), input) };
    },

    async update(ctx: any) {
      const id = parse(idSchema('The folder id'), ctx.params.folder);
      const body = ctx.request.body ?? {};
      const input = parse(folderChangeSchema, body);
      if (!('description' in body)) delete (input as { description?: unknown }).description;
      ctx.body = { data: await folders().update(actorOf(ctx), id, input) };
    },

    async remove(ctx: any) {
      await folders().remove(actorOf(ctx), parse(idSchema('The folder id'), ctx.params.folder));
      ctx.body = { data: { ok: true } };
    },
  };
};
