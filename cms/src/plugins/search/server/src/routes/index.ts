/**
 * `GET /api/search`: anyone may ask (anonymous visitors through the site's token); the answer is
 * worked out for whoever asks. `GET /search/health` (admin panel): index health for platform admins.
 */
export default {
  'content-api': {
    type: 'content-api' as const,
    prefix: '',
    routes: [{ method: 'GET', path: '/search', handler: 'search.search', config: { policies: [] } }],
  },
  admin: {
    type: 'admin' as const,
    routes: [{ method: 'GET', path: '/health', handler: 'search.health', config: { policies: ['admin::isAuthenticatedAdmin'] } }],
  },
};
