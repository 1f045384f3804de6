import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { actorOf, membershipOf } from './context';
import { siteChanged } from '../services/site-changed';
import { binKindSchema, binQuerySchema, idSchema, parse } from './validation';

/** The recycle bin: a manager's (the routes pass canManage). */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const bin = () => getService(strapi, 'bin');
  const entry = (ctx: any) => ({ kind: parse(binKindSchema, ctx.params.kind), id: parse(idSchema('The id'), ctx.params.id) });

  return {
    async list(ctx: any) {
      const { page } = parse(binQuerySchema, ctx.query);
      ctx.body = { data: await bin().list(membershipOf(ctx).workspace.id, page) };
    },

    async restore(ctx: any) {
      const { kind, id } = entry(ctx);
      const actor = actorOf(ctx);
      ctx.body = { data: await bin().restore(actor, kind, id) };
      await siteChanged(strapi, actor.workspace, 'restored from the bin');
    },

    async purge(ctx: any) {
      const { kind, id } = entry(ctx);
      await bin().purge(actorOf(ctx), kind, id);
      ctx.body = { data: { ok: true } };
    },

    async empty(ctx: any) {
      ctx.body = { data: { purged: await bin().empty(actorOf(ctx)) } };
    },
  };
};
