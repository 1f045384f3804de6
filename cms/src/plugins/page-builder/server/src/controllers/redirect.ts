import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { membershipOf } from './context';
import { slugParam } from './validation';

/** Where a page's former address now leads (the site answers 301 there, after its own access check). */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async lookup(ctx: any) {
    const { workspace } = membershipOf(ctx);
    const from = slugParam(ctx.params.from, 'No page moved from this address');
    ctx.body = { data: await getService(strapi, 'redirects').lookup(workspace.id, from) };
  },
});
