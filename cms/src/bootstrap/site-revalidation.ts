import type { Core } from '@strapi/strapi';

/**
 * The site caches published content and rendered pages in memory. Every write to content it
 * renders tells the site to drop its caches before the write's response returns, so the next
 * request after a publish shows the change. Several site instances: list them all in
 * SITE_INTERNAL_URLS (comma-separated).
 */
const RENDERED_TYPES = new Set([
  'api::workspace.workspace',
  'api::page.page',
  'api::case-study.case-study',
  'api::topic.topic',
]);
const WRITE_ACTIONS = new Set(['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone']);
/**
 * On a type with drafts, these change only the draft unless asked for the published version. The
 * site caches published content only (previews and the page builder read drafts uncached), so a
 * manager saving a draft every few seconds must not empty every cache of the site.
 */
const DRAFT_ONLY_ACTIONS = new Set(['create', 'update', 'discardDraft', 'clone']);

function changesWhatTheSiteShows(strapi: Core.Strapi, context: { uid: string; action: string; params?: unknown }): boolean {
  if (!RENDERED_TYPES.has(context.uid) || !WRITE_ACTIONS.has(context.action)) return false;
  if (!DRAFT_ONLY_ACTIONS.has(context.action)) return true;
  const hasDrafts = (strapi.contentType(context.uid as never) as { options?: { draftAndPublish?: boolean } } | undefined)?.options?.draftAndPublish;
  return !hasDrafts || (context.params as { status?: string } | undefined)?.status === 'published';
}
const REVALIDATE_TIMEOUT_MS = 2000;
export const BULK_LOAD_FINISHED = 'bulk load finished';

function siteInstances(): string[] {
  const configured = process.env.SITE_INTERNAL_URLS ?? process.env.SITE_URL ?? 'http://127.0.0.1:4321';
  return configured
    .split(',')
    .map((url) => url.trim().replace(/\/$/, ''))
    .filter(Boolean);
}

/**
 * `tags`: only the cached data carrying one of them goes (forum writes: one workspace's or case
 * study's discussions and comments), so a busy forum does not empty every cache of the site.
 * Without tags, everything goes.
 */
export async function revalidateSite(strapi: Core.Strapi, reason: string, tags?: string[] | null): Promise<void> {
  const secret = process.env.REVALIDATE_SECRET;
  if (!secret) return;
  // Bulk loads (the seed) switch per-write calls off and revalidate once at the end.
  if (process.env.SITE_REVALIDATION === 'off' && reason !== BULK_LOAD_FINISHED) return;
  await Promise.all(
    siteInstances().map(async (base) => {
      try {
        const response = await fetch(`${base}/_internal/revalidate`, {
          method: 'POST',
          headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/json' },
          body: JSON.stringify(tags?.length ? { reason, tags } : { reason }),
          signal: AbortSignal.timeout(REVALIDATE_TIMEOUT_MS),
        });
        if (!response.ok) strapi.log.warn(`Site at ${base} refused revalidation: HTTP ${response.status}`);
      } catch (error) {
        // The site may simply not be running (e.g. while seeding); its cache TTL bounds staleness.
        strapi.log.debug(`Site at ${base} not reached for revalidation: ${(error as Error).message}`);
      }
    }),
  );
}

/** What plugins emit after a write the site shows (the forum plugin's SITE_CHANGED_EVENT). */
export const SITE_CHANGED_EVENT = 'site.changed';

export function registerSiteRevalidation(strapi: Core.Strapi): void {
  strapi.eventHub.on(SITE_CHANGED_EVENT, async (change: { reason?: string; tags?: string[] | null }) => {
    await revalidateSite(strapi, change?.reason ?? 'content changed', change?.tags ?? null);
  });
  strapi.documents.use(async (context, next) => {
    const result = await next();
    if (changesWhatTheSiteShows(strapi, context)) {
      const reason = `${context.action} ${context.uid}`;
      // Awaited, so the response that follows the write never precedes it.
      await revalidateSite(strapi, reason);
      if (strapi.db.inTransaction()) {
        // Inside a larger transaction (the admin's publish, a membership change) the write is
        // not visible yet: a request in between could re-cache the old state. Tell the site
        // again once committed (not at all on rollback).
        await strapi.db.transaction(async ({ onCommit }) => {
          onCommit(() => void revalidateSite(strapi, `${reason} (committed)`));
        });
      }
    }
    return result;
  });
}
