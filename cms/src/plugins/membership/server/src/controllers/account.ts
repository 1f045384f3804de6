import type { Core } from '@strapi/strapi';
import { getService } from '../utils';
import { deleteAccountSchema, parse, profileSchema } from './validation';

/** The signed-in person's own account: who they are, their profile, and deleting it. */
export default ({ strapi }: { strapi: Core.Strapi }) => {
  const accounts = () => getService(strapi, 'accounts');
  return {
    async me(ctx: any) {
      ctx.body = { data: await accounts().viewer(ctx.state.user.id) };
    },

    async updateMe(ctx: any) {
      const profile = parse(profileSchema, ctx.request.body);
      ctx.body = { data: await accounts().updateProfile(ctx.state.user.id, profile) };
    },

    async deleteMe(ctx: any) {
      const { password } = parse(deleteAccountSchema, ctx.request.body);
      await accounts().deleteAccount(ctx.state.user.id, password);
      ctx.status = 204;
    },
  };
};
