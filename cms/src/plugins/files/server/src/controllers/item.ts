import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { actorOf, dropUploads, membershipOf, uploadsOf } from './context';
import { siteChanged } from '../services/site-changed';
import { folderRefSchema, idSchema, itemChangeSchema, parse, uploadFieldsSchema, versionFieldsSchema } from './validation';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const items = () => getService(strapi, 'items');
  const id = (ctx: any) => parse(idSchema('The file id'), ctx.params.id);

  return {
    async show(ctx: any) {
      const { workspace, access } = membershipOf(ctx);
      ctx.body = { data: await items().show({ workspace, access, viewerId: ctx.state.user?.id ?? null }, id(ctx)) };
    },

    async upload(ctx: any) {
      try {
        const folder = parse(folderRefSchema, ctx.params.folder);
        const { description } = parse(uploadFieldsSchema, ctx.request.body);
        const actor = actorOf(ctx);
        ctx.status = 201;
        ctx.body = { data: { items: await items().upload(actor, folder, uploadsOf(ctx, 'files'), description) } };
        await siteChanged(strapi, actor.workspace, 'files uploaded');
      } finally {
        await dropUploads(ctx);
      }
    },

    async addVersion(ctx: any) {
      try {
        const { comment } = parse(versionFieldsSchema, ctx.request.body);
        const actor = actorOf(ctx);
        ctx.status = 201;
        ctx.body = { data: await items().addVersion(actor, id(ctx), uploadsOf(ctx, 'file')[0], comment) };
        await siteChanged(strapi, actor.workspace, 'new version');
      } finally {
        await dropUploads(ctx);
      }
    },

    async restoreVersion(ctx: any) {
      const number = parse(idSchema('The version'), ctx.params.number);
      const { comment } = parse(versionFieldsSchema, ctx.request.body);
      const actor = actorOf(ctx);
      ctx.body = { data: await items().restoreVersion(actor, id(ctx), number, comment) };
      await siteChanged(strapi, actor.workspace, 'version restored');
    },

    async update(ctx: any) {
      const body = ctx.request.body ?? {};
      const input = parse(itemChangeSchema, body);
      if (!('description' in body)) delete (input as { description?: unknown }).description;
      const actor = actorOf(ctx);
      ctx.body = { data: await items().update(actor, id(ctx), input) };
      await siteChanged(strapi, actor.workspace, 'file changed');
    },

    async remove(ctx: any) {
      const actor = actorOf(ctx);
      await items().remove(actor, id(ctx));
      ctx.body = { data: { ok: true } };
      await siteChanged(strapi, actor.workspace, 'file deleted');
    },
  };
};
