import type { APIRoute } from 'astro';
import { siteConfig } from '../lib/config.ts';
import { isAuthorizedRevalidation, revalidate, revalidationTags } from '../lib/revalidate.ts';

const json = (body: unknown, status: number, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'cache-control': 'no-store', ...headers } });

/**
 * POST with `Authorization: Bearer ${REVALIDATE_SECRET}`: drops the site's caches, or with a body
 * `{ reason, tags: [...] }` only the entries tagged with those (forum data).
 */
export const POST: APIRoute = async ({ request }) => {
  if (!isAuthorizedRevalidation(request.headers.get('authorization'), siteConfig().REVALIDATE_SECRET)) {
    return json({ error: 'Unauthorized' }, 401);
  }
  let reason = 'revalidate';
  let tags: string[] = [];
  try {
    const body = (await request.json()) as { reason?: unknown };
    if (typeof body?.reason === 'string') reason = body.reason.slice(0, 200);
    tags = revalidationTags(body);
  } catch {
    // A body is optional.
  }
  return json({ revalidated: true, ...revalidate(reason, tags) }, 200);
};

export const ALL: APIRoute = () => json({ error: 'Method not allowed' }, 405, { allow: 'POST' });
