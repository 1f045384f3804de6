import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { isUniqueViolation } from '../../bootstrap/database-indexes';

/**
 * Our accounts rules on top of users-permissions (its routes, tokens and mails stay Strapi's):
 * - an access token is honoured only while the session behind it exists, so signing out, a
 *   password change or reset and deleting the account end sessions at once, not when the
 *   token expires;
 * - registration is checked by the membership plugin (profile, password, domain allow-list or
 *   invitation) and answers the same whether or not the address already has an account;
 * - passwords meet one rule everywhere, and a reset link works for one hour;
 * - sign-in, registration, mails and password changes are rate-limited per account.
 */
const RESET_LINK_LIFETIME_MS = 60 * 60 * 1000;
const USER_UID = 'plugin::users-permissions.user';

type Factory = ({ strapi }: { strapi: Core.Strapi }) => Record<string, any>;

const accounts = (strapi: Core.Strapi) => strapi.plugin('membership').service('accounts');
const limit = (strapi: Core.Strapi, name: string, key: unknown) =>
  typeof key === 'string' || typeof key === 'number' ? strapi.plugin('membership').service('rate-limit').consume(name, key) : undefined;

export default (plugin: { services: Record<string, Factory>; controllers: Record<string, Factory> }) => {
  const jwtFactory = plugin.services.jwt;
  plugin.services.jwt = ({ strapi }) => {
    const jwt = jwtFactory({ strapi });
    const verify = jwt.verify.bind(jwt);
    return Object.assign(jwt, {
      async verify(token: string) {
        const payload = await verify(token);
        if (payload?.sessionId && !(await strapi.sessionManager('users-permissions').isSessionActive(payload.sessionId))) {
          throw new Error('Invalid token.');
        }
        return payload;
      },
    });
  };

  const authFactory = plugin.controllers.auth;
  plugin.controllers.auth = ({ strapi }) => {
    const auth = authFactory({ strapi });
    const { callback, register, forgotPassword, resetPassword, changePassword, sendEmailConfirmation, logout } = auth;
    // Reset and change validate their bodies strictly and refuse a deviceId they would use.
    const withoutDeviceId = (ctx: any) => {
      if (ctx.request.body && typeof ctx.request.body === 'object') delete ctx.request.body.deviceId;
    };
    const requireGoodPassword = (body: { password?: unknown }) => accounts(strapi).checkPassword(body?.password);

    return Object.assign(auth, {
      async callback(ctx: any) {
        const identifier = ctx.request.body?.identifier;
        if (typeof identifier !== 'string') return callback.call(auth, ctx);
        await strapi
          .plugin('membership')
          .service('rate-limit')
          .limitFailures('signIn', identifier, () => callback.call(auth, ctx));
      },

      async register(ctx: any) {
        await limit(strapi, 'registration', ctx.request.body?.email);
        const registration = await accounts(strapi).prepareRegistration(ctx.request.body);
        if (registration) {
          ctx.request.body = registration;
          try {
            await register.call(auth, ctx);
          } catch (error) {
            // Two submissions of one form race to create the account: the loser says the same.
            const taken = (error instanceof errors.ApplicationError && /already taken|must be unique/i.test(error.message)) || isUniqueViolation(error);
            if (!taken) throw error;
          }
        }
        ctx.status = 200;
        ctx.body = { ok: true };
      },

      async forgotPassword(ctx: any) {
        await limit(strapi, 'passwordResetMail', ctx.request.body?.email);
        await forgotPassword.call(auth, ctx);
        const email = typeof ctx.request.body?.email === 'string' ? ctx.request.body.email.toLowerCase() : null;
        if (email) {
          await strapi.db.query(USER_UID).updateMany({
            where: { email, resetPasswordToken: { $notNull: true } },
            data: { resetPasswordRequestedAt: new Date() },
          });
        }
      },

      async resetPassword(ctx: any) {
        requireGoodPassword(ctx.request.body);
        const code = ctx.request.body?.code;
        if (typeof code === 'string' && code.length > 0) {
          const user = await strapi.db.query(USER_UID).findOne({
            select: ['id', 'resetPasswordRequestedAt'],
            where: { resetPasswordToken: code },
          });
          const requestedAt = user?.resetPasswordRequestedAt ? new Date(user.resetPasswordRequestedAt).getTime() : 0;
          if (user && Date.now() - requestedAt > RESET_LINK_LIFETIME_MS) {
            await strapi.db.query(USER_UID).update({ where: { id: user.id }, data: { resetPasswordToken: null } });
            throw new errors.ValidationError('This link has expired: ask for a new one');
          }
        }
        withoutDeviceId(ctx);
        await resetPassword.call(auth, ctx);
      },

      async sendEmailConfirmation(ctx: any) {
        await limit(strapi, 'confirmationMail', ctx.request.body?.email);
        await sendEmailConfirmation.call(auth, ctx);
      },

      async changePassword(ctx: any) {
        await limit(strapi, 'passwordChange', ctx.state.user?.id);
        requireGoodPassword(ctx.request.body);
        withoutDeviceId(ctx);
        await changePassword.call(auth, ctx);
      },

      /**
       * Signing out with a refresh token ends its whole family (every rotation of it, by its
       * device id), so no access token minted earlier in that browser outlives the sign-out.
       */
      async logout(ctx: any) {
        const refreshToken = ctx.request.body?.refreshToken;
        if (ctx.state.user && typeof refreshToken === 'string') {
          const validation = await strapi.sessionManager('users-permissions').validateRefreshToken(refreshToken);
          if (validation.isValid && String(validation.userId) === String(ctx.state.user.id)) {
            const session = await strapi.db.query('admin::session').findOne({ select: ['deviceId'], where: { sessionId: validation.sessionId } });
            if (session?.deviceId) ctx.request.body = { deviceId: session.deviceId };
          }
        }
        await logout.call(auth, ctx);
      },
    });
  };

  return plugin;
};
