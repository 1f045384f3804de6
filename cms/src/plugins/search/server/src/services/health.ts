import type { Core } from '@strapi/strapi';
import { jobs } from '../../../../jobs/server/src/contract';
import { engineName } from './engines';
import { OUTBOX_TABLE } from './outbox';
import { getService } from '../utils';

/** What a platform admin sees of the index: documents per type, what is waiting, the last rebuild. */
export const healthService = ({ strapi }: { strapi: Core.Strapi }) => ({
  async report() {
    const [stats, pending, oldest, backlog, lastReindex] = await Promise.all([
      getService(strapi, 'engines').engine().stats(),
      getService(strapi, 'outbox').backlog(),
      strapi.db.connection(OUTBOX_TABLE).min({ at: 'created_at' }).first() as Promise<{ at: string | Date | null } | undefined>,
      jobs(strapi).backlog(),
      getService(strapi, 'indexer').lastReindex(),
    ]);
    return {
      engine: engineName(process.env, strapi.db.dialect.client),
      documents: stats.documents,
      totalDocuments: Object.values(stats.documents).reduce((sum, count) => sum + count, 0),
      sizeBytes: stats.sizeBytes,
      outbox: { pending, oldestAt: oldest?.at ? new Date(oldest.at).toISOString() : null },
      jobs: { runner: jobs(strapi).runner, backlog },
      lastReindex,
    };
  },
});

export type HealthService = ReturnType<typeof healthService>;
