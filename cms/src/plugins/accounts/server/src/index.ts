import type { Core } from '@strapi/strapi';
import { pluginServer } from '../../../common/plugin';
import bootstrap, { guardAuditLog } from './bootstrap';
import contentTypes from './content-types';
import controllers from './controllers';
import middlewares from './middlewares';
import routes from './routes';
import services from './services';
import { getService } from './utils';

export default pluginServer({
  register: guardAuditLog,
  bootstrap,
  async destroy({ strapi }: { strapi: Core.Strapi }) {
    // Mail already promised to someone goes out before the CMS stops.
    await getService(strapi, 'queue').idle();
    await getService(strapi, 'rate-limit').destroy();
  },
  contentTypes,
  controllers,
  middlewares,
  routes,
  services,
});
