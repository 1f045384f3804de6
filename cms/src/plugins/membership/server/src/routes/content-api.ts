import { limited } from '../../../../accounts/server/src/contract';

/**
 * Content-API routes, served under /api/membership. Every route needs a signed-in member
 * (users-permissions JWT) except those in PUBLIC_HANDLERS (bootstrap.ts), which the public role
 * may call too. Routes about one workspace go through an access policy first; a route that
 * lands in managers' queues or mailboxes is rate-limited per member (`limited`, the accounts
 * plugin's middleware).
 */
const find = ['plugin::membership.canFind'];
const findAnonymously = [{ name: 'plugin::membership.canFind', config: { anonymous: true } }];
const manage = ['plugin::membership.canManage'];

const route = (method: string, path: string, handler: string, policies: (string | object)[] = [], ...middlewares: object[]) => ({
  method,
  path,
  handler,
  config: { policies, middlewares },
});

export default {
  type: 'content-api' as const,
  routes: [
    route('POST', '/workspaces', 'workspace.create'),
    route('GET', '/workspaces/:slug/managers', 'workspace.managers', findAnonymously),
    route('GET', '/workspaces/:slug/access', 'workspace.access', findAnonymously),
    route('GET', '/workspaces/:slug/members', 'workspace.members', find),
    route('POST', '/workspaces/:slug/join', 'workspace.join', find, limited('joining')),
    route('POST', '/workspaces/:slug/request', 'workspace.request', find, limited('joining')),
    route('POST', '/workspaces/:slug/leave', 'workspace.leave', find),
    route('POST', '/workspaces/:slug/invitation/accept', 'workspace.acceptInvitation', find),
    route('POST', '/workspaces/:slug/invitation/decline', 'workspace.declineInvitation', find),
    route('PATCH', '/workspaces/:slug/visibility', 'workspace.visibility', manage),
    route('POST', '/workspaces/:slug/members/:userId/approve', 'workspace.approve', manage),
    route('POST', '/workspaces/:slug/members/:userId/reject', 'workspace.reject', manage),
    route('POST', '/workspaces/:slug/members/:userId/remove', 'workspace.remove', manage),
    route('POST', '/workspaces/:slug/members/:userId/promote', 'workspace.promote', manage),
    route('POST', '/workspaces/:slug/members/:userId/demote', 'workspace.demote', manage),
    route('GET', '/workspaces/:slug/invitations', 'workspace.invitations', manage),
    route('POST', '/workspaces/:slug/invitations', 'workspace.invite', manage, limited('invitations')),
    route('DELETE', '/workspaces/:slug/invitations/:invitationId', 'workspace.revokeInvitation', manage),
    route('GET', '/workspaces/:slug/audit', 'workspace.audit', manage),
    route('GET', '/workspaces/:slug/audit.csv', 'workspace.auditCsv', manage),
    route('GET', '/invitations/:token', 'invitation.show'),
    route('POST', '/invitations/:token/accept', 'invitation.accept'),
    route('POST', '/invitations/:token/decline', 'invitation.decline'),
  ],
};
