import type { Core } from '@strapi/strapi';
import { jobs } from '../../../jobs/server/src/contract';
import { getService } from './utils';
import { installIndexing } from './services/indexer';

/** Fills an empty index from the database: a new engine, or content written before search existed. */
export const FILL_JOB = 'search.fill';

/**
 * The engine prepares its tables or settings, then indexing starts: triggers feed the outbox and
 * the drain job empties it (services/indexer.ts). An empty index is filled in the background by
 * the reindex, so switching engines or upgrading needs no manual step; the site serves meanwhile.
 */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  const engine = getService(strapi, 'engines').engine();
  await engine.prepare();
  await installIndexing(strapi);
  const queue = jobs(strapi);
  queue.define(FILL_JOB, async () => {
    const stats = await engine.stats();
    if (Object.values(stats.documents).some((count) => count > 0)) return;
    const report = await getService(strapi, 'indexer').reindex();
    const added = Object.values(report.types).reduce((sum, counts) => sum + counts.added, 0);
    if (added > 0) strapi.log.info(`search: the empty index was filled with ${added} documents`);
  });
  const stats = await engine.stats();
  if (!Object.values(stats.documents).some((count) => count > 0)) await queue.enqueue(FILL_JOB, {}, { key: FILL_JOB });
};

export async function destroy({ strapi }: { strapi: Core.Strapi }) {
  await getService(strapi, 'engines').close();
}
