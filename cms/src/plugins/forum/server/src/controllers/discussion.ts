import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { membershipOf, viewerId } from './thread-ref';
import { discussionQuerySchema, discussionSettingsSchema, idSchema, newDiscussionSchema, parse } from './validation';

export default ({ strapi }: { strapi: Core.Strapi }) => {
  const discussions = () => getService(strapi, 'discussions');
  const id = (ctx: any) => parse(idSchema('The discussion id'), ctx.params.id);

  return {
    async list(ctx: any) {
      const query = parse(discussionQuerySchema, ctx.query);
      const { cards, pagination } = await discussions().list(membershipOf(ctx).workspace, query);
      ctx.body = { data: cards, meta: { pagination } };
    },

    async create(ctx: any) {
      const input = parse(newDiscussionSchema, ctx.request.body);
      const { id: created, created: isNew } = await discussions().create(membershipOf(ctx).workspace, viewerId(ctx), input);
      ctx.status = isNew ? 201 : 200;
      ctx.body = { data: { id: created } };
    },

    async show(ctx: any) {
      ctx.body = { data: await discussions().show(membershipOf(ctx).workspace, id(ctx)) };
    },

    async settle(ctx: any) {
      const settings = parse(discussionSettingsSchema, ctx.request.body);
      const message = await discussions().settle(membershipOf(ctx).workspace, viewerId(ctx), id(ctx), settings);
      ctx.body = { data: { ok: true, message } };
    },
  };
};
