import type { Core } from '@strapi/strapi';
import { registerPageRules } from './api/page/page-rules';
import { registerBlockValidation } from './bootstrap/block-validation';
import { ensureDatabaseIndexes, refreshQueryPlannerStatistics } from './bootstrap/database-indexes';
import { ensureSiteApiToken } from './bootstrap/site-api-token';
import { registerSiteRevalidation } from './bootstrap/site-revalidation';
import { installMailOutbox } from './email/outbox';
import { installPlainTextParts } from './email/plain-text';

export default {
  register({ strapi }: { strapi: Core.Strapi }) {
    registerBlockValidation(strapi);
    registerPageRules(strapi);
    registerSiteRevalidation(strapi);
  },

  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    installMailOutbox(strapi);
    installPlainTextParts(strapi);
    await ensureDatabaseIndexes(strapi);
    await refreshQueryPlannerStatistics(strapi);
    await ensureSiteApiToken(strapi);
  },
};
