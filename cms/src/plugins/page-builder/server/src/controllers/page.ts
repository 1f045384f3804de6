import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { membershipOf, viewerId } from './context';
import { createSchema, documentIdParam, numberParam, orderSchema, parse, revisionSchema, saveSchema, settingsSchema } from './validation';

/** Managers' page routes: validate, call the pages service, answer `{ data }`. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const pages = () => getService(strapi, 'pages');
  const versions = () => getService(strapi, 'versions');
  const page = (ctx: any) => documentIdParam(ctx.params.documentId);
  const version = (ctx: any) => numberParam(ctx.params.number, 'This version does not exist');

  return {
    async list(ctx: any) {
      ctx.body = { data: await pages().list(membershipOf(ctx).workspace) };
    },

    async create(ctx: any) {
      const input = parse(createSchema, ctx.request.body);
      ctx.status = 201;
      ctx.body = { data: await pages().create(membershipOf(ctx).workspace, viewerId(ctx), input) };
    },

    async show(ctx: any) {
      ctx.body = { data: await pages().get(membershipOf(ctx).workspace, page(ctx)) };
    },

    async save(ctx: any) {
      const documentId = page(ctx);
      const input = parse(saveSchema, ctx.request.body);
      ctx.body = { data: await pages().save(membershipOf(ctx).workspace, viewerId(ctx), documentId, input) };
    },

    async settings(ctx: any) {
      const documentId = page(ctx);
      const input = parse(settingsSchema, ctx.request.body);
      ctx.body = { data: await pages().settings(membershipOf(ctx).workspace, viewerId(ctx), documentId, input) };
    },

    async order(ctx: any) {
      const { order } = parse(orderSchema, ctx.request.body);
      ctx.body = { data: await pages().order(membershipOf(ctx).workspace, viewerId(ctx), order) };
    },

    async home(ctx: any) {
      ctx.body = { data: await pages().makeHome(membershipOf(ctx).workspace, viewerId(ctx), page(ctx)) };
    },

    async remove(ctx: any) {
      await pages().remove(membershipOf(ctx).workspace, viewerId(ctx), page(ctx));
      ctx.status = 204;
      ctx.body = null;
    },

    async publish(ctx: any) {
      const documentId = page(ctx);
      const { revision } = parse(revisionSchema, ctx.request.body);
      ctx.body = { data: await pages().publish(membershipOf(ctx).workspace, viewerId(ctx), documentId, revision) };
    },

    async unpublish(ctx: any) {
      ctx.body = { data: await pages().unpublish(membershipOf(ctx).workspace, viewerId(ctx), page(ctx)) };
    },

    async versions(ctx: any) {
      const { workspace } = membershipOf(ctx);
      const documentId = page(ctx);
      await pages().draftOf(workspace.id, documentId);
      ctx.body = { data: await versions().list(workspace.id, documentId) };
    },

    async version(ctx: any) {
      const { workspace } = membershipOf(ctx);
      const documentId = page(ctx);
      const number = version(ctx);
      await pages().draftOf(workspace.id, documentId);
      ctx.body = { data: await versions().show(workspace.id, documentId, number) };
    },

    async restore(ctx: any) {
      const documentId = page(ctx);
      const number = version(ctx);
      const { revision } = parse(revisionSchema, ctx.request.body);
      ctx.body = { data: await pages().restore(membershipOf(ctx).workspace, viewerId(ctx), documentId, number, revision) };
    },

    async presence(ctx: any) {
      const { workspace } = membershipOf(ctx);
      const documentId = page(ctx);
      await pages().draftOf(workspace.id, documentId);
      ctx.body = { data: await getService(strapi, 'presence').seen(documentId, viewerId(ctx)) };
    },
  };
};
