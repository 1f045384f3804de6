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

    async replacePhoto(ctx: any) {
      const file = ctx.request.files?.photo;
      await getService(strapi, 'profile-photo').replace(ctx.state.user.id, Array.isArray(file) ? file[0] : file);
      ctx.body = { data: await accounts().viewer(ctx.state.user.id) };
    },

    async removePhoto(ctx: any) {
      await getService(strapi, 'profile-photo').remove(ctx.state.user.id);
      ctx.body = { data: await accounts().viewer(ctx.state.user.id) };
    },

    async deleteMe(ctx: any) {
      const { password } = parse(deleteAccountSchema, ctx.request.body);
      await accounts().deleteAccount(ctx.state.user.id, password);
      ctx.status = 204;
    },
  };
};
