import type { Core } from '@strapi/strapi';
import { getService } from './utils';
import { installIndexing } from './services/indexer';

/**
 * The engine prepares its tables or settings, then indexing starts: triggers feed the outbox and
 * the drain job empties it (services/indexer.ts).
 */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await getService(strapi, 'engines').engine().prepare();
  await installIndexing(strapi);
};

export async function destroy({ strapi }: { strapi: Core.Strapi }) {
  await getService(strapi, 'engines').close();
}
