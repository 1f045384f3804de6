import { contentRoute } from '../../../../common/plugin';
import { limited } from '../../../../accounts/server/src/contract';

/**
 * Content-API routes, served under /api/files. Every one needs a signed-in member (the
 * authenticated role) and passes one of the membership plugin's access policies first, which
 * answer 404 for a workspace the caller may not know of and 403 for what they may not do: reading
 * (listing, details, every download) is `canView`, checked on every request; adding is
 * `canPost`; the bin is `canManage`. Who may change or delete one folder or file (its creator or
 * a manager) is decided by the services, as for forum comments.
 */
const view = ['plugin::membership.canView'];
const post = ['plugin::membership.canPost'];
const manage = ['plugin::membership.canManage'];

const route = contentRoute;

const workspace = '/workspaces/:slug';

export default {
  type: 'content-api' as const,
  routes: [
    route('GET', `${workspace}/folders/:folder`, 'folder.show', view),
    route('POST', `${workspace}/folders`, 'folder.create', post, limited('posting')),
    route('PATCH', `${workspace}/folders/:folder`, 'folder.update', post, limited('posting')),
    route('DELETE', `${workspace}/folders/:folder`, 'folder.remove', post),
    route('POST', `${workspace}/folders/:folder/files`, 'item.upload', post, limited('uploading')),
    route('GET', `${workspace}/items/:id`, 'item.show', view),
    route('PATCH', `${workspace}/items/:id`, 'item.update', post, limited('posting')),
    route('DELETE', `${workspace}/items/:id`, 'item.remove', post),
    route('POST', `${workspace}/items/:id/versions`, 'item.addVersion', post, limited('uploading')),
    route('POST', `${workspace}/items/:id/versions/:number/restore`, 'item.restoreVersion', post),
    route('GET', `${workspace}/items/:id/download`, 'download.download', view),
    route('GET', `${workspace}/items/:id/preview`, 'download.preview', view),
    route('GET', `${workspace}/bin`, 'bin.list', manage),
    route('POST', `${workspace}/bin/:kind/:id/restore`, 'bin.restore', manage),
    route('DELETE', `${workspace}/bin/:kind/:id`, 'bin.purge', manage),
    route('DELETE', `${workspace}/bin`, 'bin.empty', manage),
  ],
};
