import { setTimeout as delay } from 'node:timers/promises';
import type { Core } from '@strapi/strapi';
import { errors, z } from '@strapi/utils';

/**
 * Our accounts rules on top of users-permissions (its routes, tokens and mails stay Strapi's):
 * - an access token is honoured only while the session behind it exists, so signing out, a
 *   password change or reset and deleting the account end sessions at once, not when the
 *   token expires;
 * - registration is checked by the accounts plugin (profile, password, domain allow-list or
 *   invitation) and answers the same whether or not the address already has an account;
 * - sign-in, registration, forgotten-password and "send the link again" take the same time and
 *   answer the same whatever the address: whatever differs (accounts, mails) is queued;
 * - passwords meet one rule everywhere, and a reset link works for one hour;
 * - every route is rate-limited per client address and per account (ROUTE_LIMITS), sign-in by
 *   its failures only (see the accounts plugin's rate-limit service). These are Strapi's own
 *   routes, so their limits are counted here rather than declared on routes as ours are.
 */
const RESET_LINK_LIFETIME_MS = 60 * 60 * 1000;
/** How long a sign-in waits for its account's queued registration. */
const SETTLE_WAIT_MS = 2_000;
const USER_UID = 'plugin::users-permissions.user';

type Factory = ({ strapi }: { strapi: Core.Strapi }) => Record<string, any>;
type Guard = [name: string, key: string | number];

const accounts = (strapi: Core.Strapi, name: 'accounts' | 'rate-limit' | 'queue') => strapi.plugin('accounts').service(name);
/** The client a request counts against: the visitor the site vouches for, else its address (see the rate-limit service). */
const clientOf = (strapi: Core.Strapi, ctx: any): string => accounts(strapi, 'rate-limit').clientOf(ctx);

/**
 * What each route counts before it does anything, by limit name (the accounts plugin's
 * rate-limit service declares each limit's numbers): per client address, per the address typed
 * in the body, per the signed-in member.
 */
const ROUTE_LIMITS: Record<string, { client?: string; email?: string; member?: string }> = {
  register: { client: 'registrationClient', email: 'registration' },
  forgotPassword: { client: 'passwordResetMailClient', email: 'passwordResetMail' },
  sendEmailConfirmation: { client: 'confirmationMailClient', email: 'confirmationMail' },
  resetPassword: { client: 'passwordResetClient' },
  changePassword: { member: 'passwordChange' },
};

/** Sign-in counts failures: per (account, client) pair, per client, and per account (which only slows). */
const signInGuards = (client: string, identifier: string): Guard[] => {
  const account = identifier.trim().toLowerCase();
  return [
    ['signIn', `${account} ${client}`],
    ['signInClient', client],
    ['signInAccount', account],
  ];
};

/** The queue's key for work on the account of an address (or a sign-in identifier). */
const accountKey = (email: string) => `account:${email.trim().toLowerCase()}`;

/** The body of forgotten-password and "send the link again", checked before anything is queued. */
const emailSchema = z.object({
  email: z
    .string({ error: 'Enter your email address' })
    .trim()
    .max(254, { error: 'Enter an email address of 254 characters or fewer' })
    .pipe(z.email({ error: 'Enter an email address in the correct format, like name@example.com' })),
});

function emailOf(body: unknown): string {
  const result = emailSchema.safeParse(body ?? {});
  if (result.success) return result.data.email.toLowerCase();
  const fieldErrors = result.error.issues.map((issue) => ({ path: ['email'], message: issue.message }));
  throw new errors.ValidationError(fieldErrors[0].message, { errors: fieldErrors });
}

async function limitRoute(strapi: Core.Strapi, route: keyof typeof ROUTE_LIMITS, ctx: any) {
  const { client, email, member } = ROUTE_LIMITS[route];
  const typed = ctx.request.body?.email;
  const guards: Guard[] = [];
  if (client) guards.push([client, clientOf(strapi, ctx)]);
  if (email && typeof typed === 'string' && typed.trim()) guards.push([email, typed.trim().toLowerCase()]);
  if (member && ctx.state.user?.id !== undefined) guards.push([member, ctx.state.user.id]);
  await accounts(strapi, 'rate-limit').consumeAll(guards);
}

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
    const { callback, resetPassword, changePassword, logout } = auth;
    // Reset and change validate their bodies strictly and refuse a deviceId they would use.
    const withoutDeviceId = (ctx: any) => {
      if (ctx.request.body && typeof ctx.request.body === 'object') delete ctx.request.body.deviceId;
    };
    const requireGoodPassword = (body: { password?: unknown }) => accounts(strapi, 'accounts').checkPassword(body?.password);

    return Object.assign(auth, {
      async callback(ctx: any) {
        const identifier = ctx.request.body?.identifier;
        if (typeof identifier !== 'string') return callback.call(auth, ctx);
        const { password } = ctx.request.body;
        await accounts(strapi, 'rate-limit').limitFailures(
          signInGuards(clientOf(strapi, ctx), identifier),
          async () => {
            // An account registered a moment ago is still being made (queued): wait for it, though
            // never long (a mail server that refuses keeps the job retrying).
            await Promise.race([accounts(strapi, 'queue').settled(accountKey(identifier)), delay(SETTLE_WAIT_MS, undefined, { ref: false })]);
            // No account: the same password check, against a decoy, before users-permissions refuses.
            const account = await accounts(strapi, 'accounts').findSignInAccount(identifier);
            if (!account?.password) await accounts(strapi, 'accounts').checkPasswordOfNobody(password);
            await callback.call(auth, ctx);
          },
          () => accounts(strapi, 'queue').enqueue('sign-in flood warning', () => accounts(strapi, 'accounts').warnOfFlood(identifier), { after: ctx.res }),
        );
      },

      async register(ctx: any) {
        await limitRoute(strapi, 'register', ctx);
        const registration = await accounts(strapi, 'accounts').checkRegistration(ctx.request.body);
        accounts(strapi, 'queue').enqueue('registration', () => accounts(strapi, 'accounts').completeRegistration(registration), {
          after: ctx.res,
          key: accountKey(registration.email),
        });
        ctx.status = 200;
        ctx.body = { ok: true };
      },

      async forgotPassword(ctx: any) {
        await limitRoute(strapi, 'forgotPassword', ctx);
        const email = emailOf(ctx.request.body);
        accounts(strapi, 'queue').enqueue('password reset mail', () => accounts(strapi, 'accounts').sendPasswordReset(email), { after: ctx.res });
        ctx.body = { ok: true };
      },

      async resetPassword(ctx: any) {
        await limitRoute(strapi, 'resetPassword', ctx);
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

      /** Answers as users-permissions does for an unknown address, whatever the address. */
      async sendEmailConfirmation(ctx: any) {
        await limitRoute(strapi, 'sendEmailConfirmation', ctx);
        const email = emailOf(ctx.request.body);
        accounts(strapi, 'queue').enqueue('confirmation mail', () => accounts(strapi, 'accounts').resendConfirmation(email), { after: ctx.res });
        ctx.body = { email, sent: true };
      },

      async changePassword(ctx: any) {
        await limitRoute(strapi, 'changePassword', ctx);
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
