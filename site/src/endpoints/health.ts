import type { APIRoute } from 'astro';

/** Liveness: the site process answers. It does not call the CMS (a CMS outage is not the site's). */
export const GET: APIRoute = () =>
  new Response('ok', { status: 200, headers: { 'content-type': 'text/plain; charset=utf-8', 'cache-control': 'no-store' } });
