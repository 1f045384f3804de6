import type { Core } from '@strapi/strapi';
import { pluginServer } from '../../../common/plugin';
import services from './services';
import { getService } from './utils';

export default pluginServer({
  async bootstrap({ strapi }: { strapi: Core.Strapi }) {
    const jobs = getService(strapi, 'jobs');
    await jobs.setUp();
    // Scripts and tests stop the CMS by closing its database without strapi.destroy() (see
    // seed/boot-strapi.ts), so no plugin's destroy runs there: stop the runner before the database
    // closes under it, or its pool and timers outlive the CMS.
    const closeDatabase = strapi.db.destroy.bind(strapi.db);
    strapi.db.destroy = async () => {
      await jobs.tearDown();
      return closeDatabase();
    };
  },
  async destroy({ strapi }: { strapi: Core.Strapi }) {
    await getService(strapi, 'jobs').tearDown();
  },
  services,
});
