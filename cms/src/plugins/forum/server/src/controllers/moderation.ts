import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { membershipOf, viewerId } from './thread-ref';
import { hideSchema, idSchema, moderationQuerySchema, pageSettingsSchema, parse } from './validation';

/** Workspace managers: the moderation queue, hide/restore/dismiss, and comments on pages on or off. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const moderation = () => getService(strapi, 'moderation');
  const comments = () => getService(strapi, 'comments');
  const commentId = (ctx: any) => parse(idSchema('The comment id'), ctx.params.commentId);
  const threadOf = (ctx: any) => moderation().threadOfComment(membershipOf(ctx).workspace, commentId(ctx));
  const done = (ctx: any, message: string) => {
    ctx.body = { data: { ok: true, message } };
  };

  return {
    async queue(ctx: any) {
      const query = parse(moderationQuerySchema, ctx.query);
      const { items, pagination } = await moderation().queue(membershipOf(ctx).workspace, query);
      ctx.body = { data: items, meta: { pagination } };
    },

    async hide(ctx: any) {
      const { reason } = parse(hideSchema, ctx.request.body);
      await comments().hide(await threadOf(ctx), viewerId(ctx), commentId(ctx), reason);
      done(ctx, 'Comment hidden. Its author can see why');
    },

    async restore(ctx: any) {
      await comments().restore(await threadOf(ctx), viewerId(ctx), commentId(ctx));
      done(ctx, 'Comment restored');
    },

    async dismiss(ctx: any) {
      await comments().dismissReports(await threadOf(ctx), viewerId(ctx), commentId(ctx));
      done(ctx, 'Reports dismissed: the comment stays');
    },

    async pageSettings(ctx: any) {
      const { workspace } = membershipOf(ctx);
      const page = await getService(strapi, 'threads').publishedPage(workspace.id, String(ctx.params.page));
      if (!page) return ctx.notFound('This page does not exist');
      ctx.body = { data: { commentsEnabled: Boolean(page.commentsEnabled) } };
    },

    async updatePageSettings(ctx: any) {
      const { commentsEnabled } = parse(pageSettingsSchema, ctx.request.body);
      done(ctx, await moderation().setPageComments(membershipOf(ctx).workspace, viewerId(ctx), String(ctx.params.page), commentsEnabled));
    },
  };
};
