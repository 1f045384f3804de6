import { Search } from '@strapi/icons';
import type { StrapiApp } from '@strapi/strapi/admin';

/**
 * The search plugin's admin side: a "Search" page in the admin panel's menu showing the index's
 * health. Strapi's admin build finds this file through the plugin's package.json
 * (`exports["./strapi-admin"].import`); the server side is compiled separately (../../server).
 */
const PLUGIN_ID = 'search';

export default {
  register(app: StrapiApp) {
    app.addMenuLink({
      to: `plugins/${PLUGIN_ID}`,
      icon: Search,
      intlLabel: { id: `${PLUGIN_ID}.menu.health`, defaultMessage: 'Search' },
      Component: () => import('./pages/health-page'),
      // Every admin-panel user may open it; the route itself requires a signed-in admin (server/src/routes).
      permissions: [],
    });
    app.registerPlugin({ id: PLUGIN_ID, name: 'Search' });
  },
};
