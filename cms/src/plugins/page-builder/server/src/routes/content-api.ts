import { limited } from '../../../../accounts/server/src/contract';

/**
 * Content-API routes, served under /api/page-builder. Every one needs a signed-in member (the
 * authenticated role) and passes one of the membership plugin's access policies first, which
 * answer 404 for a workspace the caller may not know of and 403 for what they may not do: the
 * page builder never decides access itself. Managers build; readers only read images and redirects.
 * Uploads are rate-limited per manager (`limited`, the accounts plugin's middleware).
 */
const manage = ['plugin::membership.canManage'];
const view = ['plugin::membership.canView'];

const route = (method: string, path: string, handler: string, policies: unknown[] = manage, ...middlewares: object[]) => ({
  method,
  path,
  handler,
  config: { policies, middlewares },
});

const workspace = '/workspaces/:slug';
const page = `${workspace}/pages/:documentId`;

export default {
  type: 'content-api' as const,
  routes: [
    route('GET', `${workspace}/pages`, 'page.list'),
    route('POST', `${workspace}/pages`, 'page.create'),
    // Before `pages/:documentId`, which would otherwise take "order" for a page.
    route('PUT', `${workspace}/pages/order`, 'page.order'),
    route('GET', page, 'page.show'),
    route('PUT', page, 'page.save'),
    route('DELETE', page, 'page.remove'),
    route('PUT', `${page}/settings`, 'page.settings'),
    route('POST', `${page}/home`, 'page.home'),
    route('POST', `${page}/publish`, 'page.publish'),
    route('POST', `${page}/unpublish`, 'page.unpublish'),
    route('GET', `${page}/versions`, 'page.versions'),
    route('GET', `${page}/versions/:number`, 'page.version'),
    route('POST', `${page}/versions/:number/restore`, 'page.restore'),
    route('POST', `${page}/presence`, 'page.presence'),
    route('POST', `${workspace}/images`, 'image.upload', manage, limited('uploading')),
    route('GET', `${workspace}/images/:file`, 'image.read', view),
    route('GET', `${workspace}/redirects/:from`, 'redirect.lookup', view),
  ],
};
