import type { Core } from '@strapi/strapi';
import { parse } from '../../../../common/plugin';
import { getService } from '../utils';
import { searchQuerySchema } from './validation';

/** The signed-in member asking, or nobody (the site's own token asks for anonymous visitors). */
function askerId(ctx: any): number | null {
  if (ctx.state.auth?.strategy?.name !== 'users-permissions') return null;
  const id = ctx.state.user?.id;
  return typeof id === 'number' ? id : null;
}

/** Thin: read the query, search as the asker, answer (docs/search.md). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async search(ctx: any) {
    const input = parse(searchQuerySchema, ctx.query);
    ctx.set('Cache-Control', 'private, no-store');
    ctx.body = await getService(strapi, 'search').search(
      {
        text: input.q,
        types: input.type,
        workspace: input.workspace ?? null,
        region: input.region,
        topic: input.topic,
        page: input.page,
        pageSize: input.pageSize,
        facets: input.facets,
      },
      askerId(ctx),
    );
  },

  async health(ctx: any) {
    ctx.body = { data: await getService(strapi, 'health').report() };
  },
});
