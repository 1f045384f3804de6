import type { Core } from '@strapi/strapi';
import type { MembershipState } from '../policies';
import { accounts } from '../../../../accounts/server/src/contract';
import { getService } from '../utils';
import {
  auditQuerySchema,
  idSchema,
  inviteSchema,
  newWorkspaceSchema,
  parse,
  rejectSchema,
  requestSchema,
  slugify,
  visibilitySchema,
} from './validation';

/**
 * Thin: validate, call the membership service, answer with exactly the fields the site shows.
 * Rate limits are declared on the routes (routes/content-api.ts).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const membership = () => getService(strapi, 'membership');
  const state = (ctx: any) => ctx.state.membership as MembershipState;
  const actor = (ctx: any) => ctx.state.user.id as number;
  const target = (ctx: any) => parse(idSchema('userId'), ctx.params.userId);
  const done = (ctx: any, message: string) => {
    ctx.body = { data: { ok: true, message } };
  };

  return {
    async create(ctx: any) {
      const input = parse(newWorkspaceSchema, ctx.request.body);
      const workspace = await membership().createWorkspace(actor(ctx), { ...input, slug: input.slug ?? slugify(input.title) });
      ctx.status = 201;
      ctx.body = {
        data: { documentId: workspace.documentId, slug: workspace.slug, title: workspace.title, visibility: workspace.visibility },
      };
    },

    async access(ctx: any) {
      const { workspace, access } = state(ctx);
      ctx.body = { data: { workspace: { slug: workspace.slug, title: workspace.title, visibility: workspace.visibility }, ...access } };
    },

    async members(ctx: any) {
      const { workspace, access } = state(ctx);
      // Non-members of a restricted workspace see its managers only (docs/design.md#workspaces-and-access).
      ctx.body = {
        data: await membership().people(workspace.id, { includeMembers: access.canView, includeWaiting: access.canManage }),
      };
    },

    /** The workspace's managers: public for open and restricted workspaces (docs/design.md#workspaces-and-access). */
    async managers(ctx: any) {
      const { managers } = await membership().people(state(ctx).workspace.id, { includeMembers: false, includeWaiting: false });
      ctx.body = { data: managers };
    },

    async join(ctx: any) {
      await membership().join(actor(ctx), state(ctx).workspace);
      done(ctx, 'You have joined this workspace');
    },

    async request(ctx: any) {
      const { message } = parse(requestSchema, ctx.request.body);
      await membership().requestToJoin(actor(ctx), state(ctx).workspace, message);
      done(ctx, 'Your request has been sent to the workspace managers');
    },

    /** The signed-in person's own invitation, answered from the workspace's page (no mailed link needed). */
    async acceptInvitation(ctx: any) {
      await membership().acceptInvitation(actor(ctx), { workspaceId: state(ctx).workspace.id });
      done(ctx, 'You have joined this workspace');
    },

    async declineInvitation(ctx: any) {
      await membership().declineInvitation(actor(ctx), { workspaceId: state(ctx).workspace.id });
      done(ctx, 'Invitation declined');
    },

    async leave(ctx: any) {
      await membership().leave(actor(ctx), state(ctx).workspace);
      done(ctx, 'You have left this workspace');
    },

    async visibility(ctx: any) {
      const { visibility } = parse(visibilitySchema, ctx.request.body);
      await membership().changeVisibility(actor(ctx), state(ctx).workspace, visibility);
      done(ctx, `This workspace is now ${visibility}`);
    },

    async approve(ctx: any) {
      await membership().approve(actor(ctx), state(ctx).workspace, target(ctx));
      done(ctx, 'Request approved');
    },

    async reject(ctx: any) {
      const { reason } = parse(rejectSchema, ctx.request.body);
      await membership().reject(actor(ctx), state(ctx).workspace, target(ctx), reason);
      done(ctx, 'Request rejected');
    },

    async remove(ctx: any) {
      await membership().remove(actor(ctx), state(ctx).workspace, target(ctx));
      done(ctx, 'Member removed');
    },

    async promote(ctx: any) {
      await membership().promote(actor(ctx), state(ctx).workspace, target(ctx));
      done(ctx, 'Member is now a manager');
    },

    async demote(ctx: any) {
      await membership().demote(actor(ctx), state(ctx).workspace, target(ctx));
      done(ctx, 'Manager is now a member');
    },

    async invitations(ctx: any) {
      ctx.body = { data: await membership().pendingInvitations(state(ctx).workspace.id) };
    },

    async invite(ctx: any) {
      const { email } = parse(inviteSchema, ctx.request.body);
      const { workspace } = state(ctx);
      const { token, invitation } = await membership().invite(actor(ctx), workspace, email);
      // The plain token leaves the CMS once, in the mail; only its hash is kept. A failed send
      // can be retried: a new invitation replaces the pending one.
      await accounts(strapi).mail.invitation(invitation.email, {
        token,
        workspaceTitle: workspace.title,
        inviterName: await accounts(strapi).accounts.displayName(actor(ctx)),
      });
      ctx.status = 201;
      ctx.body = { data: invitation };
    },

    async revokeInvitation(ctx: any) {
      const invitationId = parse(idSchema('invitationId'), ctx.params.invitationId);
      await membership().revokeInvitation(actor(ctx), state(ctx).workspace, invitationId);
      done(ctx, 'Invitation withdrawn');
    },

    async audit(ctx: any) {
      const { page, pageSize, ...filters } = parse(auditQuerySchema, ctx.query);
      const { results, pagination } = await accounts(strapi).audit.list(state(ctx).workspace.id, filters, page, pageSize);
      ctx.body = { data: results, meta: { pagination } };
    },

    async auditCsv(ctx: any) {
      const { page: _page, pageSize: _pageSize, ...filters } = parse(auditQuerySchema, ctx.query);
      const { workspace } = state(ctx);
      ctx.set('Content-Type', 'text/csv; charset=utf-8');
      ctx.set('Content-Disposition', `attachment; filename="${workspace.slug}-audit.csv"`);
      ctx.set('X-Content-Type-Options', 'nosniff');
      ctx.body = await accounts(strapi).audit.csv(workspace.id, filters);
    },
  };
};
