import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { actorOf, dropUploads, membershipOf, uploadsOf } from './context';
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
        ctx.status = 201;
        ctx.body = { data: { items: await items().upload(actorOf(ctx), folder, uploadsOf(ctx, 'files'), description) } };
      } finally {
        await dropUploads(ctx);
      }
    },

    async addVersion(ctx: any) {
      try {
        const { comment } = parse(versionFieldsSchema, ctx.request.body);
        ctx.status = 201;
        ctx.body = { data: await items().addVersion(actorOf(ctx), id(ctx), uploadsOf(ctx, 'file')[0], comment) };
      } finally {
        await dropUploads(ctx);
      }
    },

    async restoreVersion(ctx: any) {
      const number = parse(idSchema('The version'), ctx.params.number);
      const { comment } = parse(versionFieldsSchema, ctx.request.body);
      ctx.body = { data: await items().restoreVersion(actorOf(ctx), id(ctx), number, comment) };
    },

    async update(ctx: any) {
      const body = ctx.request.body ?? {};
      const input = parse(itemChangeSchema, body);
      if (!('description' in body)) delete (input as { description?: unknown }).description;
      ctx.body = { data: await items().update(actorOf(ctx), id(ctx), input) };
    },

    async remove(ctx: any) {
      await items().remove(actorOf(ctx), id(ctx));
      ctx.body = { data: { ok: true } };
    },
  };
};
