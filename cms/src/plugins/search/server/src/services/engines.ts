import type { Core } from '@strapi/strapi';
import type { SearchEngine } from '../engines/engine';
import { meilisearchEngine } from '../engines/meilisearch';
import { postgresEngine } from '../engines/postgres';
import { sqliteEngine } from '../engines/sqlite';

/**
 * Which engine answers (docs/search.md): Meilisearch when MEILISEARCH_HOST is set, otherwise the
 * database's own full-text search in the CMS's database, so nothing else need be installed.
 */
export function engineName(env: NodeJS.ProcessEnv, databaseClient: string): 'meilisearch' | 'postgres' | 'sqlite' {
  if (env.MEILISEARCH_HOST) return 'meilisearch';
  return databaseClient === 'postgres' ? 'postgres' : 'sqlite';
}

export const enginesService = ({ strapi }: { strapi: Core.Strapi }) => {
  let current: SearchEngine | null = null;

  function create(): SearchEngine {
    const knex = strapi.db.connection;
    switch (engineName(process.env, strapi.db.dialect.client)) {
      case 'meilisearch':
        return meilisearchEngine({
          host: process.env.MEILISEARCH_HOST as string,
          apiKey: process.env.MEILISEARCH_API_KEY || undefined,
          index: process.env.MEILISEARCH_INDEX || 'futurenhs',
        });
      case 'postgres':
        return postgresEngine(knex);
      default:
        return sqliteEngine(knex);
    }
  }

  return {
    /** The engine in use, made once per process. */
    engine(): SearchEngine {
      current ??= create();
      return current;
    },

    async close(): Promise<void> {
      await current?.close();
      current = null;
    },
  };
};

export type EnginesService = ReturnType<typeof enginesService>;
