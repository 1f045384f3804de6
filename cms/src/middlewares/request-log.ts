import type { Core } from '@strapi/strapi';

/**
 * Strapi's request log, without query strings: a query string carries what people searched for
 * (docs/search.md#operators), filters and tokens, none of which belongs in a log. The path, the
 * status and the time are what an operator needs.
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  return async (ctx: any, next: () => Promise<void>) => {
    const started = Date.now();
    await next();
    strapi.log.http(`${ctx.method} ${ctx.path} (${Math.ceil(Date.now() - started)} ms) ${ctx.status}`);
  };
};
