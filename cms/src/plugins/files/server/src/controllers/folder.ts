import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { actorOf, membershipOf } from './context';
import { siteChanged } from '../services/site-changed';
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
      const actor = actorOf(ctx);
      ctx.status = 201;
      ctx.body = { data: await folders().create(actor, input) };
      await siteChanged(strapi, actor.workspace, 'folder created');
    },

    async update(ctx: any) {
      const id = parse(idSchema('The folder id'), ctx.params.folder);
      const body = ctx.request.body ?? {};
      const input = parse(folderChangeSchema, body);
      if (!('description' in body)) delete (input as { description?: unknown }).description;
      const actor = actorOf(ctx);
      ctx.body = { data: await folders().update(actor, id, input) };
      await siteChanged(strapi, actor.workspace, 'folder changed');
    },

    async remove(ctx: any) {
      const actor = actorOf(ctx);
      await folders().remove(actor, parse(idSchema('The folder id'), ctx.params.folder));
      ctx.body = { data: { ok: true } };
      await siteChanged(strapi, actor.workspace, 'folder deleted');
    },
  };
};
