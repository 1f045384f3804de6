import type { Core } from '@strapi/strapi';
import { permissionsFrom } from '../services/threads';
import { getService, type MembershipState } from '../utils';
import { threadRefOf, viewerId } from './thread-ref';
import { commentQuerySchema, editCommentSchema, idSchema, mineQuerySchema, newCommentSchema, parse, repliesQuerySchema, reportSchema } from './validation';

/**
 * Thin: find the thread, validate, call the comments service, answer. One set of handlers for
 * every kind of thread; rate limits are declared on the routes (routes/content-api.ts).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const comments = () => getService(strapi, 'comments');
  const thread = (ctx: any) => getService(strapi, 'threads').resolve(threadRefOf(ctx));
  const commentId = (ctx: any) => parse(idSchema('The comment id'), ctx.params.commentId);
  const access = (ctx: any) => (ctx.params.caseStudy !== undefined ? null : (ctx.state.membership as MembershipState).access);

  return {
    async list(ctx: any) {
      const query = parse(commentQuerySchema, ctx.query);
      const found = await thread(ctx);
      const page = await comments().list(found, query);
      ctx.body = {
        data: page.comments,
        meta: {
          thread: {
            kind: found.kind,
            title: found.title,
            locked: found.locked,
            commentCount: page.total,
          },
          nextCursor: page.nextCursor,
          total: page.total,
        },
      };
    },

    async create(ctx: any) {
      const input = parse(newCommentSchema, ctx.request.body);
      const found = await thread(ctx);
      const { id, created } = await comments().post(found, viewerId(ctx), input, permissionsFrom(access(ctx)));
      ctx.status = created ? 201 : 200;
      ctx.body = { data: { id } };
    },

    async mine(ctx: any) {
      const { ids } = parse(mineQuerySchema, ctx.query);
      ctx.body = { data: await comments().mine(await thread(ctx), viewerId(ctx), permissionsFrom(access(ctx)), ids) };
    },

    async replies(ctx: any) {
      const query = parse(repliesQuerySchema, ctx.query);
      const page = await comments().replies(await thread(ctx), commentId(ctx), query);
      ctx.body = { data: { comment: page.comment, replies: page.replies }, meta: { nextCursor: page.nextCursor } };
    },

    async update(ctx: any) {
      const { body } = parse(editCommentSchema, ctx.request.body);
      const id = commentId(ctx);
      await comments().edit(await thread(ctx), viewerId(ctx), id, body, permissionsFrom(access(ctx)));
      ctx.body = { data: { ok: true, message: 'Comment updated' } };
    },

    async remove(ctx: any) {
      const id = commentId(ctx);
      await comments().remove(await thread(ctx), viewerId(ctx), id, permissionsFrom(access(ctx)));
      ctx.body = { data: { ok: true, message: 'Comment removed' } };
    },

    async like(ctx: any) {
      const id = commentId(ctx);
      ctx.body = { data: await comments().like(await thread(ctx), viewerId(ctx), id, true, permissionsFrom(access(ctx))) };
    },

    async unlike(ctx: any) {
      const id = commentId(ctx);
      ctx.body = { data: await comments().like(await thread(ctx), viewerId(ctx), id, false) };
    },

    async likes(ctx: any) {
      ctx.body = { data: await comments().likers(await thread(ctx), commentId(ctx)) };
    },

    async report(ctx: any) {
      const { reason } = parse(reportSchema, ctx.request.body);
      const id = commentId(ctx);
      await comments().report(await thread(ctx), viewerId(ctx), id, reason, permissionsFrom(access(ctx)));
      ctx.status = 201;
      ctx.body = { data: { ok: true, message: 'Thank you. The workspace managers will review this comment' } };
    },
  };
};

