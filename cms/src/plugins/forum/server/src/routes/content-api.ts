import { contentRoute } from '../../../../common/plugin';
import { limited } from '../../../../accounts/server/src/contract';

/**
 * Content-API routes, served under /api/forum. Every one needs a signed-in member (the
 * authenticated role; nothing in the forum is public). Workspace routes pass one of the
 * membership plugin's access policies first, which answer 404 for a workspace the caller may not
 * know of and 403 for what they may not do: the forum never decides access itself. Posting,
 * liking and reporting are rate-limited per member (`limited`, the accounts plugin's middleware).
 */
const view = ['plugin::membership.canView'];
const post = ['plugin::membership.canPost'];
const manage = ['plugin::membership.canManage'];

const route = contentRoute;

/** The comment machinery, the same on every kind of thread (docs/design.md#forum). */
function commentRoutes(thread: string, read: string[], write: string[]) {
  return [
    route('GET', `${thread}/comments`, 'comment.list', read),
    route('POST', `${thread}/comments`, 'comment.create', write, limited('posting')),
    route('GET', `${thread}/comments/mine`, 'comment.mine', read),
    route('GET', `${thread}/comments/:commentId/replies`, 'comment.replies', read),
    route('PUT', `${thread}/comments/:commentId`, 'comment.update', write, limited('posting')),
    // The author or a manager: readers pass, the service decides which.
    route('DELETE', `${thread}/comments/:commentId`, 'comment.remove', read),
    route('POST', `${thread}/comments/:commentId/like`, 'comment.like', write, limited('liking')),
    route('DELETE', `${thread}/comments/:commentId/like`, 'comment.unlike', write, limited('liking')),
    route('GET', `${thread}/comments/:commentId/likes`, 'comment.likes', read),
    route('POST', `${thread}/comments/:commentId/report`, 'comment.report', write, limited('reporting')),
  ];
}

const workspace = '/workspaces/:slug';

export default {
  type: 'content-api' as const,
  routes: [
    route('GET', `${workspace}/discussions`, 'discussion.list', view),
    route('POST', `${workspace}/discussions`, 'discussion.create', post, limited('posting')),
    route('GET', `${workspace}/discussions/:id`, 'discussion.show', view),
    route('PATCH', `${workspace}/discussions/:id`, 'discussion.settle', manage),
    ...commentRoutes(`${workspace}/discussions/:id`, view, post),
    route('GET', `${workspace}/pages/:page/settings`, 'moderation.pageSettings', view),
    route('PUT', `${workspace}/pages/:page/settings`, 'moderation.updatePageSettings', manage),
    ...commentRoutes(`${workspace}/pages/:page`, view, post),
    route('GET', `${workspace}/moderation`, 'moderation.queue', manage),
    route('POST', `${workspace}/moderation/:commentId/hide`, 'moderation.hide', manage),
    route('POST', `${workspace}/moderation/:commentId/restore`, 'moderation.restore', manage),
    route('POST', `${workspace}/moderation/:commentId/dismiss`, 'moderation.dismiss', manage),
    // Published case studies: any signed-in member reads and comments (the authenticated role).
    ...commentRoutes('/case-studies/:caseStudy', [], []),
  ],
};
