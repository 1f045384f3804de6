import { defineMiddleware } from 'astro:middleware';
import { cmsHttp } from '../lib/cms/accounts.ts';
import { siteConfig } from '../lib/config.ts';
import { RequestSession } from '../lib/session/session.ts';

/**
 * Resolves who is asking, once per request: `Astro.locals.viewer` (null when anonymous),
 * `Astro.locals.cms` (the CMS as this viewer) and `Astro.locals.session` (sign in/out).
 * Internal endpoints (`/_health`, `/_internal/*`) are not members' pages: no lookup there.
 */
export const sessionMiddleware = defineMiddleware(async (context, next) => {
  const session = new RequestSession(context.cookies, { http: cmsHttp(), siteUrl: siteConfig().SITE_URL });
  context.locals.session = session;
  context.locals.cms = session.cms;
  context.locals.viewer = context.url.pathname.startsWith('/_') ? null : await session.resolve();
  // A page for one signed-in member must not be kept by any shared cache.
  if (session.signedIn) context.locals.noStore = true;
  return next();
});
