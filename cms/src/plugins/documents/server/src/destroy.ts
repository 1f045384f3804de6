import type { Core } from '@strapi/strapi';
import { getService } from './utils';

/** Stores every open document before the CMS stops, then closes the live connections. */
export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await getService(strapi, 'collaboration').stop();
  await getService(strapi, 'revocation').stop();
};
