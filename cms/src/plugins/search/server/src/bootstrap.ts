import type { Core } from '@strapi/strapi';
import { jobs } from '../../../jobs/server/src/contract';
import { getService } from './utils';
import { engineName } from './services/engines';
import { installIndexing } from './services/indexer';

/** Fills a new index from the database: a new engine, or content written before search existed. */
export const FILL_JOB = 'search.fill';

/**
 * The engine prepares its tables or settings, then indexing starts: triggers feed the outbox and
 * the drain job empties it (services/indexer.ts). An index never filled is filled in the background
 * by the reindex, so switching engines or upgrading needs no manual step; the site serves meanwhile.
 */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  const engine = getService(strapi, 'engines').engine();
  await engine.prepare();
  await installIndexing(strapi);
  const queue = jobs(strapi);
  // A mark per engine and index, set when a fill completes: a document indexed meanwhile (a drain
  // at start, a member writing during a deploy) must not make a half-filled index look done.
  const store = strapi.store({ type: 'plugin', name: 'search' });
  const filledKey = `filled:${engineName(process.env, strapi.db.dialect.client)}:${process.env.MEILISEARCH_INDEX || 'futurenhs'}`;
  queue.define(FILL_JOB, async () => {
    if (await store.get({ key: filledKey })) return;
    const report = await getService(strapi, 'indexer').reindex();
    await store.set({ key: filledKey, value: { at: new Date().toISOString() } });
    const added = Object.values(report.types).reduce((sum, counts) => sum + counts.added, 0);
    if (added > 0) strapi.log.info(`search: the index was filled with ${added} documents`);
  });
  if (!(await store.get({ key: filledKey }))) await queue.enqueue(FILL_JOB, {}, { key: FILL_JOB });
};

export async function destroy({ strapi }: { strapi: Core.Strapi }) {
  await getService(strapi, 'engines').close();
}
