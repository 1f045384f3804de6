import { contentRoute as route } from '../../../../common/plugin';
import { limited } from '../../../../accounts/server/src/contract';

/**
 * Content-API routes, served under /api/documents. Every one needs a signed-in member and passes
 * one of the membership plugin's access policies first (404 for a workspace the caller may not
 * know of, 403 for what they may not do): reading, a collaboration ticket and exports are
 * `canView`, asked on every request; making a document is `canPost`; writing in one (versions,
 * comments) is checked again by the controller. Renaming, moving and deleting a document are the
 * files plugin's routes, as for any file.
 */
const view = ['plugin::membership.canView'];
const post = ['plugin::membership.canPost'];
const base = '/workspaces/:slug/documents';

export default {
  type: 'content-api' as const,
  routes: [
    route('POST', base, 'documents.create', post, limited('posting')),
    route('GET', `${base}/:id`, 'documents.show', view),
    route('POST', `${base}/:id/ticket`, 'documents.ticket', view),
    route('GET', `${base}/:id/export/:format`, 'documents.export', view, limited('exporting')),
    route('GET', `${base}/:id/versions`, 'documents.versions', view),
    route('POST', `${base}/:id/versions`, 'documents.nameVersion', post, limited('posting')),
    route('GET', `${base}/:id/versions/:version`, 'documents.version', view),
    route('POST', `${base}/:id/versions/:version/restore`, 'documents.restoreVersion', post, limited('posting')),
    route('POST', `${base}/:id/comments`, 'documents.comment', post, limited('posting')),
    route('POST', `${base}/:id/comments/:comment/replies`, 'documents.reply', post, limited('posting')),
    route('PATCH', `${base}/:id/comments/:comment`, 'documents.resolve', post, limited('posting')),
  ],
};
