import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { getService } from '../utils';
import { tokenSchema } from './validation';

/** Invitations are answered by token by the signed-in person they were sent to. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const token = (ctx: any) => {
    const parsed = tokenSchema.safeParse(ctx.params.token);
    if (!parsed.success) throw new errors.NotFoundError('This invitation link is not valid');
    return parsed.data;
  };
  return {
    /** What the invitation page shows before anyone signs in: the link itself is the secret. */
    async show(ctx: any) {
      ctx.body = { data: await getService(strapi, 'membership').describeInvitation(token(ctx)) };
    },

    async accept(ctx: any) {
      const { workspace } = await getService(strapi, 'membership').acceptInvitation(ctx.state.user.id, { token: token(ctx) });
      ctx.body = { data: { ok: true, message: 'You have joined this workspace', workspace } };
    },
    async decline(ctx: any) {
      await getService(strapi, 'membership').declineInvitation(ctx.state.user.id, { token: token(ctx) });
      ctx.body = { data: { ok: true, message: 'Invitation declined' } };
    },
  };
};
