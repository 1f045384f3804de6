import type { Core } from '@strapi/strapi';
import { ALLOWED_DOMAIN_UID, AUDIT_EVENT_UID, PLUGIN_ID } from './constants';
import routes from './routes';
import { siteUrl } from './services/mail';

/**
 * Our plugins whose content-API routes signed-in members call. Each route's own policies decide
 * who may do what (the forum's use this plugin's access policies); the role only opens the door.
 */
export const MEMBER_PLUGINS = [PLUGIN_ID, 'forum', 'page-builder'];

/** The users-permissions actions of our plugins' content-API routes. */
export function contentApiActions(strapi?: Core.Strapi): string[] {
  const actions = MEMBER_PLUGINS.flatMap((plugin) => {
    const pluginRoutes = plugin === PLUGIN_ID ? routes['content-api'].routes : (strapi?.plugin(plugin)?.routes?.['content-api']?.routes ?? []);
    return (pluginRoutes as { handler: string }[]).map((route) => `plugin::${plugin}.${route.handler}`);
  });
  return [...new Set(actions)];
}

/** Plugin routes that answer without sign-in (they reveal only what docs/design.md#workspaces-and-access makes public). */
export const PUBLIC_HANDLERS = ['workspace.access', 'workspace.managers', 'invitation.show'];

const auth = (action: string) => `plugin::users-permissions.auth.${action}`;

/**
 * Everything the content API's roles may do, and nothing else: the content API is never a side
 * door (docs/design.md#workspaces-and-access). Strapi's own user, role and permission routes
 * (`/api/users`, ...) are closed to both roles; the site reads content with its own scoped token.
 * Reasserted at every start, so a permission ticked by mistake in the admin does not survive a
 * restart.
 */
export function rolePermissions(strapi?: Core.Strapi): Record<'public' | 'authenticated', string[]> {
  const plugin = contentApiActions(strapi);
  const publicPlugin = PUBLIC_HANDLERS.map((handler) => `plugin::${PLUGIN_ID}.${handler}`);
  return {
    public: [
      ...['callback', 'register', 'forgotPassword', 'resetPassword', 'emailConfirmation', 'sendEmailConfirmation', 'refresh'].map(auth),
      ...publicPlugin,
    ],
    authenticated: [...['changePassword', 'logout', 'refresh'].map(auth), ...plugin],
  };
}

async function enforceRolePermissions(strapi: Core.Strapi) {
  const roles = strapi.db.query('plugin::users-permissions.role');
  const permissions = strapi.db.query('plugin::users-permissions.permission');
  for (const [type, actions] of Object.entries(rolePermissions(strapi))) {
    const role = await roles.findOne({ where: { type } });
    if (!role) throw new Error(`membership: the users-permissions role "${type}" does not exist yet`);
    const existing = await permissions.findMany({ select: ['id', 'action'], where: { role: { id: role.id } } });
    const unwanted = existing.filter((permission: { action: string }) => !actions.includes(permission.action));
    if (unwanted.length > 0) await permissions.deleteMany({ where: { id: { $in: unwanted.map((permission: { id: number }) => permission.id) } } });
    const have = new Set(existing.map((permission: { action: string }) => permission.action));
    for (const action of actions.filter((action) => !have.has(action))) {
      await permissions.create({ data: { action, role: role.id } });
    }
  }
}

function sender() {
  const from = process.env.EMAIL_FROM || 'FutureNHS <no-reply@futurenhs.localhost>';
  const match = /^\s*(.*?)\s*<([^>]+)>\s*$/.exec(from);
  return match ? { name: match[1] || 'FutureNHS', email: match[2] } : { name: 'FutureNHS', email: from.trim() };
}

/**
 * Registration needs a confirmed email; confirmation and reset links go to the site (the CMS
 * need not be public). The site's /confirm-email page calls the CMS with the code.
 */
async function configureAccountMail(strapi: Core.Strapi) {
  const store = strapi.store({ type: 'plugin', name: 'users-permissions' });
  const site = siteUrl();
  const advanced = ((await store.get({ key: 'advanced' })) ?? {}) as Record<string, unknown>;
  await store.set({
    key: 'advanced',
    value: {
      ...advanced,
      unique_email: true,
      allow_register: true,
      email_confirmation: true,
      email_reset_password: `${site}/reset-password`,
      email_confirmation_redirection: `${site}/sign-in?confirmed=1`,
      default_role: 'authenticated',
    },
  });
  const template = (object: string, paragraphs: string[], link: string, linkText: string) => ({
    options: {
      from: sender(),
      response_email: '',
      object,
      message: [...paragraphs.map((paragraph) => `<p>${paragraph}</p>`), `<p><a href="${link}">${linkText}</a></p>`, '<p>FutureNHS</p>'].join('\n'),
    },
  });
  const email = ((await store.get({ key: 'email' })) ?? {}) as Record<string, Record<string, unknown>>;
  await store.set({
    key: 'email',
    value: {
      ...email,
      email_confirmation: {
        ...email.email_confirmation,
        ...template(
          'Confirm your email address for FutureNHS',
          ['Thank you for registering with FutureNHS.', 'Confirm your email address to finish creating your account.'],
          `${site}/confirm-email?confirmation=<%= CODE %>`,
          'Confirm your email address',
        ),
      },
      reset_password: {
        ...email.reset_password,
        ...template(
          'Reset your FutureNHS password',
          [
            'Someone, probably you, asked to reset the password of your FutureNHS account.',
            'The link works once, for one hour. If you did not ask, you can ignore this email: your password has not changed.',
          ],
          '<%= URL %>?code=<%= TOKEN %>',
          'Choose a new password',
        ),
      },
    },
  });
}

/**
 * A new platform starts with the allow-list in ALLOWED_EMAIL_DOMAINS; from then on platform
 * admins own it in the admin panel (an emptied list stays empty).
 */
async function initialiseAllowList(strapi: Core.Strapi) {
  const store = strapi.store({ type: 'plugin', name: PLUGIN_ID });
  if (await store.get({ key: 'allow-list-initialised' })) return;
  const domains = (process.env.ALLOWED_EMAIL_DOMAINS ?? 'nhs.net,*.nhs.net,*.nhs.uk')
    .split(',')
    .map((domain) => domain.trim().toLowerCase())
    .filter(Boolean);
  for (const domain of domains) {
    if (!(await strapi.db.query(ALLOWED_DOMAIN_UID).findOne({ where: { domain } }))) {
      await strapi.db.query(ALLOWED_DOMAIN_UID).create({ data: { domain, note: 'Initial allow-list (ALLOWED_EMAIL_DOMAINS)' } });
    }
  }
  await store.set({ key: 'allow-list-initialised', value: true });
}

export default async ({ strapi }: { strapi: Core.Strapi }) => {
  await enforceRolePermissions(strapi);
  await configureAccountMail(strapi);
  await initialiseAllowList(strapi);
};

/** The audit log is append-only, in the admin panel too. */
export function guardAuditLog(strapi: Core.Strapi) {
  const refuse = () => {
    throw new Error('Audit events are append-only: they cannot be changed or deleted');
  };
  strapi.db.lifecycles.subscribe({
    models: [AUDIT_EVENT_UID],
    beforeUpdate: refuse,
    beforeUpdateMany: refuse,
    beforeDelete: refuse,
    beforeDeleteMany: refuse,
  });
}
