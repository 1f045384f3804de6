import type { Core } from '@strapi/strapi';
import { pluginServer } from '../../../common/plugin';
import bootstrap, { guardAuditLog } from './bootstrap';
import contentTypes from './content-types';
import controllers from './controllers';
import middlewares from './middlewares';
import policies from './policies';
import routes from './routes';
import services from './services';

export default pluginServer({
  register: guardAuditLog,
  bootstrap,
  async destroy({ strapi }: { strapi: Core.Strapi }) {
    // Mail already promised to someone goes out before the CMS stops.
    await strapi.plugin('membership').service('queue').idle();
    await strapi.plugin('membership').service('rate-limit').destroy();
  },
  contentTypes,
  controllers,
  middlewares,
  policies,
  routes,
  services,
});
